package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.CustomerFlows;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Counts of transitions per group and day: one customer's, or the difference between two of them. */
final class FlowTally {

    private record GroupDay(String group, LocalDate day) {
    }

    private final Map<GroupDay, long[]> counts = new HashMap<>();

    void add(String group, LocalDate day, Flow flow) {
        counts.computeIfAbsent(new GroupDay(group, day), k -> new long[Flow.values().length])[flow.ordinal()]++;
    }

    /** This tally minus {@code other}, without the group-days where they agree. */
    FlowTally minus(FlowTally other) {
        FlowTally diff = new FlowTally();
        counts.forEach((k, v) -> diff.counts.put(k, v.clone()));
        other.counts.forEach((k, v) -> {
            long[] d = diff.counts.computeIfAbsent(k, x -> new long[Flow.values().length]);
            for (int i = 0; i < d.length; i++) {
                d[i] -= v[i];
            }
        });
        diff.counts.values().removeIf(FlowTally::allZero);
        return diff;
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** Each group with its day's counts as a record. */
    void forEach(BiConsumer<String, CustomerFlows> action) {
        counts.forEach((k, v) -> action.accept(k.group(), new CustomerFlows(k.day(),
                v[Flow.NEW.ordinal()], v[Flow.REACTIVATED.ordinal()], v[Flow.CHURNED.ordinal()],
                v[Flow.TRANSFERRED_IN.ordinal()], v[Flow.TRANSFERRED_OUT.ordinal()])));
    }

    long count(String group, LocalDate day, Flow flow) {
        long[] v = counts.get(new GroupDay(group, day));
        return v == null ? 0 : v[flow.ordinal()];
    }

    private static boolean allZero(long[] v) {
        for (long x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
