package io.crmpulse.streams.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.records.CustomerSegment;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.StoreNames;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
 * The segments task against {@link ReferenceSegments} on random order histories (METRICS.md section 7): orders
 * over more than a year through two offices or none, paid (sometimes twice) and refunded across month ends,
 * amounts that tie, arriving shuffled with duplicates, with days and months in one of three zones; then one order a random number of days later moves stream
 * time into the day that is classified. Every customer's ABC class and RFM scores must be those of the reference,
 * company-wide and within each office.
 */
class SegmentsAgainstReferenceTest {

    private static final Instant BASE = Instant.parse("2023-11-01T00:00:00Z");
    private static final List<String> OFFICES = List.of("SH", "BJ");
    private static final List<String> AMOUNTS = List.of("10", "20", "50", "100", "100", "250");
    private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Asia/Shanghai"), ZoneId.of("America/New_York"));

    @Property(tries = 40)
    void segmentsEqualTheReferenceWhateverTheArrivalOrder(@ForAll long seed, @ForAll @IntRange(min = 1, max = 14) int customers,
                                                         @ForAll boolean withinOffice) {
        Random random = new Random(seed);
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        List<ReferenceSegments.OrderEvent> events = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            orders(String.format("c%02d", c), random, events);
        }
        Instant last = events.stream().map(ReferenceSegments.OrderEvent::at).max(Instant::compareTo).orElseThrow();
        LocalDate day = LocalDate.ofInstant(last, zone).plusDays(1 + random.nextInt(60));
        ReferenceSegments.OrderEvent clock = new ReferenceSegments.OrderEvent("zz-clock", "clock", "PLACED",
                day.atStartOfDay(zone).toInstant().plus(Duration.ofHours(1)), BigDecimal.ZERO.setScale(4), null);

        LifecycleSettings settings = LifecycleSettings.defaults().withZone(zone)
                .withSegmentation(new LifecycleSettings.Segmentation(12, 75, 20, withinOffice, Duration.ZERO));
        try (PipelineDriver pipeline = new PipelineDriver(settings)) {
            List<Runnable> sends = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                ReferenceSegments.OrderEvent e = events.get(i);
                OrderEvent event = new OrderEvent(PipelineDriver.envelope("s" + i, e.customer(), e.at(), e.office()),
                        OrderEventType.valueOf(e.type()), e.order(), e.amount(), "EUR", 1);
                sends.add(() -> pipeline.send(event));
                if (random.nextInt(5) == 0) {
                    sends.add(() -> pipeline.send(event));
                }
            }
            Collections.shuffle(sends, random);
            sends.forEach(Runnable::run);
            pipeline.send(new OrderEvent(PipelineDriver.envelope("clock", clock.customer(), clock.at(), null), OrderEventType.PLACED,
                    clock.order(), clock.amount(), "EUR", 1));
            events.add(clock);

            Map<String, String> officeAt = new TreeMap<>();
            events.stream().filter(e -> e.type().equals("PLACED") && e.office() != null)
                    .sorted(java.util.Comparator.comparing(ReferenceSegments.OrderEvent::at))
                    .forEach(e -> officeAt.put(e.customer(), e.office()));
            Map<String, ReferenceSegments.Classes> expected = new ReferenceSegments(12, 75, 20, zone).classify(events, day, officeAt, withinOffice);
            org.apache.kafka.streams.state.KeyValueStore<String, CustomerSegment> store =
                    pipeline.driver().getKeyValueStore(StoreNames.CUSTOMER_SEGMENTS);
            Map<String, ReferenceSegments.Classes> actual = new TreeMap<>();
            for (String customer : expected.keySet()) {
                CustomerSegment s = store.get(customer);
                // A customer the day's run has not seen yet (its value came after it) must have nothing in the window.
                actual.put(customer, s == null ? new ReferenceSegments.Classes("C", null, null, null)
                        : new ReferenceSegments.Classes(s.getAbc(), s.getRecency(), s.getFrequency(), s.getMonetary()));
            }
            assertThat(actual).as("classified on %s (within office: %s) from %s", day, withinOffice, events).isEqualTo(expected);
            io.crmpulse.streams.segments.SegmentsTopologyTest.assertCountsMatchTheSegments(pipeline);
        }
    }

    /**
     * One customer's orders: placed through an office or none, most paid minutes to days later (a fifth paid twice,
     * the later payment ignored), some partly refunded weeks later, at instants unique to the customer.
     */
    private static void orders(String customer, Random random, List<ReferenceSegments.OrderEvent> events) {
        Set<Instant> used = new HashSet<>();
        int n = 1 + random.nextInt(6);
        for (int k = 0; k < n; k++) {
            Instant placed = BASE.plus(Duration.ofDays(random.nextInt(480))).plus(Duration.ofMinutes(random.nextInt(24 * 60)));
            if (!used.add(placed)) {
                continue;
            }
            String order = customer + "-o" + k;
            String office = random.nextInt(4) == 0 ? null : OFFICES.get(random.nextInt(OFFICES.size()));
            events.add(new ReferenceSegments.OrderEvent(customer, order, "PLACED", placed, BigDecimal.ZERO.setScale(4), office));
            if (random.nextInt(4) == 0) {
                continue;
            }
            BigDecimal amount = new BigDecimal(AMOUNTS.get(random.nextInt(AMOUNTS.size()))).setScale(4);
            Instant paid = placed.plus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 3)));
            events.add(new ReferenceSegments.OrderEvent(customer, order, "PAID", paid, amount, null));
            if (random.nextInt(5) == 0) {
                events.add(new ReferenceSegments.OrderEvent(customer, order, "PAID", paid.plus(Duration.ofDays(2)), amount.add(BigDecimal.TEN), null));
            }
            if (random.nextInt(4) == 0) {
                events.add(new ReferenceSegments.OrderEvent(customer, order, "REFUNDED", paid.plus(Duration.ofDays(1 + random.nextInt(40))),
                        amount.divide(BigDecimal.valueOf(2)), null));
            }
        }
    }
}
