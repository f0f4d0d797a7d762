package io.crmpulse.streams.segments;

import io.crmpulse.records.CustomerSegment;
import io.crmpulse.records.CustomerValue;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.StoreNames;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * ABC and RFM segments (METRICS.md section 7), recomputed daily. A ranking needs every customer, so the
 * lifecycle sends each customer's value under one key ({@link #KEY}), repartitioned through
 * {@code <application.id>-customer-values-repartition}: all of them meet in one task, which keeps them in
 * {@link StoreNames#CUSTOMER_VALUES}. When its stream time enters a new day (analytics.zone) it classifies
 * everyone, keeps the result in {@link StoreNames#CUSTOMER_SEGMENTS} and the customers per class and cell in
 * {@link StoreNames#SEGMENT_COUNTS}, and publishes each change as an event to {@code pulse.segment-changes}.
 *
 * <p>A classification reads every customer, so replaying two years of history must not classify 730 times:
 * while stream time enters new days less than segments.catch-up-interval of wall-clock time after the last
 * classification, the days in between are skipped, and a wall-clock check classifies the latest day once the
 * interval has passed. Live, one day of stream time takes a day, so every day is classified.
 */
public final class SegmentsTopology {

    /** The one key every customer value travels under. */
    public static final String KEY = "segments";

    private final SerdeFactory serdes;
    private final ZoneId zone;
    private final LifecycleSettings.Segmentation settings;

    public SegmentsTopology(SerdeFactory serdes, ZoneId zone, LifecycleSettings.Segmentation settings) {
        this.serdes = serdes;
        this.zone = zone;
        this.settings = settings;
    }

    public void addTo(StreamsBuilder builder, KStream<String, CustomerValue> values) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CUSTOMER_VALUES),
                Serdes.String(), serdes.valueSerde(CustomerValue.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CUSTOMER_SEGMENTS),
                Serdes.String(), serdes.valueSerde(CustomerSegment.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SEGMENT_COUNTS),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        values.repartition(Repartitioned.<String, CustomerValue>as(StoreNames.CUSTOMER_VALUES_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.valueSerde(CustomerValue.class)).withNumberOfPartitions(1))
                .process(Classifier::new, Named.as("segments"), StoreNames.CUSTOMER_VALUES, StoreNames.CUSTOMER_SEGMENTS,
                        StoreNames.SEGMENT_COUNTS)
                .to(Topics.SEGMENT_CHANGES.name(), Produced.with(Serdes.String(), serdes.valueSerde(CustomerSegment.class))
                        .withName("segment-changes-sink"));
    }

    private final class Classifier implements Processor<String, CustomerValue, String, CustomerSegment> {
        private ProcessorContext<String, CustomerSegment> context;
        private KeyValueStore<String, CustomerValue> customerValues;
        private KeyValueStore<String, CustomerSegment> segments;
        private KeyValueStore<String, Long> counts;
        private LocalDate classifiedFor;
        private long classifiedAtWallClock = Long.MIN_VALUE;

        @Override
        public void init(ProcessorContext<String, CustomerSegment> context) {
            this.context = context;
            customerValues = context.getStateStore(StoreNames.CUSTOMER_VALUES);
            segments = context.getStateStore(StoreNames.CUSTOMER_SEGMENTS);
            counts = context.getStateStore(StoreNames.SEGMENT_COUNTS);
            if (!settings.catchUpInterval().isZero()) {
                context.schedule(settings.catchUpInterval(), PunctuationType.WALL_CLOCK_TIME,
                        wallClock -> maybeClassify(context.currentStreamTimeMs()));
            }
        }

        @Override
        public void process(Record<String, CustomerValue> record) {
            // A record that takes stream time into a new day first has the day classified without it, as a stream-time
            // punctuation would. Not a punctuation: in a replay stream time moves on with nearly every record, and a
            // punctuation that runs that often keeps Kafka Streams from processing records in batches.
            maybeClassify(context.currentStreamTimeMs());
            customerValues.put(record.value().getCustomerId(), record.value());
        }

        /**
         * On the first stream time of a new day, classify everyone as of that day (unless catching up). After a
         * restart the day is taken from any stored segment, which is the day it last changed, so the current day
         * may be classified once more; that finds no changes and writes nothing.
         */
        private void maybeClassify(long streamTime) {
            long wallClock = context.currentSystemTimeMs();
            if (streamTime < 0) {
                return; // no record yet
            }
            if (classifiedAtWallClock != Long.MIN_VALUE && wallClock - classifiedAtWallClock < settings.catchUpInterval().toMillis()) {
                return;
            }
            LocalDate day = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(streamTime), zone);
            if (classifiedFor == null) {
                CustomerSegment any = null;
                try (KeyValueIterator<String, CustomerSegment> it = segments.all()) {
                    if (it.hasNext()) {
                        any = it.next().value;
                    }
                }
                classifiedFor = any == null ? LocalDate.MIN : any.getDay();
            }
            if (!day.isAfter(classifiedFor)) {
                return;
            }
            if (SegmentTally.isEmpty(counts)) {
                SegmentTally.rebuild(counts, segments); // segments kept by a version without counts, or none yet
            }
            // Read once from the store as the classification goes, not copied into a list first: at 1M customers the
            // values alone would fill a 512 MiB heap.
            int classified;
            try (KeyValueIterator<String, CustomerValue> values = customerValues.all()) {
                Iterable<CustomerValue> all = () -> new java.util.Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return values.hasNext();
                    }

                    @Override
                    public CustomerValue next() {
                        return values.next().value;
                    }
                };
                // Only changes are written: rewriting every customer each day would put the whole base into the changelog
                // in one transaction (at 1M customers it outlasted the transaction timeout and fenced the task).
                classified = AbcRfm.classify(all, day, settings.windowMonths(), settings.aShare(), settings.bShare(), settings.withinOffice(),
                        (customer, c) -> {
                            CustomerSegment before = segments.get(customer);
                            String previousRfm = before == null ? null : AbcRfm.rfm(before.getRecency(), before.getFrequency(), before.getMonetary());
                            boolean changed = before == null || !before.getAbc().equals(c.abc()) || !java.util.Objects.equals(previousRfm, c.rfm());
                            if (changed) {
                                CustomerSegment now = new CustomerSegment(customer, day, c.abc(), c.recency(), c.frequency(), c.monetary(),
                                        before == null ? null : before.getAbc(), previousRfm);
                                segments.put(customer, now);
                                SegmentTally.apply(counts, before, now);
                                context.forward(new Record<>(customer, now, streamTime));
                            }
                        });
            }
            classifiedFor = day;
            if (classified > 0) {
                classifiedAtWallClock = wallClock; // a classification of nobody costs nothing, so it does not hold the next one back
            }
        }
    }
}
