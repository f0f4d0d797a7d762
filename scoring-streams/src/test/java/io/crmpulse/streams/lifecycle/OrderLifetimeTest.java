package io.crmpulse.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.state.ActivityInstant;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.StoreNames;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

/**
 * Under lifecycle.max-lateness an order's entries (its first activity, its first payment) are kept for
 * lifecycle.order-lifetime: within it a later event of the order is still the same order, after it the same
 * id is a new order, and the entries of a customer who orders for years stay bounded.
 */
class OrderLifetimeTest {

    private static final LifecycleSettings SETTINGS = LifecycleSettings.defaults().withMaxLateness(Duration.ofDays(7))
            .withOrderLifetime(Duration.ofDays(30));

    private int ids;

    private void event(PipelineDriver pipeline, String order, OrderEventType type, String at, String amount) {
        pipeline.send(new OrderEvent(PipelineDriver.envelope("e" + (++ids), "c1", Instant.parse(at), "SH"), type, order,
                new BigDecimal(amount).setScale(4), "CNY", null));
    }

    private static long entries(PipelineDriver pipeline, String store) {
        WindowStore<String, Object> entries = pipeline.driver().getWindowStore(store);
        long n = 0;
        try (KeyValueIterator<Windowed<String>, Object> it = entries.all()) {
            for (; it.hasNext(); it.next()) {
                n++;
            }
        }
        return n;
    }

    private static String activity(PipelineDriver pipeline) {
        return pipeline.customerState("c1").orElseThrow().getActivity().stream()
                .map(ActivityInstant::getAt).map(Instant::toString).toList().toString();
    }

    @Test
    void shouldTakeAnOrdersEventsWithinItsLifetimeAsOneOrderAndAReusedIdAfterItAsANewOne() {
        try (PipelineDriver pipeline = new PipelineDriver(SETTINGS)) {
            event(pipeline, "o1", OrderEventType.PLACED, "2024-01-10T09:00:00Z", "100");
            event(pipeline, "o1", OrderEventType.PAID, "2024-01-11T09:00:00Z", "100");
            // An earlier payment arriving late (within max-lateness) is the order's first: its amount counts.
            event(pipeline, "o1", OrderEventType.PAID, "2024-01-10T12:00:00Z", "90");
            // Another payment 29 days after the first is still the same order's: no revenue.
            event(pipeline, "o1", OrderEventType.PAID, "2024-02-08T09:00:00Z", "100");
            assertThat(activity(pipeline)).isEqualTo("[2024-01-10T09:00:00Z]");
            assertThat(pipeline.revenueCohorts("all")).containsExactly(Map.entry(YearMonth.parse("2024-01"), Map.of(YearMonth.parse("2024-01"), new BigDecimal("90.0000"))));

            // More than 30 days after its first activity and payment the id o1 is a new order: activity and revenue again.
            event(pipeline, "o1", OrderEventType.PLACED, "2024-02-10T09:00:00Z", "40");
            event(pipeline, "o1", OrderEventType.PAID, "2024-02-12T09:00:00Z", "40");
            assertThat(activity(pipeline)).isEqualTo("[2024-01-10T09:00:00Z, 2024-02-10T09:00:00Z]");
            assertThat(pipeline.revenueCohorts("all")).containsExactly(Map.entry(YearMonth.parse("2024-01"),
                    Map.of(YearMonth.parse("2024-01"), new BigDecimal("90.0000"), YearMonth.parse("2024-02"), new BigDecimal("40.0000"))));
            // The new order's own events arriving out of order still make one order at its first one.
            event(pipeline, "o1", OrderEventType.PLACED, "2024-02-09T10:00:00Z", "40");
            assertThat(activity(pipeline)).isEqualTo("[2024-01-10T09:00:00Z, 2024-02-09T10:00:00Z]");
        }
    }

    @Test
    void shouldKeepOnlyTheEntriesOfOrdersWithinLifetimeAndLatenessOfTheNewest() {
        try (PipelineDriver pipeline = new PipelineDriver(SETTINGS)) {
            Instant start = Instant.parse("2023-01-02T09:00:00Z");
            for (int day = 0; day < 730; day += 2) {
                String at = start.plus(Duration.ofDays(day)).toString();
                event(pipeline, "o" + day, OrderEventType.PLACED, at, "10");
                event(pipeline, "o" + day, OrderEventType.PAID, at, "10");
            }
            // 365 orders over two years, all counted; entries kept only for about the last 37 days (one order every
            // second day), plus the rest of a segment not yet dropped (segments of half the retention).
            assertThat(pipeline.days("all").values().stream().mapToLong(f -> f.getNew$()).sum()).isEqualTo(1);
            assertThat(pipeline.repeat("all").get("lifetime").getActive()).isEqualTo(1);
            assertThat(entries(pipeline, StoreNames.ORDER_ACTIVITY_WINDOW)).isBetween(19L, 30L);
            assertThat(entries(pipeline, StoreNames.ORDER_REVENUE_WINDOW)).isBetween(19L, 30L);
            assertThat(pipeline.revenueCohorts("all").get(YearMonth.parse("2023-01")).values().stream()
                    .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("3650");
        }
    }

    @Test
    void shouldRefuseAnOrderLifetimeWithoutMaxLateness() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LifecycleSettings.defaults().withOrderLifetime(Duration.ofDays(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lifecycle.order-lifetime needs lifecycle.max-lateness");
    }
}
