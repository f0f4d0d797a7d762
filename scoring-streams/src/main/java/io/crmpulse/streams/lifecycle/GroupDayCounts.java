package io.crmpulse.streams.lifecycle;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * A fixed number of counts per group and day: what a tally of one customer's figures, or the difference between
 * two tallies, is made of.
 */
final class GroupDayCounts {

    /** Receives one group's counts of one day. */
    interface Visitor {
        void accept(String group, LocalDate day, long[] counts);
    }

    private record GroupDay(String group, LocalDate day) {
    }

    private final int width;
    private final Map<GroupDay, long[]> counts = new HashMap<>();

    GroupDayCounts(int width) {
        this.width = width;
    }

    void add(String group, LocalDate day, int index, long change) {
        counts.computeIfAbsent(new GroupDay(group, day), k -> new long[width])[index] += change;
    }

    /** These counts minus {@code other}, without the group-days where they agree. */
    GroupDayCounts minus(GroupDayCounts other) {
        GroupDayCounts diff = new GroupDayCounts(width);
        counts.forEach((k, v) -> diff.counts.put(k, v.clone()));
        other.counts.forEach((k, v) -> {
            long[] d = diff.counts.computeIfAbsent(k, x -> new long[width]);
            for (int i = 0; i < width; i++) {
                d[i] -= v[i];
            }
        });
        diff.counts.values().removeIf(GroupDayCounts::allZero);
        return diff;
    }

    void forEach(Visitor visitor) {
        counts.forEach((k, v) -> visitor.accept(k.group(), k.day(), v));
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
