package io.crmpulse.api;

import io.crmpulse.records.ActivityCell;
import io.crmpulse.records.ChurnRiskModel;
import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.ContactDay;
import io.crmpulse.records.ContactedCell;
import io.crmpulse.records.CoveredCell;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.CustomerSegment;
import io.crmpulse.records.AlertEvent;
import io.crmpulse.records.AlertRule;
import io.crmpulse.records.LateEvent;
import io.crmpulse.records.OfficeScorecard;
import io.crmpulse.records.RevenueCell;
import io.crmpulse.records.ScorecardRating;
import io.crmpulse.schemas.Topics;
import io.crmpulse.state.CustomerState;
import io.crmpulse.state.MemberRanking;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.StoreNames;
import io.crmpulse.streams.counters.CohortReads;
import io.crmpulse.streams.counters.DailyCounterReads;
import io.crmpulse.streams.matches.MatchReads;
import io.crmpulse.streams.segments.SegmentTally;
import io.crmpulse.streams.segments.SegmentsTopology;
import io.crmpulse.streams.risk.PurchaseSummary;
import io.crmpulse.streams.risk.Rfm;
import io.crmpulse.streams.risk.RiskSettings;
import io.crmpulse.streams.scorecard.ScorecardState;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.HashMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The one component that finds a store: a group's daily counters live in the partition its key hashes
 * to (they were repartitioned by group), read locally when this instance owns it and forwarded once to
 * the owner otherwise; questions about every group or every partition fan out to all instances.
 * How an owner is found, a local store read and another instance asked is {@link Instances}.
 */
@Singleton
@Requires(beans = KafkaStreams.class)
final class StoreLocator implements FiguresSource {

    /** The wire form of per-day and per-period counters: a vector of numbers per key. */
    private static final Argument<Map<String, List<Long>>> DAY_VECTORS = Argument.mapOf(Argument.STRING, Argument.listOf(Long.class));

    private final KafkaStreams streams;
    private final ApiSettings settings;
    private final Instances instances;
    private final Progress.Reused progress = new Progress.Reused();
    private final UnprocessedRecords unprocessed;

    StoreLocator(KafkaStreams streams, ApiSettings settings) {
        this.streams = streams;
        this.settings = settings;
        this.instances = new Instances(streams, settings.internal());
        this.unprocessed = new UnprocessedRecords(streams);
    }

    @Override
    public Map<LocalDate, CustomerFlows> days(String group) {
        return ofGroup(StoreNames.DAILY_COUNTERS, group, "/internal/v1/days", DAY_VECTORS, InternalController::fromWire,
                partition -> localDayCounters(StoreNames.DAILY_COUNTERS, group, partition));
    }

    @Override
    public Map<LocalDate, CustomerFlows> months(String group) {
        return ofGroup(StoreNames.MONTHLY_COUNTERS, group, "/internal/v1/months", DAY_VECTORS, InternalController::fromWire,
                partition -> localDayCounters(StoreNames.MONTHLY_COUNTERS, group, partition));
    }

    @Override
    public Map<String, ActivityCell> repeat(String group) {
        return ofGroup(StoreNames.REPEAT_COUNTERS, group, "/internal/v1/repeat", DAY_VECTORS, InternalController::repeatFromWire,
                partition -> localPeriodCounters(StoreNames.REPEAT_COUNTERS, group, partition));
    }

    @Override
    public Map<String, ContactedCell> contacted(String group) {
        return ofGroup(StoreNames.CONTACTED_COUNTERS, group, "/internal/v1/contacted", DAY_VECTORS, InternalController::contactedFromWire,
                partition -> localPeriodCounters(StoreNames.CONTACTED_COUNTERS, group, partition));
    }

    @Override
    public Map<String, CoveredCell> covered(String group) {
        return ofGroup(StoreNames.COVERED_COUNTERS, group, "/internal/v1/covered", DAY_VECTORS, InternalController::coveredFromWire,
                partition -> localPeriodCounters(StoreNames.COVERED_COUNTERS, group, partition));
    }

