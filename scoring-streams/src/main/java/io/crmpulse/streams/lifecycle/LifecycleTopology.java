package io.crmpulse.streams.lifecycle;

import io.crmpulse.events.ComplaintEvent;
import io.crmpulse.events.ContactEvent;
import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.Envelope;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.records.ClockTick;
import io.crmpulse.records.CustomerValue;
import io.crmpulse.records.DeadLetter;
import io.crmpulse.records.GroupDelta;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.state.CustomerState;
import io.crmpulse.state.DeltaLogEntry;
import io.crmpulse.state.OrderActivity;
import io.crmpulse.state.OrderRevenue;
import io.crmpulse.streams.EventTimeExtractor;
import io.crmpulse.streams.Broadcast;
import io.crmpulse.streams.StoreNames;
import io.crmpulse.streams.alerts.AlertSettings;
import io.crmpulse.records.AlertEvent;
import io.crmpulse.streams.scorecard.ScorecardSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The customer lifecycle (METRICS.md section 2).
 *
 * <p>Inputs: {@code pulse.events.order}, {@code pulse.events.customer}, {@code pulse.events.contact} and
 * {@code pulse.events.complaint} (keyed by customer id), and {@code pulse.clock}. Outputs: the envelopes of events that
 * carry a match key (for {@code MatchesTopology}), counter deltas of every family keyed by group, added up per cell
 * over each send interval ({@code GroupDelta}: flows, cohort cells, complaints, repeat purchase, revenue cohorts,
 * contact work, customers contacted and covered; returned, for their counters), customer values for segmentation,
 * clock ticks broadcast to {@code pulse.clock}, and events rejected as LATE (beyond
 * {@code lifecycle.max-lateness}) to {@code pulse.dead-letters}. Stores: {@link StoreNames#CUSTOMER_STATE},
 * {@link StoreNames#ORDER_ACTIVITY}, {@link StoreNames#ORDER_REVENUE}, {@link StoreNames#EVENT_DEDUPE} (or, under
 * lifecycle.max-lateness, {@link StoreNames#ORDER_ACTIVITY_WINDOW}, {@link StoreNames#ORDER_REVENUE_WINDOW},
 * {@link StoreNames#EVENT_DEDUPE_WINDOW}), {@link StoreNames#LIFECYCLE_DUE},
 * {@link StoreNames#LIFECYCLE_CLOCK}, {@link StoreNames#LIFECYCLE_EVENT_TIME}, {@link StoreNames#GROUP_MEMBERS},
 * {@link StoreNames#LIFECYCLE_DELTAS}.
 */
public final class LifecycleTopology {

    private final LifecycleSettings settings;
    private final SerdeFactory serdes;
    private final Duration clockInterval;
    private final Duration sendInterval;
    private final ScorecardSettings scorecard;
    private final AlertSettings alerts;

    /**
     * @param clockInterval how often each lifecycle task broadcasts its stream time
     * @param sendInterval  how often each lifecycle task sends the counter deltas it added up (wall-clock time)
     * @param scorecard     when a month closes, after which its events are late for the office scorecard
     * @param alerts        which customers' neglect raises an alert to their account manager
     */
    public LifecycleTopology(LifecycleSettings settings, SerdeFactory serdes, Duration clockInterval, Duration sendInterval,
                             ScorecardSettings scorecard, AlertSettings alerts) {
        this.settings = settings;
        this.scorecard = scorecard;
        this.alerts = alerts;
        this.serdes = serdes;
        this.clockInterval = clockInterval;
        this.sendInterval = sendInterval;
    }

    /**
     * The lifecycle's outputs: counter deltas of every family keyed by group (not yet partitioned by group), customer
     * values for segmentation, and the envelopes of events that carry a match key.
     */
    public record Outputs(KStream<String, GroupDelta> deltas, KStream<String, CustomerValue> values, KStream<String, Envelope> matchKeyed) {
    }

    public Outputs addTo(StreamsBuilder builder) {
        builder.addStateStore(uncached(StoreNames.CUSTOMER_STATE, Serdes.String(), serdes.valueSerde(CustomerState.class)));
        boolean bounded = settings.maxLateness() != null;
        String activityStore = bounded ? StoreNames.ORDER_ACTIVITY_WINDOW : StoreNames.ORDER_ACTIVITY;
        String revenueStore = bounded ? StoreNames.ORDER_REVENUE_WINDOW : StoreNames.ORDER_REVENUE;
        String dedupeStore = bounded ? StoreNames.EVENT_DEDUPE_WINDOW : StoreNames.EVENT_DEDUPE;
        if (bounded) {
            // Entries older than their retention drop out with their segment (SeenEvents, OrderEntries). No record
            // cache in front: it would hold expired entries in memory until evicted.
            Duration orderRetention = OrderEntries.retention(settings.orderLifetime(), settings.maxLateness());
            builder.addStateStore(windowStore(activityStore, orderRetention, Serdes.String(), serdes.valueSerde(OrderActivity.class)));
            builder.addStateStore(windowStore(revenueStore, orderRetention, Serdes.String(), serdes.valueSerde(OrderRevenue.class)));
            // 1 ms more than max-lateness, as the window is 1 ms.
            builder.addStateStore(windowStore(dedupeStore, settings.maxLateness().plusMillis(1), Serdes.String(), Serdes.Long()));
        } else {
            builder.addStateStore(uncached(activityStore, Serdes.String(), serdes.valueSerde(OrderActivity.class)));
            builder.addStateStore(uncached(revenueStore, Serdes.String(), serdes.valueSerde(OrderRevenue.class)));
            builder.addStateStore(uncached(dedupeStore, Serdes.String(), Serdes.Long()));
        }
        builder.addStateStore(uncached(StoreNames.LIFECYCLE_DUE, Serdes.Bytes(), Serdes.ByteArray()));
        builder.addStateStore(cached(StoreNames.LIFECYCLE_CLOCK, Serdes.Integer(), Serdes.Long()));
        builder.addStateStore(cached(StoreNames.LIFECYCLE_EVENT_TIME, Serdes.Integer(), Serdes.Long()));
        builder.addStateStore(uncached(StoreNames.GROUP_MEMBERS, Serdes.String(), GroupMembers.valueSerde(serdes)));
        builder.addStateStore(uncached(StoreNames.CUSTOMER_ALERTS, Serdes.String(), serdes.valueSerde(AlertEvent.class)));
        // In memory: emptied every send interval, so small; changelogged, so that what it holds at a commit survives a
        // failure. No record cache: each entry is written once and deleted once.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.LIFECYCLE_DELTA_LOG), Serdes.Long(),
                serdes.valueSerde(DeltaLogEntry.class)));

        EventTimeExtractor eventTime = new EventTimeExtractor();
        KStream<String, OrderEvent> orders = builder.stream(Topics.ORDER_EVENTS.name(),
                Consumed.with(Serdes.String(), serdes.valueSerde(OrderEvent.class))
                        .withTimestampExtractor(eventTime).withName("order-events"));
        KStream<String, CustomerEvent> customers = builder.stream(Topics.CUSTOMER_EVENTS.name(),
                Consumed.with(Serdes.String(), serdes.valueSerde(CustomerEvent.class))
                        .withTimestampExtractor(eventTime).withName("customer-events"));
        KStream<String, ContactEvent> contacts = builder.stream(Topics.CONTACT_EVENTS.name(),
                Consumed.with(Serdes.String(), serdes.valueSerde(ContactEvent.class))
                        .withTimestampExtractor(eventTime).withName("contact-events"));
        KStream<String, ComplaintEvent> complaints = builder.stream(Topics.COMPLAINT_EVENTS.name(),
                Consumed.with(Serdes.String(), serdes.valueSerde(ComplaintEvent.class))
                        .withTimestampExtractor(eventTime).withName("complaint-events"));
        KStream<String, ClockTick> ticks = builder.stream(Topics.CLOCK.name(),
                Consumed.with(Serdes.String(), serdes.valueSerde(ClockTick.class))
                        .withTimestampExtractor(eventTime).withName("clock-ticks"));

        KStream<String, LifecycleInput> events = orders
                .<LifecycleInput>mapValues(LifecycleInput.Order::new, Named.as("order-as-lifecycle-input"))
                .merge(customers.<LifecycleInput>mapValues(LifecycleInput.Customer::new, Named.as("customer-as-lifecycle-input")),
                        Named.as("merge-order-and-customer-events"))
                .merge(contacts.<LifecycleInput>mapValues(LifecycleInput.Contact::new, Named.as("contact-as-lifecycle-input")),
                        Named.as("merge-contact-events"))
                .merge(complaints.<LifecycleInput>mapValues(LifecycleInput.Complaint::new, Named.as("complaint-as-lifecycle-input")),
                        Named.as("merge-complaint-events"));

        KStream<String, Envelope> matchKeyed = events.mapValues(LifecycleInput::envelope, Named.as("event-envelopes"))
                .filter((customer, envelope) -> envelope.getMatchKey() != null, Named.as("match-keyed-envelopes"));

        events.process(() -> new ClockBroadcaster(clockInterval), Named.as("clock-broadcaster"))
                .to(Topics.CLOCK.name(), Produced.with(Serdes.String(), serdes.valueSerde(ClockTick.class))
                        .withStreamPartitioner(Broadcast.always()).withName("clock-sink"));

        KStream<String, SpecificRecord> changes = events
                .merge(ticks.<LifecycleInput>mapValues(LifecycleInput.Tick::new, Named.as("tick-as-lifecycle-input")), Named.as("merge-clock-ticks"))
                .process(() -> new LifecycleProcessor(settings, sendInterval, scorecard, alerts), Named.as("lifecycle"),
                        StoreNames.CUSTOMER_STATE, activityStore, revenueStore, dedupeStore, StoreNames.LIFECYCLE_DUE, StoreNames.LIFECYCLE_CLOCK,
                        StoreNames.LIFECYCLE_EVENT_TIME, StoreNames.GROUP_MEMBERS, StoreNames.LIFECYCLE_DELTA_LOG, StoreNames.CUSTOMER_ALERTS);
        Map<String, KStream<String, SpecificRecord>> branches = changes.split(Named.as("lifecycle-"))
                .branch((group, change) -> change instanceof GroupDelta, Branched.as("deltas"))
                .branch((key, change) -> change instanceof CustomerValue, Branched.as("values"))
                .branch((source, change) -> change instanceof DeadLetter, Branched.withConsumer(late -> late
                        .mapValues(change -> (DeadLetter) change, Named.as("as-late-dead-letters"))
                        .to(Topics.DEAD_LETTERS.name(), Produced.with(Serdes.String(), serdes.valueSerde(DeadLetter.class))
                                .withName("late-events-sink")), "late"))
                .branch((key, change) -> change instanceof AlertEvent, Branched.withConsumer(customerAlerts -> customerAlerts
                        .mapValues(change -> (AlertEvent) change, Named.as("as-customer-alerts"))
                        .to(Topics.ALERTS.name(), Produced.with(Serdes.String(), serdes.valueSerde(AlertEvent.class))
                                .withName("customer-alerts-sink")), "alerts"))
                .noDefaultBranch();
        return new Outputs(
                branches.get("lifecycle-deltas").mapValues(change -> (GroupDelta) change, Named.as("as-group-deltas")),
                branches.get("lifecycle-values").mapValues(change -> (CustomerValue) change, Named.as("as-customer-values")),
                matchKeyed);
    }

    /**
     * With a record cache: for a key that every record writes (a partition's clock and event time), so that the writes
     * between two commits reach RocksDB and the changelog once.
     */
    private static <K, V> StoreBuilder<KeyValueStore<K, V>> cached(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values).withCachingEnabled();
    }

    /**
     * Without one: for keys of one customer or order, written once or twice per event of that customer, seconds apart
     * in a replay. A cache combined none of those writes and only added a sorted copy of its keys to keep up and flush.
     */
    private static <K, V> StoreBuilder<KeyValueStore<K, V>> uncached(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
    }

    /** Entries at their instant, 1 ms windows, dropped with their segment once older than {@code retention}. */
    private static <K, V> StoreBuilder<WindowStore<K, V>> windowStore(String name, Duration retention,
                                                                      Serde<K> keys, Serde<V> values) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, Duration.ofMillis(1), false), keys, values);
    }
}
