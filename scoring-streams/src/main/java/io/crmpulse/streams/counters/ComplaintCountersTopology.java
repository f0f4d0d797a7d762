package io.crmpulse.streams.counters;

import io.crmpulse.records.ComplaintDay;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.StoreNames;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Per-day, per-group complaint counters (METRICS.md section 4), from which every period is a sum over
 * days (the time-to-resolve percentiles over the merged durations of its days).
 *
 * <p>Input: complaint deltas keyed by group, partitioned by group ({@link GroupDeltasTopology}). Store: {@link StoreNames#COMPLAINT_COUNTERS},
 * key {@code GROUP|YYYY-MM-DD}.
 */
public final class ComplaintCountersTopology {

    private final SerdeFactory serdes;

    public ComplaintCountersTopology(SerdeFactory serdes) {
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder, KStream<String, ComplaintDay> deltasByGroup) {
        new SummingCounters<>(CounterFamilies.COMPLAINTS, StoreNames.COMPLAINT_COUNTERS, "complaint-counters")
                .addTo(builder, serdes, deltasByGroup);
    }
}
