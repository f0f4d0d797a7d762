package io.crmpulse.streams.counters;

import io.crmpulse.records.ActivityCell;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.StoreNames;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Repeat-purchase counters (METRICS.md section 3): per group and calendar period (week to year), and
 * over whole histories, the customers with activity and those with activity on two or more distinct
 * days. Input: deltas keyed by group, partitioned by group ({@link GroupDeltasTopology}).
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
        new SummingCounters<>(CounterFamilies.ACTIVITY, StoreNames.REPEAT_COUNTERS, "repeat-counters")
                .addTo(builder, serdes, deltasByGroup);
    }
}
