package io.crmpulse.streams.counters;

import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.ResolveTime;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.StoreNames;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Per-day, per-group complaint counters (METRICS.md section 4), from which every period is a sum over
 * days (the time-to-resolve percentiles over the merged durations of its days).
 *
 * <p>Input: complaint deltas keyed by group, repartitioned by group through
 * {@code <application.id>-complaint-deltas-repartition}. Store: {@link StoreNames#COMPLAINT_COUNTERS},
 * key {@code GROUP|YYYY-MM-DD}.
 */
public final class ComplaintCountersTopology {

    private final SerdeFactory serdes;

    public ComplaintCountersTopology(SerdeFactory serdes) {
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder, KStream<String, ComplaintDay> deltasByGroup) {
        new SummingCounters<>(ComplaintDay.class, StoreNames.COMPLAINT_COUNTERS, StoreNames.COMPLAINT_DELTAS_REPARTITION,
                "complaint-counters", (group, delta) -> Groups.dayKey(group, delta.getDay()), ComplaintCountersTopology::plus)
                .addTo(builder, serdes, deltasByGroup);
    }

    /** The sum of two day records of one day (a total and a delta); durations whose count reaches 0 disappear. */
    private static ComplaintDay plus(ComplaintDay a, ComplaintDay b) {
        TreeMap<Long, Long> times = new TreeMap<>();
        for (List<ResolveTime> side : List.of(a.getResolveTimes(), b.getResolveTimes())) {
            for (ResolveTime t : side) {
                times.merge(t.getMillis(), t.getComplaints(), (x, y) -> x + y == 0 ? null : x + y);
            }
        }
        List<ResolveTime> merged = new ArrayList<>();
        times.forEach((millis, n) -> merged.add(new ResolveTime(millis, n)));
        return new ComplaintDay(a.getDay(), a.getOpened() + b.getOpened(), a.getResolved() + b.getResolved(),
                a.getFirstResolved() + b.getFirstResolved(), a.getAnswered() + b.getAnswered(), a.getSatisfied() + b.getSatisfied(),
                a.getSlaMet() + b.getSlaMet(), a.getReopened() + b.getReopened(), merged);
    }
}
