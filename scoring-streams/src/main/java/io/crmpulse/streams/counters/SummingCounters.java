package io.crmpulse.streams.counters;

import io.crmpulse.schemas.serde.SerdeFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The shape most counters of the pipeline have: deltas keyed by group, already partitioned by group
 * ({@link GroupDeltasTopology}, so all counters of a group live in one partition and the API reads one
 * partition per group), added to the running total of their cell.
 *
 * @param <V> the delta and total type (a total is the sum of deltas)
 */
final class SummingCounters<V extends SpecificRecord> {

    private final CounterFamily<V> family;
    private final String store;
    private final String processor;

    SummingCounters(CounterFamily<V> family, String store, String processor) {
        this.family = family;
        this.store = store;
        this.processor = processor;
    }

    /** Adds the store and its processor; returns the new totals keyed by cell. */
    KStream<String, V> addTo(StreamsBuilder builder, SerdeFactory serdes, KStream<String, V> deltasByGroup) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                serdes.valueSerde(family.type())).withCachingEnabled());
        return deltasByGroup.process(Summing::new, Named.as(processor), store);
    }

    private final class Summing implements Processor<String, V, String, V> {
        private ProcessorContext<String, V> context;
        private KeyValueStore<String, V> totals;

        @Override
        public void init(ProcessorContext<String, V> context) {
            this.context = context;
            totals = context.getStateStore(store);
        }

        @Override
        public void process(Record<String, V> record) {
            String key = family.cell().apply(record.key(), record.value());
            context.forward(record.withKey(key).withValue(add(totals, family, key, record.value())));
        }
    }

    /** Adds {@code delta} to the total of {@code key} in {@code totals}; returns the new total. */
    static <V extends SpecificRecord> V add(KeyValueStore<String, V> totals, CounterFamily<V> family, String key, V delta) {
        V total = totals.get(key);
        V updated = total == null ? delta : family.plus().apply(total, delta);
        totals.put(key, updated);
        return updated;
    }
}
