package io.crmpulse.streams.counters;

import io.crmpulse.records.ActivityCell;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.StoreNames;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Repeat-purchase counters (METRICS.md section 3): per group and calendar period (week to year), and
 * over whole histories, the customers with activity and those with activity on two or more distinct
 * days. Input: deltas keyed by group, repartitioned through {@code <application.id>-activity-deltas-repartition}.
 * Store: {@link StoreNames#REPEAT_COUNTERS}, key {@code GROUP|LABEL}.
 */
public final class RepeatCountersTopology {

    /** The label of the cell over each customer's whole history. */
    public static final String LIFETIME = "lifetime";

    private final SerdeFactory serdes;

    public RepeatCountersTopology(SerdeFactory serdes) {
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder, KStream<String, ActivityCell> deltasByGroup) {
        new SummingCounters<>(ActivityCell.class, StoreNames.REPEAT_COUNTERS, StoreNames.ACTIVITY_DELTAS_REPARTITION, "repeat-counters",
                (group, delta) -> Groups.periodKey(group, delta.getPeriod()),
                (total, delta) -> new ActivityCell(total.getPeriod(), total.getActive() + delta.getActive(), total.getRepeat() + delta.getRepeat()))
                .addTo(builder, serdes, deltasByGroup);
    }
}