    /** The local cells of a store keyed {@code GROUP|LABEL} (repeat, contacted or covered counters) of exactly {@code group}. */
    <V> Map<String, V> localPeriodCounters(String store, String group, Integer partition) {
        return instances.read(store, partition, (ReadOnlyKeyValueStore<String, V> s) -> DailyCounterReads.periods(s, group));
    }

    @Override
    public Map<LocalDate, ContactDay> contactDays(String group) {
        return ofGroup(StoreNames.CONTACT_COUNTERS, group, "/internal/v1/contact-days", DAY_VECTORS, InternalController::contactDaysFromWire,
                partition -> localDayCounters(StoreNames.CONTACT_COUNTERS, group, partition));
    }

    @Override
    public Map<LocalDate, ComplaintDay> complaintDays(String group) {
        return ofGroup(StoreNames.COMPLAINT_COUNTERS, group, "/internal/v1/complaint-days", DAY_VECTORS,
                InternalController::complaintDaysFromWire, partition -> localDayCounters(StoreNames.COMPLAINT_COUNTERS, group, partition));
    }

    @Override
    public List<AlertEvent> alerts() {
        List<AlertEvent> alerts = new ArrayList<>();
        // Alerts on groups are kept by the counter tasks, alerts on customers by the lifecycle tasks.
        for (String store : List.of(StoreNames.ALERT_STATES, StoreNames.CUSTOMER_ALERTS)) {
            instances.fanOut(store, () -> RecordsWire.toWire(localAlerts(store)), "/internal/v1/alerts?store=" + store,
                    Argument.listOf(String.class)).forEach(part -> alerts.addAll(RecordsWire.alertsFromWire(part)));
        }
        return alerts;
    }

    /** The alerts this instance's tasks keep in {@code store} ({@link StoreNames#ALERT_STATES} or {@link StoreNames#CUSTOMER_ALERTS}). */
    List<AlertEvent> localAlerts(String store) {
        return instances.values(store);
    }

    /** A global store: every instance has every rule. */
    @Override
    public List<AlertRule> alertRules() {
        return instances.values(StoreNames.ALERT_RULES);
    }

    @Override
    public ScorecardState scorecard(String group) {
        return ofGroup(StoreNames.SCORECARDS, group, "/internal/v1/scorecard", RecordsWire.FORM, RecordsWire::scorecardFromWire,
                partition -> localScorecard(group, partition));
    }

    ScorecardState localScorecard(String group, Integer partition) {
        return instances.read(StoreNames.SCORECARDS, partition, (ReadOnlyKeyValueStore<String, OfficeScorecard> sheets) ->
                instances.read(StoreNames.SCORECARD_RATINGS, partition, (ReadOnlyKeyValueStore<String, ScorecardRating> ratings) ->
                        instances.read(StoreNames.SCORECARD_LATE_EVENTS, partition, (ReadOnlyKeyValueStore<String, LateEvent> late) ->
                                ScorecardState.read(sheets, ratings, late, group))));
    }

    @Override
    public Map<YearMonth, Map<YearMonth, Long>> cohorts(String group) {
        return ofGroup(StoreNames.COHORT_COUNTERS, group, "/internal/v1/cohorts",
                Argument.mapOf(Argument.STRING, Argument.mapOf(String.class, Long.class)), InternalController::cohortsFromWire,
                partition -> localCohorts(group, partition));
    }

    @Override
    public Map<YearMonth, Map<YearMonth, java.math.BigDecimal>> revenueCohorts(String group) {
        return ofGroup(StoreNames.REVENUE_COHORT_COUNTERS, group, "/internal/v1/revenue-cohorts",
                Argument.mapOf(Argument.STRING, Argument.mapOf(String.class, java.math.BigDecimal.class)), InternalController::revenueFromWire,
                partition -> localRevenueCohorts(group, partition));
    }

