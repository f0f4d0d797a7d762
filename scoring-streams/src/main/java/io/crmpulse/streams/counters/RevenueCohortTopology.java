package io.crmpulse.streams.counters;

import io.crmpulse.records.RevenueCell;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.StoreNames;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Revenue cohorts (METRICS.md section 3): per group, cohort month and month, the cohort's paid amount net
 * of refunds. Input: deltas keyed by group, partitioned by group
 * ({@link GroupDeltasTopology}). Store: {@link StoreNames#REVENUE_COHORT_COUNTERS},
 * key {@code GROUP|YYYY-MM|YYYY-MM} (read with {@link CohortReads#cells}).
 */
public final class RevenueCohortTopology {

    private final SerdeFactory serdes;

    public RevenueCohortTopology(SerdeFactory serdes) {
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder, KStream<String, RevenueCell> deltasByGroup) {
        new SummingCounters<>(CounterFamilies.REVENUE, StoreNames.REVENUE_COHORT_COUNTERS, "revenue-cohort-counters")
                .addTo(builder, serdes, deltasByGroup);
    }
}
