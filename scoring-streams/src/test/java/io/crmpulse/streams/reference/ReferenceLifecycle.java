package io.crmpulse.streams.reference;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * METRICS.md sections 2 and 3 written down as directly as possible, for checking the topology: each
 * customer's events are replayed in event-time order, deadlines before events at one instant and an
 * assignment before the activity at its instant, and every transition is counted on its day. It shares
 * no code with the topology (no episodes, no differences, no stores).
 */
public final class ReferenceLifecycle {

    /** An order of {@code customer} through {@code office} (null: none), or, when {@code order} is false, an assignment. */
    public record Event(String customer, Instant at, String office, boolean order) {
    }

    private final Duration churnAfter;

    public ReferenceLifecycle(Duration churnAfter) {
        this.churnAfter = churnAfter;
    }

    /** Per group ({@code all}, {@code office:X}) and UTC day: new, reactivated, churned, transferred in, transferred out. */
    public Map<String, Map<LocalDate, long[]>> dailyFlows(List<Event> events, Instant streamTime) {
        Map<String, Map<LocalDate, long[]>> flows = new TreeMap<>();
        Map<String, List<Event>> byCustomer = new TreeMap<>();
        for (Event e : events) {
            byCustomer.computeIfAbsent(e.customer(), c -> new ArrayList<>()).add(e);
        }
        for (List<Event> history : byCustomer.values()) {
            // At one instant the assignment comes before the activity (an order's own office is applied first too).
            history.sort(Comparator.comparing(Event::at).thenComparing(e -> e.order() ? 1 : 0));
            String office = null;
            boolean active = false;
            boolean everActive = false;
            Instant last = null;
            for (Event e : history) {
                if (active && !e.at().isBefore(last.plus(churnAfter))) {
                    count(flows, office, last.plus(churnAfter), 2);
                    active = false;
                }
                if (e.office() != null && !e.office().equals(office)) {
                    if (active) {
                        if (office != null) {
                            countGroup(flows, "office:" + office, e.at(), 4);
                        }
                        countGroup(flows, "office:" + e.office(), e.at(), 3);
                    }
                    office = e.office();
                }
                if (e.order() && !(active && e.at().equals(last))) {
                    if (!active) {
                        count(flows, office, e.at(), everActive ? 1 : 0);
                    }
                    active = true;
                    everActive = true;
                    last = e.at();
                }
            }
            if (active && !streamTime.isBefore(last.plus(churnAfter))) {
                count(flows, office, last.plus(churnAfter), 2);
            }
        }
        return flows;
    }

    /** A transition counted in {@code all} and in the office (when there is one). */
    private static void count(Map<String, Map<LocalDate, long[]>> flows, String office, Instant at, int flow) {
        countGroup(flows, "all", at, flow);
        if (office != null) {
            countGroup(flows, "office:" + office, at, flow);
        }
    }

    private static void countGroup(Map<String, Map<LocalDate, long[]>> flows, String group, Instant at, int flow) {
        flows.computeIfAbsent(group, g -> new HashMap<>())
                .computeIfAbsent(LocalDate.ofInstant(at, ZoneOffset.UTC), d -> new long[5])[flow]++;
    }
}
