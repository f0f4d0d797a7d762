package io.crmpulse.streams.counters;

import io.crmpulse.schemas.serde.SerdeFactory;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The shape every counter of the pipeline has: deltas keyed by group are repartitioned by group (so all
 * counters of a group live in one partition, and the API reads one partition per group), then added to
 * the running total under their store key.
 *
 * @param <V> the delta and total type (a total is the sum of deltas)
 */
final class SummingCounters<V extends SpecificRecord> {

    private final Class<V> type;
    private final String store;
    private final String repartition;
    private final String processor;
    private final BiFunction<String, V, String> storeKey;
    private final BinaryOperator<V> plus;

    /**
     * @param storeKey the store key of a delta from its group and itself (e.g. {@code GROUP|YYYY-MM-DD})
     * @param plus     a total plus a delta
     */
    SummingCounters(Class<V> type, String store, String repartition, String processor,
                    BiFunction<String, V, String> storeKey, BinaryOperator<V> plus) {
        this.type = type;
        this.store = store;
        this.repartition = repartition;
        this.processor = processor;
        this.storeKey = storeKey;
        this.plus = plus;
    }

    /** Adds the store and its processor; returns the new totals keyed by store key. */
    KStream<String, V> addTo(StreamsBuilder builder, SerdeFactory serdes, KStream<String, V> deltasByGroup) {
        Serde<V> values = serdes.valueSerde(type);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), values).withCachingEnabled());
        return deltasByGroup
                .repartition(Repartitioned.<String, V>as(repartition).withKeySerde(Serdes.String()).withValueSerde(values))
                .process(Summing::new, Named.as(processor), store);
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
            String key = storeKey.apply(record.key(), record.value());
            V total = totals.get(key);
            V updated = total == null ? record.value() : plus.apply(total, record.value());
            totals.put(key, updated);
            context.forward(record.withKey(key).withValue(updated));
        }
    }
}
