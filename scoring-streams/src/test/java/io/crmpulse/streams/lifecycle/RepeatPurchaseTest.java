package io.crmpulse.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.OrderEventType;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.counters.RepeatCountersTopology;
import io.crmpulse.streams.figures.PeriodRow;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * repeat_purchase_rate (METRICS.md section 3): the share of customers active in a period with activity
 * on at least two distinct days of it (analytics.zone), per group, and over whole histories.
 * <pre>
 *   c1  office A: orders 2024-03-04 10:00 and 15:00 (one day), 2024-03-20 10:00 (naming no office)
 *   c2  office B: orders 2024-03-31 23:00 and 2024-04-01 01:00 (UTC: two days, two months)
 * </pre>
 */
class RepeatPurchaseTest {

    private static void history(PipelineDriver pipeline) {
        pipeline.order("c1", "2024-03-04T10:00:00Z", "A").order("c1", "2024-03-04T15:00:00Z", "A")
                .order("c1", "2024-03-20T10:00:00Z", null)
                .order("c2", "2024-03-31T23:00:00Z", "B").order("c2", "2024-04-01T01:00:00Z", "B");
    }

    private static String repeat(PeriodRow r) {
        return r.activeCustomers() + " active, " + r.repeatCustomers() + " repeat, rate " + r.repeatPurchaseRate();
    }

    @Test
    void shouldCountCustomersWithActivityOnTwoDistinctDaysOfThePeriod() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            history(pipeline);

            assertThat(repeat(pipeline.row("all", "month", "2024-03"))).isEqualTo("2 active, 1 repeat, rate 0.5");
            assertThat(repeat(pipeline.row("all", "month", "2024-04"))).isEqualTo("1 active, 0 repeat, rate 0.0");
            assertThat(repeat(pipeline.row("all", "week", "2024-W10"))).isEqualTo("1 active, 0 repeat, rate 0.0");
            assertThat(repeat(pipeline.row("all", "quarter", "2024-Q1"))).isEqualTo("2 active, 1 repeat, rate 0.5");
            assertThat(repeat(pipeline.row("all", "half-year", "2024-H1"))).isEqualTo("2 active, 2 repeat, rate 1.0");
            assertThat(repeat(pipeline.row("office:A", "month", "2024-03"))).isEqualTo("1 active, 1 repeat, rate 1.0");
            assertThat(pipeline.repeat("all").get(RepeatCountersTopology.LIFETIME).getRepeat()).isEqualTo(2);
        }
    }

    @Test
    void shouldFollowALateReassignmentAndLeaveDaysAndRollingWindowsWithoutARate() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            history(pipeline);
            // c1 moved to office B on March 10, known only now: its March 20 order is B's.
            pipeline.assign("c1", "2024-03-10T00:00:00Z", "B");

            assertThat(repeat(pipeline.row("office:A", "month", "2024-03"))).isEqualTo("1 active, 0 repeat, rate 0.0");
            assertThat(repeat(pipeline.row("office:B", "month", "2024-03"))).isEqualTo("2 active, 0 repeat, rate 0.0");
            assertThat(repeat(pipeline.row("all", "month", "2024-03"))).isEqualTo("2 active, 1 repeat, rate 0.5");

            PeriodRow day = pipeline.row("all", "day", "2024-03-04");
            assertThat(day.repeatPurchaseRate()).isNull();
            assertThat(day.repeatNullReason()).contains("calendar weeks");
            assertThat(pipeline.row("all", "rolling:30d", "2024-03-31").repeatPurchaseRate()).isNull();
            assertThat(pipeline.row("all", "week", "2024-W11").repeatNullReason()).isEqualTo("no customer had activity in the period");
        }
    }

    @Test
    void shouldCutDaysInTheAnalyticsZone() {
        LifecycleSettings shanghai = new LifecycleSettings(LifecycleSettings.DEFAULT_AT_RISK_AFTER, LifecycleSettings.DEFAULT_CHURN_AFTER,
                EnumSet.of(OrderEventType.PLACED, OrderEventType.PAID), ZoneId.of("Asia/Shanghai"));
        try (PipelineDriver pipeline = new PipelineDriver(shanghai)) {
            history(pipeline);

            // In Shanghai both of c2's orders fall on April 1: one day, so no repeat in April.
            assertThat(repeat(pipeline.row("office:B", "month", "2024-04"))).isEqualTo("1 active, 0 repeat, rate 0.0");
            assertThat(pipeline.repeat("office:B").get(RepeatCountersTopology.LIFETIME).getRepeat()).isZero();
        }
    }
}