    Map<YearMonth, Map<YearMonth, java.math.BigDecimal>> localRevenueCohorts(String group, Integer partition) {
        Map<YearMonth, Map<YearMonth, java.math.BigDecimal>> amounts = new java.util.TreeMap<>();
        instances.read(StoreNames.REVENUE_COHORT_COUNTERS, partition, (ReadOnlyKeyValueStore<String, RevenueCell> store) -> CohortReads.cells(store, group))
                .forEach((cohort, months) -> months.forEach((month, cell) ->
                        amounts.computeIfAbsent(cohort, c -> new java.util.TreeMap<>()).put(month, cell.getAmount())));
        return amounts;
    }

    /** The per-day counters of exactly {@code group} in one of the stores keyed {@code GROUP|YYYY-MM-DD}, on this instance. */
    <V> Map<LocalDate, V> localDayCounters(String store, String group, Integer partition) {
        return instances.read(store, partition, (ReadOnlyKeyValueStore<String, V> counters) -> DailyCounterReads.days(counters, group));
    }

    @Override
    public Optional<CustomerSegment> segment(String customerId) {
        // Every customer's segment lives in the partition of the one key the classification runs under.
        KeyQueryMetadata owner = instances.owner(StoreNames.CUSTOMER_SEGMENTS, SegmentsTopology.KEY);
        if (!instances.isSelf(owner.activeHost())) {
            return instances.forwardOptional(owner.activeHost(), "/internal/v1/segments/" + Instances.encode(customerId), Argument.of(SegmentRow.class))
                    .map(SegmentRow::toRecord);
        }
        return localSegment(customerId, owner.partition());
    }

    Optional<CustomerSegment> localSegment(String customerId, Integer partition) {
        return Optional.ofNullable(instances.read(StoreNames.CUSTOMER_SEGMENTS, partition,
                (ReadOnlyKeyValueStore<String, CustomerSegment> store) -> store.get(customerId)));
    }

    @Override
    public SegmentCounts segmentCounts() {
        KeyQueryMetadata owner = instances.owner(StoreNames.CUSTOMER_SEGMENTS, SegmentsTopology.KEY);
        if (!instances.isSelf(owner.activeHost())) {
            return instances.forward(owner.activeHost(), "/internal/v1/segments", Argument.of(SegmentCounts.class));
        }
        return localSegmentCounts(owner.partition());
    }

    SegmentCounts localSegmentCounts(Integer partition) {
        return SegmentCounts.of(instances.read(StoreNames.SEGMENT_COUNTS, partition, (ReadOnlyKeyValueStore<String, Long> store) -> SegmentTally.read(store)));
    }

    /**
     * What one store keeps for {@code group}: read locally from the partition the group hashes to when this
     * instance owns it, else asked once of the owner's internal endpoint {@code path} in wire form.
     */
    private <W, T> T ofGroup(String store, String group, String path, Argument<W> wire, java.util.function.Function<W, T> fromWire,
                             java.util.function.Function<Integer, T> local) {
        KeyQueryMetadata owner = instances.owner(store, group);
        if (!instances.isSelf(owner.activeHost())) {
            return fromWire.apply(instances.forward(owner.activeHost(), path + "?group=" + Instances.encode(group), wire));
        }
        return local.apply(owner.partition());
    }

    Map<YearMonth, Map<YearMonth, Long>> localCohorts(String group, Integer partition) {
        return instances.read(StoreNames.COHORT_COUNTERS, partition, (ReadOnlyKeyValueStore<String, Long> store) -> CohortReads.cells(store, group));
    }

    @Override
    public SortedSet<String> groups(String dimension) {
        SortedSet<String> groups = new TreeSet<>();
        instances.fanOut(StoreNames.MONTHLY_COUNTERS, () -> List.copyOf(localGroups(dimension)),
                "/internal/v1/groups?dimension=" + Instances.encode(dimension), Argument.listOf(String.class)).forEach(groups::addAll);
        return groups;
    }

