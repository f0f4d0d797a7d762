package io.crmpulse.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.figures.CohortFigures;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Revenue cohorts and net revenue retention (METRICS.md section 3), with the default revenue.event-types
 * PAID: an order's revenue is its first PAID event's amount, in that event's month, minus each refund in
 * the refund's month; the cohort is the month of the customer's first activity (PLACED or PAID).
 * <pre>
 *   c1  o1 placed 2024-01-10, paid 100 on 01-11 (and a second PAID on 01-15, ignored)
 *       o3 placed 2024-03-05, paid 50 on 03-05, 20 refunded on 04-02
 *   c2  o2 placed 2024-01-20, paid 200 on 02-01
 * </pre>
 */
class RevenueCohortTest {

    private PipelineDriver pipeline;
    private int ids;

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver();
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    private void event(String customer, String order, OrderEventType type, String at, String amount) {
        String id = "r" + (++ids);
        pipeline.send(new OrderEvent(PipelineDriver.envelope(id, customer, Instant.parse(at), "SH"), type, order,
                new BigDecimal(amount).setScale(4), "CNY", null));
    }

    private void history() {
        event("c1", "o1", OrderEventType.PLACED, "2024-01-10T09:00:00Z", "100");
        event("c1", "o1", OrderEventType.PAID, "2024-01-11T09:00:00Z", "100");
        event("c1", "o1", OrderEventType.PAID, "2024-01-15T09:00:00Z", "100");
        event("c2", "o2", OrderEventType.PLACED, "2024-01-20T09:00:00Z", "200");
        event("c2", "o2", OrderEventType.PAID, "2024-02-01T09:00:00Z", "200");
        event("c1", "o3", OrderEventType.PLACED, "2024-03-05T09:00:00Z", "50");
        event("c1", "o3", OrderEventType.PAID, "2024-03-05T10:00:00Z", "50");
        event("c1", "o3", OrderEventType.REFUNDED, "2024-04-02T09:00:00Z", "20");
    }

    private static Map<YearMonth, BigDecimal> months(Object... monthAndAmount) {
        Map<YearMonth, BigDecimal> m = new java.util.TreeMap<>();
        for (int i = 0; i < monthAndAmount.length; i += 2) {
            m.put(YearMonth.parse((String) monthAndAmount[i]), new BigDecimal((String) monthAndAmount[i + 1]).setScale(4));
        }
        return m;
    }

    @Test
    void shouldSumPaymentsNetOfRefundsPerCohortAndMonth() {
        history();

        assertThat(pipeline.revenueCohorts("all")).containsExactly(Map.entry(YearMonth.parse("2024-01"),
                months("2024-01", "100", "2024-02", "200", "2024-03", "50", "2024-04", "-20")));
        assertThat(pipeline.revenueCohorts("office:SH")).isEqualTo(pipeline.revenueCohorts("all"));

        List<CohortFigures.RevenueRow> rows = CohortFigures.revenueRows(pipeline.revenueCohorts("all"), pipeline.asOf(), ZoneOffset.UTC, null, null);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.cohort()).isEqualTo("2024-01");
            assertThat(r.netRevenueRetention()).containsExactly(1.0, 2.0, 0.5, -0.2);
        });
    }

    @Test
    void shouldMoveRevenueWithALateEarlierPaymentAndALateFirstOrder() {
        history();
        // o3's payment really happened in February; c2 really first ordered in December (unpaid).
        event("c1", "o3", OrderEventType.PAID, "2024-02-28T09:00:00Z", "50");
        event("c2", "o4", OrderEventType.PLACED, "2023-12-15T09:00:00Z", "30");

        assertThat(pipeline.revenueCohorts("all")).containsExactly(
                Map.entry(YearMonth.parse("2023-12"), months("2024-02", "200")),
                Map.entry(YearMonth.parse("2024-01"), months("2024-01", "100", "2024-02", "50", "2024-03", "0", "2024-04", "-20")));
    }
}
