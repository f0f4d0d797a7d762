package io.crmpulse.streams.segments;

import io.crmpulse.records.CustomerSegment;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * How many customers are in each ABC class and RFM cell, kept as each segment changes (store
 * {@code segment-counts}), so that counting them reads about a hundred keys instead of every customer. Keys:
 * {@code customers}, {@code abc:X}, {@code rfm:RFM}, and {@code day}, the epoch day of the latest change.
 */
public final class SegmentTally {

    private static final String CUSTOMERS = "customers";
    private static final String DAY = "day";
    private static final String ABC = "abc:";
    private static final String RFM = "rfm:";

    /** What the counts say: customers classified, the latest day any changed, per class and per RFM cell. */
    public record Counts(long customers, LocalDate classifiedFor, Map<String, Long> abc, Map<String, Long> rfm) {
    }

    private SegmentTally() {
    }

    /** Moves one customer from {@code before} (null when it had no segment) to {@code now}. */
    static void apply(KeyValueStore<String, Long> counts, CustomerSegment before, CustomerSegment now) {
        if (before == null) {
            add(counts, CUSTOMERS, 1);
        } else {
            add(counts, ABC + before.getAbc(), -1);
            String cell = AbcRfm.rfm(before.getRecency(), before.getFrequency(), before.getMonetary());
            if (cell != null) {
                add(counts, RFM + cell, -1);
            }
        }
        add(counts, ABC + now.getAbc(), 1);
        String cell = AbcRfm.rfm(now.getRecency(), now.getFrequency(), now.getMonetary());
        if (cell != null) {
            add(counts, RFM + cell, 1);
        }
        Long day = counts.get(DAY);
        if (day == null || now.getDay().toEpochDay() > day) {
            counts.put(DAY, now.getDay().toEpochDay());
        }
    }

    /** Counts every segment of {@code segments} anew, for state kept before the counts were (one scan, once). */
    static void rebuild(KeyValueStore<String, Long> counts, KeyValueStore<String, CustomerSegment> segments) {
        try (KeyValueIterator<String, CustomerSegment> it = segments.all()) {
            it.forEachRemaining(kv -> apply(counts, null, kv.value));
        }
    }

    static boolean isEmpty(KeyValueStore<String, Long> counts) {
        return counts.get(CUSTOMERS) == null;
    }

    public static Counts read(ReadOnlyKeyValueStore<String, Long> counts) {
        long customers = 0;
        LocalDate day = null;
        Map<String, Long> abc = new TreeMap<>();
        Map<String, Long> rfm = new TreeMap<>();
        try (KeyValueIterator<String, Long> it = counts.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                if (kv.key.equals(CUSTOMERS)) {
                    customers = kv.value;
                } else if (kv.key.equals(DAY)) {
                    day = LocalDate.ofEpochDay(kv.value);
                } else if (kv.key.startsWith(ABC)) {
                    abc.put(kv.key.substring(ABC.length()), kv.value);
                } else if (kv.key.startsWith(RFM)) {
                    rfm.put(kv.key.substring(RFM.length()), kv.value);
                }
            }
        }
        return new Counts(customers, day, abc, rfm);
    }

    private static void add(KeyValueStore<String, Long> counts, String key, long delta) {
        Long current = counts.get(key);
        long updated = (current == null ? 0 : current) + delta;
        if (updated == 0) {
            counts.delete(key);
        } else {
            counts.put(key, updated);
        }
    }
}
