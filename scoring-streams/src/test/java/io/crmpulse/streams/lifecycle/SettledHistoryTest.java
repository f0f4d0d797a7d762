package io.crmpulse.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.ComplaintEventType;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.state.CustomerState;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.risk.PurchaseSummary;
import io.crmpulse.streams.risk.Rfm;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Under lifecycle.max-lateness a customer's history that no accepted event can reach any more is settled:
 * folded into a summary and dropped. A loyal customer ordering every week for four years, moved between
 * offices each quarter and complaining once a month, keeps about a year of history instead of four, and
 * every figure, its status and its purchase summary stay those of the full history.
 */
class SettledHistoryTest {

    private static final Instant START = Instant.parse("2022-01-03T10:00:00Z");
    private static final int WEEKS = 4 * 52;
    private static final List<String> GROUPS = List.of("all", "office:A", "office:B");
    private static final List<String> PERIODS = List.of("week", "month", "quarter", "half-year", "year", "rolling:30d");

    private static void loyalCustomer(PipelineDriver pipeline) {
        for (int week = 0; week < WEEKS; week++) {
            Instant at = START.plus(Duration.ofDays(7L * week));
            String office = week / 13 % 2 == 0 ? "A" : "B";
            if (week % 13 == 0) {
                pipeline.assign("loyal", at.minusSeconds(3600).toString(), office);
            }
            String order = "o" + week;
            pipeline.send(new OrderEvent(PipelineDriver.envelope(order, "loyal", at, office), OrderEventType.PLACED, order,
                    new BigDecimal("10.0000"), "EUR", 1));
            pipeline.send(new OrderEvent(PipelineDriver.envelope("pay-" + order, "loyal", at.plusSeconds(600), null), OrderEventType.PAID,
                    order, BigDecimal.valueOf(10 + week % 5).setScale(4), "EUR", null));
            if (week % 4 == 0) {
                pipeline.complaint("loyal", "k" + week, ComplaintEventType.OPENED, at.plusSeconds(3600).toString(), null);
                pipeline.complaint("loyal", "k" + week, ComplaintEventType.RESOLVED, at.plusSeconds(3 * 3600).toString(), week % 8 == 0);
            }
        }
        // A long quiet spell, then one more order: a reactivation from settled history.
        pipeline.order("loyal", START.plus(Duration.ofDays(7L * WEEKS + 200)).toString(), "B");
    }

    @Test
    void shouldKeepAboutAYearOfHistoryAndEveryFigureOfTheFullOne() {
        LifecycleSettings settings = LifecycleSettings.defaults();
        try (PipelineDriver full = new PipelineDriver(settings);
             PipelineDriver settled = new PipelineDriver(settings.withMaxLateness(Duration.ofDays(7)))) {
            loyalCustomer(full);
            loyalCustomer(settled);

            CustomerState all = full.customerState("loyal").orElseThrow();
            CustomerState kept = settled.customerState("loyal").orElseThrow();
            assertThat(all.getActivity()).hasSize(WEEKS + 1);
            assertThat(all.getComplaints()).hasSize(WEEKS / 4);
            // The last order is on 2026-07-17: the settled instant is the month start 12 months (the segmentation
            // window) before the horizon a week earlier. Left: the 25 weekly orders from 2025-07-07 and the last one,
            // the 6 complaints and the 6 months of revenue since, and the office timeline from its entry in force
            // at the last settled order (2025-06-30): that order's, 25 orders', the reassignment of week 195, the last order's.
            Instant until = Instant.parse("2025-07-01T00:00:00Z");
            assertThat(kept.getSettled().getUntil()).isEqualTo(until);
            assertThat(kept.getActivity()).allSatisfy(a -> assertThat(a.getAt()).isAfterOrEqualTo(until)).hasSize(25 + 1);
            assertThat(kept.getSettled().getActivities()).isEqualTo(WEEKS - 25);
            assertThat(kept.getComplaints()).allSatisfy(c -> assertThat(c.getOpenedAt()).isAfterOrEqualTo(until)).hasSize(6);
            assertThat(kept.getRevenue()).hasSize(6);
            assertThat(kept.getOffice()).hasSize(1 + 25 + 1 + 1);

            for (String group : GROUPS) {
                for (String period : PERIODS) {
                    assertThat(settled.rows(group, period)).as("%s by %s", group, period).isEqualTo(full.rows(group, period));
                }
                assertThat(settled.complaintRows(group, "month")).as("complaints of %s", group).isEqualTo(full.complaintRows(group, "month"));
                assertThat(settled.repeat(group)).as("repeat purchase of %s", group).isEqualTo(full.repeat(group));
                assertThat(settled.cohorts(group)).as("cohorts of %s", group).isEqualTo(full.cohorts(group));
                assertThat(settled.revenueCohorts(group)).as("revenue cohorts of %s", group).isEqualTo(full.revenueCohorts(group));
            }
            Instant now = settled.asOf();
            assertThat(CustomerStatus.of(kept, now, settings)).isEqualTo(CustomerStatus.of(all, now, settings));
            Rfm fromKept = PurchaseSummary.of(kept, now, settings.zone()).orElseThrow();
            Rfm fromAll = PurchaseSummary.of(all, now, settings.zone()).orElseThrow();
            assertThat(List.of(fromKept.x(), fromKept.tx(), fromKept.age())).isEqualTo(List.of(fromAll.x(), fromAll.tx(), fromAll.age()));
            assertThat(fromKept.meanSpend()).isCloseTo(fromAll.meanSpend(), org.assertj.core.data.Offset.offset(1e-9));
        }
    }
}
