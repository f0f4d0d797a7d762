package io.crmpulse.streams.lifecycle;

import io.crmpulse.events.ComplaintEvent;
import io.crmpulse.events.ContactEvent;
import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.Envelope;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.records.ClockTick;
import io.crmpulse.records.ActivityCell;
import io.crmpulse.records.CohortCell;
import io.crmpulse.records.ContactDay;
import io.crmpulse.records.ContactedCell;
import io.crmpulse.records.CoveredCell;
import io.crmpulse.records.CustomerValue;
import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.DeadLetter;
import io.crmpulse.records.RevenueCell;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.state.CustomerState;
import io.crmpulse.state.OrderActivity;
import io.crmpulse.state.OrderRevenue;
import io.crmpulse.streams.EventTimeExtractor;
import io.crmpulse.streams.StoreNames;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.Branched;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The customer lifecycle (METRICS.md section 2).
 *
 * <p>Inputs: {@code pulse.events.order}, {@code pulse.events.customer}, {@code pulse.events.contact} and
 * {@code pulse.events.complaint} (keyed by customer id), and {@code pulse.clock}. Outputs: the envelopes of events that
 * carry a match key (for {@code MatchesTopology}), flow deltas,
 * cohort-cell, complaint, repeat-purchase, revenue-cohort, contact-work and covered-customer deltas keyed by group (returned, for their counters), clock ticks broadcast to {@code pulse.clock}, and events rejected as LATE (beyond
 * {@code lifecycle.max-lateness}) to {@code pulse.dead-letters}. Stores: {@link StoreNames#CUSTOMER_STATE},
 * {@link StoreNames#ORDER_ACTIVITY}, {@link StoreNames#ORDER_REVENUE}, {@link StoreNames#EVENT_DEDUPE} (or, under
 * lifecycle.max-lateness, {@link StoreNames#ORDER_ACTIVITY_WINDOW}, {@link StoreNames#ORDER_REVENUE_WINDOW},
 * {@link StoreNames#EVENT_DEDUPE_WINDOW}), {@link StoreNames#LIFECYCLE_DUE},
 * {@link StoreNames#LIFECYCLE_CLOCK}, {@link StoreNames#LIFECYCLE_EVENT_TIME}, {@link StoreNames#GROUP_MEMBERS}.
 */
public final class LifecycleTopology {

    private final LifecycleSettings settings;
    private final SerdeFactory serdes;
    private final Duration clockInterval;

    public LifecycleTopology(LifecycleSettings settings, SerdeFactory serdes, Duration clockInterval) {
        this.settings = settings;
        this.serdes = serdes;
        this.clockInterval = clockInterval;
    }

    /**
     * The lifecycle's outputs: per-day flow deltas (with the entries and exits of the conditions that ask for a
     * contact), cohort-cell, per-day complaint, repeat-purchase, revenue-cohort, contact-work, customers-contacted
     * and covered-customer deltas keyed by group, and customer values for segmentation.
     */
    public record Outputs(KStream<String, CustomerFlows> flows, KStream<String, CohortCell> cohorts,
                          KStream<String, ComplaintDay> complaints, KStream<String, ActivityCell> activity,
                          KStream<String, RevenueCell> revenue, KStream<String, ContactDay> contacts,
                          KStream<String, ContactedCell> contacted, KStream<String, CoveredCell> covered,
                          KStream<String, CustomerValue> values, KStream<String, Envelope> matchKeyed) {
    }

    public Outputs addTo(StreamsBuilder builder) {
        builder.addStateStore(store(StoreNames.CUSTOMER_STATE, Serdes.String(), serdes.valueSerde(CustomerState.class)));
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
            builder.addStateStore(store(activityStore, Serdes.String(), serdes.valueSerde(OrderActivity.class)));
            builder.addStateStore(store(revenueStore, Serdes.String(), serdes.valueSerde(OrderRevenue.class)));
            builder.addStateStore(store(dedupeStore, Serdes.String(), Serdes.Long()));
        }
        builder.addStateStore(store(StoreNames.LIFECYCLE_DUE, Serdes.Bytes(), Serdes.ByteArray()));
        builder.addStateStore(store(StoreNames.LIFECYCLE_CLOCK, Serdes.Integer(), Serdes.Long()));
        builder.addStateStore(store(StoreNames.LIFECYCLE_EVENT_TIME, Serdes.Integer(), Serdes.Long()));
        builder.addStateStore(store(StoreNames.GROUP_MEMBERS, Serdes.String(), Serdes.ByteArray()));

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
                        .withStreamPartitioner(new ToEveryPartition<>()).withName("clock-sink"));

        KStream<String, SpecificRecord> changes = events
                .merge(ticks.<LifecycleInput>mapValues(LifecycleInput.Tick::new, Named.as("tick-as-lifecycle-input")), Named.as("merge-clock-ticks"))
                .process(() -> new LifecycleProcessor(settings), Named.as("lifecycle"),
                        StoreNames.CUSTOMER_STATE, activityStore, revenueStore, dedupeStore, StoreNames.LIFECYCLE_DUE, StoreNames.LIFECYCLE_CLOCK,
                        StoreNames.LIFECYCLE_EVENT_TIME, StoreNames.GROUP_MEMBERS);
        Map<String, KStream<String, SpecificRecord>> branches = changes.split(Named.as("lifecycle-"))
                .branch((group, change) -> change instanceof CustomerFlows, Branched.as("flows"))
                .branch((group, change) -> change instanceof CohortCell, Branched.as("cohorts"))
                .branch((group, change) -> change instanceof ComplaintDay, Branched.as("complaints"))
                .branch((group, change) -> change instanceof ActivityCell, Branched.as("activity"))
                .branch((group, change) -> change instanceof RevenueCell, Branched.as("revenue"))
                .branch((group, change) -> change instanceof ContactDay, Branched.as("contacts"))
                .branch((group, change) -> change instanceof ContactedCell, Branched.as("contacted"))
                .branch((group, change) -> change instanceof CoveredCell, Branched.as("covered"))
                .branch((key, change) -> change instanceof CustomerValue, Branched.as("values"))
                .branch((source, change) -> change instanceof DeadLetter, Branched.withConsumer(late -> late
                        .mapValues(change -> (DeadLetter) change, Named.as("as-late-dead-letters"))
                        .to(Topics.DEAD_LETTERS.name(), Produced.with(Serdes.String(), serdes.valueSerde(DeadLetter.class))
                                .withName("late-events-sink")), "late"))
                .noDefaultBranch();
        return new Outputs(
                branches.get("lifecycle-flows").mapValues(change -> (CustomerFlows) change, Named.as("as-customer-flows")),
                branches.get("lifecycle-cohorts").mapValues(change -> (CohortCell) change, Named.as("as-cohort-cells")),
                branches.get("lifecycle-complaints").mapValues(change -> (ComplaintDay) change, Named.as("as-complaint-days")),
                branches.get("lifecycle-activity").mapValues(change -> (ActivityCell) change, Named.as("as-activity-cells")),
                branches.get("lifecycle-revenue").mapValues(change -> (RevenueCell) change, Named.as("as-revenue-cells")),
                branches.get("lifecycle-contacts").mapValues(change -> (ContactDay) change, Named.as("as-contact-days")),
                branches.get("lifecycle-contacted").mapValues(change -> (ContactedCell) change, Named.as("as-contacted-cells")),
                branches.get("lifecycle-covered").mapValues(change -> (CoveredCell) change, Named.as("as-covered-cells")),
                branches.get("lifecycle-values").mapValues(change -> (CustomerValue) change, Named.as("as-customer-values")),
                matchKeyed);
    }

    private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values).withCachingEnabled();
    }

    /** Entries at their instant, 1 ms windows, dropped with their segment once older than {@code retention}. */
    private static <K, V> StoreBuilder<WindowStore<K, V>> windowStore(String name, Duration retention,
                                                                      Serde<K> keys, Serde<V> values) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, Duration.ofMillis(1), false), keys, values);
    }

    /** Multicast: a clock tick goes to every partition. */
    private static final class ToEveryPartition<K, V> implements StreamPartitioner<K, V> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
        }
    }
}
