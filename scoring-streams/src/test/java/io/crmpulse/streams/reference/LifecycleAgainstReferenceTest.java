package io.crmpulse.streams.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.CustomerEventType;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The topology against {@link ReferenceLifecycle} on random histories (METRICS.md §2: "arrival order
 * does not change the figures"). Histories cross month ends and a leap day, put orders exactly on churn
 * deadlines and at midnight, move customers between offices, and arrive shuffled with duplicates; every
 * group's per-day flows must be equal, so every period figure is.
 */
class LifecycleAgainstReferenceTest {

    private static final Instant BASE = Instant.parse("2023-11-01T00:00:00Z");
    private static final Duration CHURN = Duration.ofDays(90);
    private static final List<String> OFFICES = List.of("A", "B", "C");

    @Property(tries = 60)
    void topologyEqualsReferenceWhateverTheArrivalOrder(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int customers) {
        Random random = new Random(seed);
        List<ReferenceLifecycle.Event> events = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            history("c" + c, random, events);
        }
        Instant streamTime = events.stream().map(ReferenceLifecycle.Event::at).max(Instant::compareTo).orElseThrow();
        Map<String, Map<LocalDate, long[]>> expected = new ReferenceLifecycle(CHURN).dailyFlows(events, streamTime);

        List<Runnable> sends = new ArrayList<>();
        try (PipelineDriver pipeline = new PipelineDriver(LifecycleSettings.defaults())) {
            int id = 0;
            for (ReferenceLifecycle.Event e : events) {
                String eventId = "e" + (id++);
                Runnable send = e.order()
                        ? () -> pipeline.send(new OrderEvent(PipelineDriver.envelope(eventId, e.customer(), e.at(), e.office()),
                                OrderEventType.PLACED, eventId, new BigDecimal("1.0000"), "EUR", 1))
                        : () -> pipeline.send(new CustomerEvent(PipelineDriver.envelope(eventId, e.customer(), e.at(), e.office()),
                                CustomerEventType.ASSIGNED, null, null, null, null));
                sends.add(send);
                if (random.nextInt(5) == 0) {
                    sends.add(send); // a duplicate delivery of the same event
                }
            }
            Collections.shuffle(sends, random);
            sends.forEach(Runnable::run);

            Set<String> groups = new HashSet<>(expected.keySet());
            groups.addAll(pipeline.groups());
            for (String group : groups) {
                assertThat(actual(pipeline.days(group))).as("%s of %s", group, events)
                        .isEqualTo(normalised(expected.getOrDefault(group, Map.of())));
            }
        }
    }

    /** One customer: orders (through an office or none) and reassignments, at instants that hit the hard cases. */
    private static void history(String customer, Random random, List<ReferenceLifecycle.Event> events) {
        Set<Instant> used = new HashSet<>();
        Instant t = BASE.plus(Duration.ofDays(random.nextInt(60)));
        int n = 1 + random.nextInt(8);
        String office = OFFICES.get(random.nextInt(OFFICES.size()));
        for (int i = 0; i < n; i++) {
            if (random.nextInt(4) == 0) {
                office = OFFICES.get(random.nextInt(OFFICES.size()));
            }
            if (random.nextInt(5) == 0) {
                // An explicit reassignment, at an instant no order of this customer uses.
                Instant at = t.plus(Duration.ofHours(1 + random.nextInt(48)));
                if (used.add(at)) {
                    events.add(new ReferenceLifecycle.Event(customer, at, OFFICES.get(random.nextInt(OFFICES.size())), false));
                }
            }
            Instant order = t;
            if (used.add(order)) {
                events.add(new ReferenceLifecycle.Event(customer, order, random.nextInt(6) == 0 ? null : office, true));
            }
            t = switch (random.nextInt(5)) {
                case 0 -> t.plus(CHURN); // exactly on the churn deadline: churn and reactivation at once
                case 1 -> t.plus(CHURN).minusMillis(1); // one millisecond before it: kept
                case 2 -> t.plus(Duration.ofDays(1 + random.nextInt(40))).truncatedTo(java.time.temporal.ChronoUnit.DAYS); // midnight
                case 3 -> t.plus(Duration.ofDays(100 + random.nextInt(100))); // a long gap
                default -> t.plus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 30)));
            };
        }
    }

    private static Map<LocalDate, List<Long>> actual(Map<LocalDate, CustomerFlows> days) {
        Map<LocalDate, List<Long>> out = new TreeMap<>();
        days.forEach((day, f) -> {
            List<Long> v = List.of(f.getNew$(), f.getReactivated(), f.getChurned(), f.getTransferredIn(), f.getTransferredOut());
            if (v.stream().anyMatch(x -> x != 0)) {
                out.put(day, v);
            }
        });
        return out;
    }

    private static Map<LocalDate, List<Long>> normalised(Map<LocalDate, long[]> days) {
        Map<LocalDate, List<Long>> out = new TreeMap<>();
        days.forEach((day, v) -> {
            if (java.util.Arrays.stream(v).anyMatch(x -> x != 0)) {
                out.put(day, java.util.Arrays.stream(v).boxed().toList());
            }
        });
        return out;
    }
}
