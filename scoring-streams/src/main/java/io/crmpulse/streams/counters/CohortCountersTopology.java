package io.crmpulse.streams.counters;

import io.crmpulse.records.CohortCell;
import io.crmpulse.streams.StoreNames;
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
 * Cohort retention counters (METRICS.md section 3): per group, cohort month and month, the customers of
 * the cohort active in the month. Input: cohort-cell deltas keyed by group, partitioned by group
 * ({@link GroupDeltasTopology}). Store: {@link StoreNames#COHORT_COUNTERS}.
 */
public final class CohortCountersTopology {

    public void addTo(StreamsBuilder builder, KStream<String, CohortCell> deltasByGroup) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.COHORT_COUNTERS), Serdes.String(), Serdes.Long()).withCachingEnabled());
        deltasByGroup.process(CohortCounter::new, Named.as("cohort-counters"), StoreNames.COHORT_COUNTERS);
    }

    private static final class CohortCounter implements Processor<String, CohortCell, Void, Void> {
        private KeyValueStore<String, Long> counts;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            counts = context.getStateStore(StoreNames.COHORT_COUNTERS);
        }

        @Override
        public void process(Record<String, CohortCell> record) {
            CohortCell delta = record.value();
            String key = CounterFamilies.COHORTS.cellOf(record.key(), delta);
            Long current = counts.get(key);
            long updated = (current == null ? 0 : current) + delta.getCustomers();
            if (updated == 0) {
                counts.delete(key);
            } else {
                counts.put(key, updated);
            }
        }
    }
}
