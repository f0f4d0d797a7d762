package io.crmpulse.api;

import io.crmpulse.records.ActivityCell;
import io.crmpulse.records.ChurnRiskModel;
import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.ContactDay;
import io.crmpulse.records.ContactedCell;
import io.crmpulse.records.CoveredCell;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.CustomerSegment;
import io.crmpulse.records.RevenueCell;
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
import io.crmpulse.streams.counters.RepeatCountersTopology;
import io.crmpulse.streams.risk.PurchaseSummary;
import io.crmpulse.streams.risk.Rfm;
import io.crmpulse.streams.risk.RiskSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import java.net.URI;
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
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The one component that finds a store: a group's daily counters live in the partition its key hashes
 * to (they were repartitioned by group), read locally when this instance owns it and forwarded once to
 * the owner otherwise; questions about every group or every partition fan out to all instances.
 * {@code NOT_AVAILABLE} metadata and stores that are not yet queryable become 503 with Retry-After. Other instances are
 * asked on their internal listener (the streams' {@code application.server}) with the instance secret.
 */
@Singleton
@Requires(beans = KafkaStreams.class)
final class StoreLocator implements FiguresSource {

    static final String FORWARDED = "X-Pulse-Forwarded";
    /** The wire form of per-day and per-period counters: a vector of numbers per key. */
    private static final Argument<Map<String, List<Long>>> DAY_VECTORS = Argument.mapOf(Argument.STRING, Argument.listOf(Long.class));

    private final KafkaStreams streams;
    private final ApiSettings settings;
    private final HostInfo self;
    private final Map<HostInfo, HttpClient> clients = new ConcurrentHashMap<>();
    private final Progress.Reused progress = new Progress.Reused();
    private final UnprocessedRecords unprocessed;

    StoreLocator(KafkaStreams streams, ApiSettings settings) {
        this.streams = streams;
        this.settings = settings;
        this.self = HostInfo.buildFromEndpoint(settings.internal().server());
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
        return read(store, partition, (ReadOnlyKeyValueStore<String, V> s) -> DailyCounterReads.periods(s, group));
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
        read(StoreNames.REVENUE_COHORT_COUNTERS, partition, (ReadOnlyKeyValueStore<String, RevenueCell> store) -> CohortReads.cells(store, group))
                .forEach((cohort, months) -> months.forEach((month, cell) ->
                        amounts.computeIfAbsent(cohort, c -> new java.util.TreeMap<>()).put(month, cell.getAmount())));
        return amounts;
    }

    /** The per-day counters of exactly {@code group} in one of the stores keyed {@code GROUP|YYYY-MM-DD}, on this instance. */
    <V> Map<LocalDate, V> localDayCounters(String store, String group, Integer partition) {
        return read(store, partition, (ReadOnlyKeyValueStore<String, V> counters) -> DailyCounterReads.days(counters, group));
    }

    @Override
    public Optional<CustomerSegment> segment(String customerId) {
        // Every customer's segment lives in the partition of the one key the classification runs under.
        KeyQueryMetadata owner = owner(StoreNames.CUSTOMER_SEGMENTS, SegmentsTopology.KEY);
        if (!owner.activeHost().equals(self)) {
            return forwardOptional(owner.activeHost(), "/internal/v1/segments/" + encode(customerId), Argument.of(SegmentRow.class))
                    .map(SegmentRow::toRecord);
        }
        return localSegment(customerId, owner.partition());
    }

    Optional<CustomerSegment> localSegment(String customerId, Integer partition) {
        return Optional.ofNullable(read(StoreNames.CUSTOMER_SEGMENTS, partition,
                (ReadOnlyKeyValueStore<String, CustomerSegment> store) -> store.get(customerId)));
    }

    @Override
    public SegmentCounts segmentCounts() {
        KeyQueryMetadata owner = owner(StoreNames.CUSTOMER_SEGMENTS, SegmentsTopology.KEY);
        if (!owner.activeHost().equals(self)) {
            return forward(owner.activeHost(), "/internal/v1/segments", Argument.of(SegmentCounts.class));
        }
        return localSegmentCounts(owner.partition());
    }

    SegmentCounts localSegmentCounts(Integer partition) {
        return SegmentCounts.of(read(StoreNames.SEGMENT_COUNTS, partition, (ReadOnlyKeyValueStore<String, Long> store) -> SegmentTally.read(store)));
    }

    /**
     * What one store keeps for {@code group}: read locally from the partition the group hashes to when this
     * instance owns it, else asked once of the owner's internal endpoint {@code path} in wire form.
     */
    private <W, T> T ofGroup(String store, String group, String path, Argument<W> wire, java.util.function.Function<W, T> fromWire,
                             java.util.function.Function<Integer, T> local) {
        KeyQueryMetadata owner = owner(store, group);
        if (!owner.activeHost().equals(self)) {
            return fromWire.apply(forward(owner.activeHost(), path + "?group=" + encode(group), wire));
        }
        return local.apply(owner.partition());
    }

    Map<YearMonth, Map<YearMonth, Long>> localCohorts(String group, Integer partition) {
        return read(StoreNames.COHORT_COUNTERS, partition, (ReadOnlyKeyValueStore<String, Long> store) -> CohortReads.cells(store, group));
    }

    @Override
    public SortedSet<String> groups(String dimension) {
        SortedSet<String> groups = new TreeSet<>();
        fanOut(StoreNames.MONTHLY_COUNTERS, () -> List.copyOf(localGroups(dimension)),
                "/internal/v1/groups?dimension=" + encode(dimension), Argument.listOf(String.class)).forEach(groups::addAll);
        return groups;
    }

    /** The groups of a dimension with counters on this instance, from their month totals (a group's 24 months, not its 730 days). */
    SortedSet<String> localGroups(String dimension) {
        return read(StoreNames.MONTHLY_COUNTERS, null,
                (ReadOnlyKeyValueStore<String, CustomerFlows> store) -> DailyCounterReads.groups(store, dimension + ":"));
    }

    @Override
    public List<io.crmpulse.records.CustomerMatch> matches(int limit) {
        return fanOut(StoreNames.CUSTOMER_MATCHES, () -> localMatches(limit).stream().map(MatchRow::of).toList(),
                "/internal/v1/matches?limit=" + limit, Argument.listOf(MatchRow.class))
                .stream().flatMap(List::stream).map(MatchRow::toRecord).toList();
    }

    List<io.crmpulse.records.CustomerMatch> localMatches(int limit) {
        return read(StoreNames.CUSTOMER_MATCHES, null,
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
        List<Progress.Local> parts = fanOut(StoreNames.COUNTED_THROUGH, this::localProgress, "/internal/v1/progress",
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
        return read(storeName, null, (ReadOnlyKeyValueStore<K, Long> store) -> {
            Map<K, Long> all = new HashMap<>();
            try (KeyValueIterator<K, Long> it = store.all()) {
                it.forEachRemaining(kv -> all.put(kv.key, kv.value));
            }
            return all;
        });
    }

    @Override
    public Optional<CustomerRow> customer(String customerId, Instant asOf) {
        KeyQueryMetadata owner = owner(StoreNames.CUSTOMER_STATE, customerId);
        if (!owner.activeHost().equals(self)) {
            return forwardOptional(owner.activeHost(), "/internal/v1/customers/" + encode(customerId) + "?as_of=" + asOf.toEpochMilli(),
                    Argument.of(CustomerRow.class));
        }
        return localCustomer(customerId, owner.partition(), asOf);
    }

    Optional<CustomerRow> localCustomer(String customerId, Integer partition, Instant asOf) {
        CustomerState state = read(StoreNames.CUSTOMER_STATE, partition,
                (ReadOnlyKeyValueStore<String, CustomerState> store) -> store.get(customerId));
        return Optional.ofNullable(state).map(c -> row(c, asOf, model()));
    }

    @Override
    public AtRiskList.Part atRisk(String group, Instant asOf, int top) {
        return AtRiskList.Part.merge(fanOut(StoreNames.CUSTOMER_STATE, () -> localAtRisk(group, asOf, top),
                "/internal/v1/at-risk?group=" + encode(group) + "&as_of=" + asOf.toEpochMilli() + "&top=" + top,
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
            for (int partition : localLifecyclePartitions()) {
                read(StoreNames.CUSTOMER_STATE, partition, (ReadOnlyKeyValueStore<String, CustomerState> states) ->
                        read(StoreNames.GROUP_MEMBERS, partition, (ReadOnlyKeyValueStore<String, MemberRanking> index) -> {
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
        return read(StoreNames.CUSTOMER_STATE, null, (ReadOnlyKeyValueStore<String, CustomerState> states) ->
                list.part(states::get, c -> row(c, asOf, model)));
    }

    /** The partitions of the lifecycle (and so of its stores) whose active task runs on this instance. */
    private SortedSet<Integer> localLifecyclePartitions() {
        SortedSet<Integer> partitions = new TreeSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task -> task.topicPartitions().stream()
                .filter(tp -> tp.topic().equals(Topics.ORDER_EVENTS.name())).forEach(tp -> partitions.add(tp.partition()))));
        return partitions;
    }

    @Override
    public List<Rfm> summaries(Instant asOf) {
        return fanOut(StoreNames.CUSTOMER_STATE, () -> localSummaries(asOf).stream().map(CustomerRows::rfmToWire).toList(),
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
        return Optional.ofNullable(read(StoreNames.CHURN_RISK_MODEL, null,
                (ReadOnlyKeyValueStore<String, ChurnRiskModel> models) -> models.get(RiskSettings.name(settings.risk().variant()))));
    }

    private CustomerRow row(CustomerState customer, Instant asOf, Optional<ChurnRiskModel> model) {
        return CustomerRow.of(customer, asOf, settings.lifecycle(), model, settings.risk().horizonWeeks());
    }

    private void forEachLocalCustomer(java.util.function.Consumer<CustomerState> action) {
        read(StoreNames.CUSTOMER_STATE, null, (ReadOnlyKeyValueStore<String, CustomerState> store) -> {
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

    /**
     * One answer per instance hosting {@code store}: this instance's from {@code local}, every other's
     * from its internal endpoint at {@code path}, both in the same wire form.
     */
    private <T> List<T> fanOut(String store, java.util.function.Supplier<T> local, String path, Argument<T> type) {
        List<T> answers = new ArrayList<>();
        for (StreamsMetadata instance : instancesOf(store)) {
            answers.add(instance.hostInfo().equals(self) ? local.get() : forward(instance.hostInfo(), path, type));
        }
        return answers;
    }

    private List<StreamsMetadata> instancesOf(String store) {
        List<StreamsMetadata> instances = new ArrayList<>(streams.streamsMetadataForStore(store));
        if (instances.isEmpty()) {
            throw new ApiErrors.Unavailable("no instance hosts " + store + " yet (starting or rebalancing)");
        }
        return instances;
    }

    /** The instance and partition owning {@code key} in {@code store}; 503 while that is not known (rebalancing). */
    private KeyQueryMetadata owner(String store, String key) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new ApiErrors.Unavailable("the owner of " + key + " in " + store + " is not known yet (rebalancing)");
        }
        return owner;
    }

    /**
     * Reads this instance's part of a key-value store (one partition, or all local ones when
     * {@code partition} is null); a store that is restoring or migrating, when asked or while read, is 503.
     */
    private <K, V, T> T read(String storeName, Integer partition, java.util.function.Function<ReadOnlyKeyValueStore<K, V>, T> reader) {
        StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> query = StoreQueryParameters
                .fromNameAndType(storeName, QueryableStoreTypes.<K, V>keyValueStore());
        try {
            return reader.apply(streams.store(partition == null ? query : query.withPartition(partition)));
        } catch (InvalidStateStoreException e) {
            throw new ApiErrors.Unavailable(storeName + " is not queryable right now: " + e.getMessage());
        }
    }

    /** Asks the owning instance; a request that was itself forwarded is never forwarded again. */
    private <T> T forward(HostInfo owner, String path, Argument<T> type) {
        HttpRequest<?> current = ServerRequestContext.currentRequest()
                .orElseThrow(() -> new IllegalStateException("forwarding outside a request"));
        if (current.getHeaders().contains(FORWARDED)) {
            throw new ApiErrors.Unavailable("the store moved while the request was forwarded (rebalancing)");
        }
        HttpClient client = clients.computeIfAbsent(owner, h -> HttpClient.create(toUrl(h)));
        // The caller's key stays here: its scope was checked before asking, and the owner trusts the instance secret only.
        io.micronaut.http.MutableHttpRequest<?> request = HttpRequest.GET(path).header(FORWARDED, self.toString())
                .header(InstanceFilter.SECRET_HEADER, settings.internal().secret());
        try {
            return client.toBlocking().retrieve(request, type);
        } catch (HttpClientException e) {
            throw new ApiErrors.Unavailable("instance " + owner + " did not answer: " + e.getMessage(), e);
        }
    }

    /** Like {@link #forward}, but the owner's 404 is an empty answer. */
    private <T> Optional<T> forwardOptional(HostInfo owner, String path, Argument<T> type) {
        try {
            return Optional.of(forward(owner, path, type));
        } catch (ApiErrors.Unavailable e) {
            if (e.getCause() instanceof io.micronaut.http.client.exceptions.HttpClientResponseException r
                    && r.getStatus() == io.micronaut.http.HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static java.net.URL toUrl(HostInfo host) {
        try {
            return URI.create("http://" + host.host() + ":" + host.port()).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("bad application.server " + host, e);
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