    /** The groups of a dimension with counters on this instance, from their month totals (a group's 24 months, not its 730 days). */
    SortedSet<String> localGroups(String dimension) {
        return instances.read(StoreNames.MONTHLY_COUNTERS, null,
                (ReadOnlyKeyValueStore<String, CustomerFlows> store) -> DailyCounterReads.groups(store, dimension + ":"));
    }

    @Override
    public List<io.crmpulse.records.CustomerMatch> matches(int limit) {
        return instances.fanOut(StoreNames.CUSTOMER_MATCHES, () -> localMatches(limit).stream().map(MatchRow::of).toList(),
                "/internal/v1/matches?limit=" + limit, Argument.listOf(MatchRow.class))
                .stream().flatMap(List::stream).map(MatchRow::toRecord).toList();
    }

    List<io.crmpulse.records.CustomerMatch> localMatches(int limit) {
        return instances.read(StoreNames.CUSTOMER_MATCHES, null,
                (ReadOnlyKeyValueStore<String, io.crmpulse.records.CustomerMatch> store) -> MatchReads.matches(store, limit));
    }

    /**
     * At most 100 ms old ({@link Progress.Reused}): a watermark that old is still true, and every answer would otherwise
     * pay for asking every instance.
     */
    @Override
    public Progress progress() {
        return progress.get(this::measureProgress);
    }

    private Progress measureProgress() {
        List<Progress.Local> parts = instances.fanOut(StoreNames.COUNTED_THROUGH, this::localProgress, "/internal/v1/progress",
                Argument.of(Progress.Local.class));
        int partitions = (int) streams.metadataForAllStreamsClients().stream().flatMap(m -> m.topicPartitions().stream())
                .filter(tp -> tp.topic().equals(Topics.ORDER_EVENTS.name())).distinct().count();
        return Progress.of(parts, partitions);
    }

    Progress.Local localProgress() {
        return new Progress.Local(readAll(StoreNames.COUNTED_THROUGH),
                InternalController.clockToWire(this.<Integer>readAll(StoreNames.LIFECYCLE_CLOCK)), unprocessed.count());
    }

    /** Every entry of this instance's part of a small store of instants ({@code lifecycle-clock}, {@code counted-through}). */
    private <K> Map<K, Long> readAll(String storeName) {
        return instances.read(storeName, null, (ReadOnlyKeyValueStore<K, Long> store) -> {
            Map<K, Long> all = new HashMap<>();
            try (KeyValueIterator<K, Long> it = store.all()) {
                it.forEachRemaining(kv -> all.put(kv.key, kv.value));
            }
            return all;
        });
    }

    @Override
    public Optional<CustomerRow> customer(String customerId, Instant asOf) {
        KeyQueryMetadata owner = instances.owner(StoreNames.CUSTOMER_STATE, customerId);
        if (!instances.isSelf(owner.activeHost())) {
            return instances.forwardOptional(owner.activeHost(), "/internal/v1/customers/" + Instances.encode(customerId) + "?as_of=" + asOf.toEpochMilli(),
                    Argument.of(CustomerRow.class));
        }
        return localCustomer(customerId, owner.partition(), asOf);
    }

    Optional<CustomerRow> localCustomer(String customerId, Integer partition, Instant asOf) {
        CustomerState state = instances.read(StoreNames.CUSTOMER_STATE, partition,
                (ReadOnlyKeyValueStore<String, CustomerState> store) -> store.get(customerId));
        return Optional.ofNullable(state).map(c -> row(c, asOf, model()));
    }

    @Override
    public AtRiskList.Part atRisk(String group, Instant asOf, int top) {
        return AtRiskList.Part.merge(instances.fanOut(StoreNames.CUSTOMER_STATE, () -> localAtRisk(group, asOf, top),
                "/internal/v1/at-risk?group=" + Instances.encode(group) + "&as_of=" + asOf.toEpochMilli() + "&top=" + top,
                Argument.of(AtRiskList.Part.class)), top);
    }

