package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.ResolveTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Complaint counts per group and day (METRICS.md section 4): one customer's, or the difference between two. */
final class ComplaintTally {

    enum Count {
        OPENED, RESOLVED, FIRST_RESOLVED, ANSWERED, SATISFIED, SLA_MET, REOPENED
    }

    private record GroupDay(String group, LocalDate day) {
    }

    private record Counts(long[] counts, TreeMap<Long, Long> resolveTimes) {
        Counts() {
            this(new long[Count.values().length], new TreeMap<>());
        }

        boolean isZero() {
            for (long c : counts) {
                if (c != 0) {
                    return false;
                }
            }
            return resolveTimes.isEmpty();
        }
    }

    private final Map<GroupDay, Counts> byGroupDay = new HashMap<>();

    void add(String group, LocalDate day, Count count) {
        counts(group, day).counts()[count.ordinal()]++;
    }

    void addResolveTime(String group, LocalDate day, long millis) {
        counts(group, day).resolveTimes().merge(millis, 1L, Long::sum);
    }

    private Counts counts(String group, LocalDate day) {
        return byGroupDay.computeIfAbsent(new GroupDay(group, day), k -> new Counts());
    }

    /** This tally minus {@code other}, without the group-days where they agree. */
    ComplaintTally minus(ComplaintTally other) {
        ComplaintTally diff = new ComplaintTally();
        byGroupDay.forEach((k, v) -> {
            Counts d = diff.counts(k.group(), k.day());
            System.arraycopy(v.counts(), 0, d.counts(), 0, v.counts().length);
            d.resolveTimes().putAll(v.resolveTimes());
        });
        other.byGroupDay.forEach((k, v) -> {
            Counts d = diff.counts(k.group(), k.day());
            for (int i = 0; i < d.counts().length; i++) {
                d.counts()[i] -= v.counts()[i];
            }
            v.resolveTimes().forEach((millis, n) -> d.resolveTimes().merge(millis, -n, (a, b) -> a + b == 0 ? null : a + b));
        });
        diff.byGroupDay.values().removeIf(Counts::isZero);
        return diff;
    }

    /** Each group with its day's counts as a record. */
    void forEach(BiConsumer<String, ComplaintDay> action) {
        byGroupDay.forEach((k, v) -> {
            long[] c = v.counts();
            List<ResolveTime> times = new ArrayList<>();
            v.resolveTimes().forEach((millis, n) -> times.add(new ResolveTime(millis, n)));
            action.accept(k.group(), new ComplaintDay(k.day(), c[Count.OPENED.ordinal()], c[Count.RESOLVED.ordinal()],
                    c[Count.FIRST_RESOLVED.ordinal()], c[Count.ANSWERED.ordinal()], c[Count.SATISFIED.ordinal()],
                    c[Count.SLA_MET.ordinal()], c[Count.REOPENED.ordinal()], times));
        });
    }
}
