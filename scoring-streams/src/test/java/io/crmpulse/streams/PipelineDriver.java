package io.crmpulse.streams;

import io.crmpulse.streams.alerts.AlertSettings;
import io.crmpulse.streams.scorecard.ScorecardSettings;
import io.crmpulse.events.ComplaintEvent;
import io.crmpulse.events.ComplaintEventType;
import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.CustomerEventType;
import io.crmpulse.events.Envelope;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.records.ActivityCell;
import io.crmpulse.records.ChurnRiskModel;
import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.schemas.Topics;
import io.crmpulse.state.CustomerState;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.counters.DailyCounterReads;
import io.crmpulse.streams.counters.RepeatCountersTopology;
import io.crmpulse.streams.figures.ComplaintFigures;
import io.crmpulse.streams.figures.CustomerFigures;
import io.crmpulse.streams.figures.Period;
import io.crmpulse.streams.figures.PeriodRow;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The whole topology on a TopologyTestDriver, with factory methods for events and a reader that serves
 * period figures from the daily-counters store exactly as the API does.
 */
public final class PipelineDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, OrderEvent> orders;
    private final TestInputTopic<String, CustomerEvent> customers;
    private final TestInputTopic<String, ComplaintEvent> complaints;
    private final TestInputTopic<String, io.crmpulse.events.ContactEvent> contacts;
    private final TestInputTopic<String, ChurnRiskModel> models;
    private final TestInputTopic<String, io.crmpulse.records.ScorecardRating> ratings;
    private final TestInputTopic<String, io.crmpulse.records.AlertRule> rules;
    private final org.apache.kafka.streams.TestOutputTopic<String, io.crmpulse.records.AlertEvent> alerts;
    private final org.apache.kafka.streams.TestOutputTopic<String, io.crmpulse.records.DeadLetter> deadLetters;
    private final LifecycleSettings settings;
    private final AtomicInteger eventIds = new AtomicInteger();
    private final Path stateDir;

    public PipelineDriver() {
        this(LifecycleSettings.defaults());
    }

    public PipelineDriver(LifecycleSettings settings) {
        this(settings, ScorecardSettings.defaults());
    }

    public PipelineDriver(LifecycleSettings settings, ScorecardSettings scorecard) {
        this.settings = settings;
        SerdeFactory serdes = SerdeFactory.named(null, Map.of());
        try {
            stateDir = Files.createTempDirectory("pulse-ttd");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Properties props = PulseStreamsConfig.properties("pulse-test", "unused:9092", stateDir, "localhost:0", 1, 1, 64L << 20);
        driver = new TopologyTestDriver(PulseTopology.build(settings, scorecard, new AlertSettings(SEND_INTERVAL, AlertSettings.DEFAULTS.neglectedSegments()), serdes,
                Duration.ofSeconds(1), SEND_INTERVAL, 1), props);
        orders = driver.createInputTopic(Topics.ORDER_EVENTS.name(), Serdes.String().serializer(),
                serdes.valueSerde(OrderEvent.class).serializer());
        customers = driver.createInputTopic(Topics.CUSTOMER_EVENTS.name(), Serdes.String().serializer(),
                serdes.valueSerde(CustomerEvent.class).serializer());
        complaints = driver.createInputTopic(Topics.COMPLAINT_EVENTS.name(), Serdes.String().serializer(),
                serdes.valueSerde(ComplaintEvent.class).serializer());
        rules = driver.createInputTopic(Topics.ALERT_RULES.name(), Serdes.String().serializer(),
                serdes.valueSerde(io.crmpulse.records.AlertRule.class).serializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), Serdes.String().deserializer(),
                serdes.valueSerde(io.crmpulse.records.AlertEvent.class).deserializer());
        ratings = driver.createInputTopic(Topics.SCORECARD_RATINGS.name(), Serdes.String().serializer(),
                serdes.valueSerde(io.crmpulse.records.ScorecardRating.class).serializer());
        contacts = driver.createInputTopic(Topics.CONTACT_EVENTS.name(), Serdes.String().serializer(),
                serdes.valueSerde(io.crmpulse.events.ContactEvent.class).serializer());
        models = driver.createInputTopic(Topics.CHURN_RISK_MODEL.name(), Serdes.String().serializer(),
                serdes.valueSerde(ChurnRiskModel.class).serializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), Serdes.String().deserializer(),
                serdes.valueSerde(io.crmpulse.records.DeadLetter.class).deserializer());
    }

    public static Envelope envelope(String eventId, String customer, Instant at, String office) {
        return Envelope.newBuilder().setEventId(eventId).setCustomerId(customer).setOccurredAt(at)
                .setSource("test").setOfficeId(office).setStaffId(null).build();
    }

    /** A PLACED order with its own order id, through {@code office} (may be null). */
    public PipelineDriver order(String customer, String at, String office) {
        String id = "e" + eventIds.incrementAndGet();
        return send(new OrderEvent(envelope(id, customer, Instant.parse(at), office), OrderEventType.PLACED, "o-" + id,
                new BigDecimal("10.0000"), "EUR", 1));
    }

    public PipelineDriver send(OrderEvent event) {
        orders.pipeInput(event.getEnvelope().getCustomerId(), event, event.getEnvelope().getOccurredAt());
        return this;
    }

    public PipelineDriver send(CustomerEvent event) {
        customers.pipeInput(event.getEnvelope().getCustomerId(), event, event.getEnvelope().getOccurredAt());
        return this;
    }

    public PipelineDriver send(ComplaintEvent event) {
        complaints.pipeInput(event.getEnvelope().getCustomerId(), event, event.getEnvelope().getOccurredAt());
        return this;
    }

    /** A complaint event of {@code customer} ({@code satisfied} on RESOLVED, may be null), naming no office. */
    public PipelineDriver complaint(String customer, String complaintId, ComplaintEventType type, String at, Boolean satisfied) {
        String id = "e" + eventIds.incrementAndGet();
        return send(new ComplaintEvent(envelope(id, customer, Instant.parse(at), null), type, complaintId, null, satisfied, null));
    }

    /** Revenue net of refunds per cohort month and month, of exactly {@code group}. */
    public Map<java.time.YearMonth, Map<java.time.YearMonth, BigDecimal>> revenueCohorts(String group) {
        Map<java.time.YearMonth, Map<java.time.YearMonth, BigDecimal>> cells = new java.util.TreeMap<>();
        io.crmpulse.streams.counters.CohortReads.cells(this.<String, io.crmpulse.records.RevenueCell>store(StoreNames.REVENUE_COHORT_COUNTERS), group)
                .forEach((cohort, months) -> months.forEach((month, cell) ->
                        cells.computeIfAbsent(cohort, c -> new java.util.TreeMap<>()).put(month, cell.getAmount())));
        return cells;
    }

    /** Repeat-purchase counters of exactly {@code group} by period label. */
    public Map<String, ActivityCell> repeat(String group) {
        return DailyCounterReads.periods(store(StoreNames.REPEAT_COUNTERS), group);
    }

    public Map<LocalDate, io.crmpulse.records.ContactDay> contactDays(String group) {
        return DailyCounterReads.days(store(StoreNames.CONTACT_COUNTERS), group);
    }

    /** Every group with contact work. */
    public SortedSet<String> contactGroups() {
        return DailyCounterReads.groups(store(StoreNames.CONTACT_COUNTERS), "");
    }

    /** Customers contacted by exactly {@code group}, by week and month label. */
    public Map<String, io.crmpulse.records.ContactedCell> contacted(String group) {
        return DailyCounterReads.periods(store(StoreNames.CONTACTED_COUNTERS), group);
    }

    /** The customers the index of members lists for {@code group}. */
    public List<String> members(String group) {
        return new java.util.ArrayList<>(rankings(group).keySet());
    }

    /** The entries of the index of members of {@code group}: customer id → what it keeps of it for ranking. */
    public Map<String, io.crmpulse.state.MemberRanking> rankings(String group) {
        Map<String, io.crmpulse.state.MemberRanking> entries = new java.util.LinkedHashMap<>();
        String prefix = Groups.memberPrefix(group);
        try (KeyValueIterator<String, io.crmpulse.state.MemberRanking> it = driver.<String, io.crmpulse.state.MemberRanking>getKeyValueStore(StoreNames.GROUP_MEMBERS)
                .prefixScan(prefix, Serdes.String().serializer())) {
            it.forEachRemaining(kv -> entries.put(kv.key.substring(prefix.length()), kv.value));
        }
        return entries;
    }

    /** The customers of exactly {@code group} contacted in a week or month, by label. */
    public Map<String, io.crmpulse.records.CoveredCell> covered(String group) {
        return DailyCounterReads.periods(store(StoreNames.COVERED_COUNTERS), group);
    }

    /** Contact rows of {@code group} per {@code period} (METRICS.md section 5), as the API serves them. */
    public List<io.crmpulse.streams.figures.ContactFigures.ContactRow> contactRows(String group, String period) {
        return new io.crmpulse.streams.figures.ContactFigures(settings.zone(), settings.service()).rows(group, contactDays(group),
                contacted(group), days(group), covered(group), io.crmpulse.streams.figures.Period.parse(period), null, null, asOf());
    }

    public PipelineDriver send(io.crmpulse.events.ContactEvent event) {
        contacts.pipeInput(event.getEnvelope().getCustomerId(), event, event.getEnvelope().getOccurredAt());
        return this;
    }

    /** A contact of {@code customer} by {@code staff} of {@code office}, setting a follow-up reminder when {@code followUp} is not null. */
    public PipelineDriver contact(String customer, io.crmpulse.events.ContactEventType type, String at, String office, String staff,
                                  String followUp) {
        String id = "e" + eventIds.incrementAndGet();
        Envelope envelope = Envelope.newBuilder().setEventId(id).setCustomerId(customer).setOccurredAt(Instant.parse(at))
                .setSource("test").setOfficeId(office).setStaffId(staff).build();
        return send(new io.crmpulse.events.ContactEvent(envelope, type, null, null, followUp == null ? null : Instant.parse(followUp)));
    }

    /** The match keys that join records of more than one customer id or office. */
    public List<io.crmpulse.records.CustomerMatch> matches(int limit) {
        return io.crmpulse.streams.matches.MatchReads.matches(driver.getKeyValueStore(StoreNames.CUSTOMER_MATCHES), limit);
    }

    public Map<LocalDate, ComplaintDay> complaintDays(String group) {
        return DailyCounterReads.days(store(StoreNames.COMPLAINT_COUNTERS), group);
    }

    public List<ComplaintFigures.ComplaintRow> complaintRows(String group, String period) {
        return new ComplaintFigures(settings.zone()).rows(group, complaintDays(group), rows(group, period), Period.parse(period), null, null, asOf());
    }

    public ComplaintFigures.ComplaintRow complaintRow(String group, String period, String label) {
        List<ComplaintFigures.ComplaintRow> rows = complaintRows(group, period);
        return rows.stream().filter(r -> r.period().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + period + " complaint row " + label + " for " + group + " in " + rows));
    }

    /** Dead letters the streams wrote since the last call (events rejected as LATE). */
    public List<io.crmpulse.records.DeadLetter> deadLetters() {
        return deadLetters.readValuesToList();
    }

    /** Writes a fitted model to the model topic, as the fit does; the global table picks it up. */
    public void publishModel(ChurnRiskModel model) {
        models.pipeInput(model.getModel(), model);
    }

    /** The newest model of that name in the global table. */
    public Optional<ChurnRiskModel> model(String name) {
        KeyValueStore<String, ChurnRiskModel> store = driver.getKeyValueStore(StoreNames.CHURN_RISK_MODEL);
        return Optional.ofNullable(store.get(name));
    }

    public Optional<CustomerState> customerState(String id) {
        KeyValueStore<String, CustomerState> store = driver.getKeyValueStore(StoreNames.CUSTOMER_STATE);
        return Optional.ofNullable(store.get(id));
    }

    /** Every customer's state as the lifecycle keeps it. */
    public List<CustomerState> customerStates() {
        KeyValueStore<String, CustomerState> store = driver.getKeyValueStore(StoreNames.CUSTOMER_STATE);
        List<CustomerState> states = new java.util.ArrayList<>();
        try (KeyValueIterator<String, CustomerState> it = store.all()) {
            it.forEachRemaining(kv -> states.add(kv.value));
        }
        return states;
    }

    /** A CLASSIFIED customer event putting {@code customer} in {@code segment} (and {@code region}, may be null) at {@code at}. */
    public PipelineDriver classify(String customer, String at, String segment, String region) {
        String id = "e" + eventIds.incrementAndGet();
        return send(new CustomerEvent(envelope(id, customer, Instant.parse(at), null), CustomerEventType.CLASSIFIED,
                segment, region, null, null));
    }

    /** An ASSIGNED customer event moving {@code customer} to {@code office} at {@code at}. */
    public PipelineDriver assign(String customer, String at, String office) {
        String id = "e" + eventIds.incrementAndGet();
        return send(new CustomerEvent(envelope(id, customer, Instant.parse(at), office), CustomerEventType.ASSIGNED,
                null, null, null, null));
    }

    /** An alert rule, as the API publishes it; null {@code rule} deletes the rule {@code id}. */
    public PipelineDriver rule(String id, io.crmpulse.records.AlertRule rule) {
        rules.pipeInput(id, rule);
        return this;
    }

    /** The alert rules in force (the global store). */
    public List<io.crmpulse.records.AlertRule> alertRules() {
        return values(driver.getKeyValueStore(StoreNames.ALERT_RULES));
    }

    /** The latest change of every alert, after the counters have evaluated the rules (one alert interval). */
    public List<io.crmpulse.records.AlertEvent> alertStates() {
        return values(store(StoreNames.ALERT_STATES));
    }

    /** The open alerts of customers. */
    public List<io.crmpulse.records.AlertEvent> customerAlerts() {
        return values(store(StoreNames.CUSTOMER_ALERTS));
    }

    private static <V> List<V> values(KeyValueStore<String, V> store) {
        List<V> all = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        return all;
    }

    /** The alert events published to pulse.alerts since the last call. */
    public synchronized List<io.crmpulse.records.AlertEvent> alertEvents() {
        return alerts.readValuesToList();
    }

    /** A manager's rating, as the API publishes it (keyed by office group). */
    public void publishRating(io.crmpulse.records.ScorecardRating rating) {
        ratings.pipeInput(Groups.of(Groups.OFFICE, rating.getOffice()), rating);
    }

    /** What the month close keeps of {@code group}. */
    public io.crmpulse.streams.scorecard.ScorecardState scorecard(String group) {
        return io.crmpulse.streams.scorecard.ScorecardState.read(store(StoreNames.SCORECARDS), store(StoreNames.SCORECARD_RATINGS),
                store(StoreNames.SCORECARD_LATE_EVENTS), group);
    }

    /** Advances stream time with an order of an unrelated customer. */
    public PipelineDriver streamTimeTo(String at) {
        return order("clock-" + at, at, null);
    }

    /** Stream time up to which every transition is published (the API's as_of). */
    public Instant asOf() {
        KeyValueStore<Integer, Long> clock = driver.getKeyValueStore(StoreNames.LIFECYCLE_CLOCK);
        long min = Long.MAX_VALUE;
        try (KeyValueIterator<Integer, Long> it = clock.all()) {
            while (it.hasNext()) {
                min = Math.min(min, it.next().value);
            }
        }
        return min == Long.MAX_VALUE ? null : Instant.ofEpochMilli(min);
    }

    /** The instant through which the counters are complete (the API's as_of of counter figures), once the deltas are sent. */
    public Instant countedThrough() {
        Long through = this.<String, Long>store(StoreNames.COUNTED_THROUGH).get(StoreNames.countedThroughKey(0, 0));
        return through == null ? null : Instant.ofEpochMilli(through);
    }

    public Map<LocalDate, CustomerFlows> days(String group) {
        return DailyCounterReads.days(store(StoreNames.DAILY_COUNTERS), group);
    }

    /** The month totals of exactly {@code group}, keyed by the month's first day. */
    public Map<LocalDate, CustomerFlows> months(String group) {
        return DailyCounterReads.days(store(StoreNames.MONTHLY_COUNTERS), group);
    }

    /** Customers active per cohort month and month, of exactly {@code group}. */
    public Map<java.time.YearMonth, Map<java.time.YearMonth, Long>> cohorts(String group) {
        return io.crmpulse.streams.counters.CohortReads.cells(store(StoreNames.COHORT_COUNTERS), group);
    }

    /** Every group that has counters whose key starts with {@code prefix}, e.g. {@code all}, {@code office:A}. */
    public SortedSet<String> groups(String prefix) {
        return DailyCounterReads.groups(store(StoreNames.DAILY_COUNTERS), prefix);
    }

    public SortedSet<String> groups() {
        return groups("");
    }

    public List<PeriodRow> rows(String group, String period) {
        return new CustomerFigures(settings.zone()).rows(group, days(group), repeat(group), Period.parse(period), null, null, asOf());
    }

    public PeriodRow row(String group, String period, String label) {
        return rows(group, period).stream().filter(r -> r.period().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + period + " row " + label + " for " + group + " in " + rows(group, period)));
    }

    /** How often the lifecycle sends the counter deltas it added up: wall-clock time, which only {@link #sendDeltas} moves. */
    public static final Duration SEND_INTERVAL = Duration.ofSeconds(1);

    /** Lets the lifecycle send the counter deltas it has added up, as it does every send interval. */
    public PipelineDriver sendDeltas() {
        driver.advanceWallClockTime(SEND_INTERVAL);
        return this;
    }

    /** A store as the API would read it once the deltas added up so far are sent and counted. */
    private <K, V> KeyValueStore<K, V> store(String name) {
        sendDeltas();
        return driver.getKeyValueStore(name);
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