    /**
     * This instance's part of an at-risk list. An office or staff member ranks the entries of its index of members,
     * which keep what ranking reads, partition by partition; a customer whose entry cannot tell (written before entries
     * held a ranking, or the list's instant before its last activity) is ranked from its state. All ranks every
     * customer's state. Only the first {@code top} are then read in full.
     */
    AtRiskList.Part localAtRisk(String group, Instant asOf, int top) {
        Optional<ChurnRiskModel> model = model();
        AtRiskList list = new AtRiskList(group, asOf, settings.lifecycle(), model, settings.risk().horizonWeeks(), top);
        if (group.equals(Groups.ALL)) {
            forEachLocalCustomer(list::offer);
        } else {
            String prefix = Groups.memberPrefix(group);
            for (int partition : instances.localLifecyclePartitions()) {
                instances.read(StoreNames.CUSTOMER_STATE, partition, (ReadOnlyKeyValueStore<String, CustomerState> states) ->
                        instances.read(StoreNames.GROUP_MEMBERS, partition, (ReadOnlyKeyValueStore<String, MemberRanking> index) -> {
                            try (KeyValueIterator<String, MemberRanking> it = index.prefixScan(prefix, Serdes.String().serializer())) {
                                it.forEachRemaining(kv -> {
                                    if (kv.value == null || !list.offer(kv.value)) {
                                        Optional.ofNullable(states.get(kv.key.substring(prefix.length()))).ifPresent(list::offer);
                                    }
                                });
                            }
                            return null;
                        }));
            }
        }
        return instances.read(StoreNames.CUSTOMER_STATE, null, (ReadOnlyKeyValueStore<String, CustomerState> states) ->
                list.part(states::get, c -> row(c, asOf, model)));
    }

    @Override
    public List<Rfm> summaries(Instant asOf) {
        return instances.fanOut(StoreNames.CUSTOMER_STATE, () -> localSummaries(asOf).stream().map(CustomerRows::rfmToWire).toList(),
                "/internal/v1/summaries?as_of=" + asOf.toEpochMilli(), Argument.listOf(Argument.listOf(Double.class)))
                .stream().flatMap(List::stream).map(CustomerRows::rfmFromWire).toList();
    }

    List<Rfm> localSummaries(Instant asOf) {
        List<Rfm> summaries = new ArrayList<>();
        forEachLocalCustomer(c -> PurchaseSummary.of(c, asOf, settings.zone()).ifPresent(summaries::add));
        return summaries;
    }

    @Override
    public Optional<ChurnRiskModel> model() {
        return Optional.ofNullable(instances.read(StoreNames.CHURN_RISK_MODEL, null,
                (ReadOnlyKeyValueStore<String, ChurnRiskModel> models) -> models.get(RiskSettings.name(settings.risk().variant()))));
    }

    private CustomerRow row(CustomerState customer, Instant asOf, Optional<ChurnRiskModel> model) {
        return CustomerRow.of(customer, asOf, settings.lifecycle(), model, settings.risk().horizonWeeks());
    }

    private void forEachLocalCustomer(java.util.function.Consumer<CustomerState> action) {
        instances.read(StoreNames.CUSTOMER_STATE, null, (ReadOnlyKeyValueStore<String, CustomerState> store) -> {
            try (KeyValueIterator<String, CustomerState> it = store.all()) {
                it.forEachRemaining(kv -> action.accept(kv.value));
            }
            return null;
        });
    }

    @Override
    public boolean ready() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        try {
            // A probe: the lifecycle's and the counters' stores answer (small ones, read on every /health).
            readAll(StoreNames.LIFECYCLE_CLOCK);
            readAll(StoreNames.COUNTED_THROUGH);
            return true;
        } catch (ApiErrors.Unavailable e) {
            return false;
        }
    }

    @Override
    public String state() {
        return streams.state().name();
    }
}
