package io.crmpulse.streams.counters;

import io.crmpulse.records.RevenueCell;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.StoreNames;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Revenue cohorts (METRICS.md section 3): per group, cohort month and month, the cohort's paid amount net
 * of refunds. Input: deltas keyed by group, repartitioned through
 * {@code <application.id>-revenue-deltas-repartition}. Store: {@link StoreNames#REVENUE_COHORT_COUNTERS},
 * key {@code GROUP|YYYY-MM|YYYY-MM} (read with {@link CohortReads#cells}).
 */
public final class RevenueCohortTopology {

    private final SerdeFactory serdes;

    public RevenueCohortTopology(SerdeFactory serdes) {
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder, KStream<String, RevenueCell> deltasByGroup) {
        new SummingCounters<>(RevenueCell.class, StoreNames.REVENUE_COHORT_COUNTERS, StoreNames.REVENUE_DELTAS_REPARTITION,
                "revenue-cohort-counters", (group, delta) -> Groups.cohortKey(group, delta.getCohort(), delta.getMonth()),
                (total, delta) -> new RevenueCell(total.getCohort(), total.getMonth(), total.getAmount().add(delta.getAmount())))
                .addTo(builder, serdes, deltasByGroup);
    }
}
