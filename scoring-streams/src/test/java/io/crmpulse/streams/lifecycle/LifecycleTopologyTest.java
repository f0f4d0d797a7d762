package io.crmpulse.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.figures.PeriodRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * METRICS.md sections 2 and 3, defaults: at risk after 60 days, churned after 90, zone UTC.
 * 2023 is not a leap year: an order on 2023-01-01T00:00Z churns at 2023-04-01T00:00Z (31 + 28 + 31 days).
 */
class LifecycleTopologyTest {

    private static final String JAN_1 = "2023-01-01T00:00:00Z";
    private static final String CHURN_OF_JAN_1 = "2023-04-01T00:00:00Z";

    private PipelineDriver pipeline;

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver();
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    /** S N R C TI TO E of a row, in that order. */
    private static String flows(PeriodRow r) {
        return "S=" + r.customersAtStart() + " N=" + r.newCustomers() + " R=" + r.reactivated() + " C=" + r.churned()
                + " TI=" + r.transferredIn() + " TO=" + r.transferredOut() + " E=" + r.customersAtEnd();
    }

    @Test
    void shouldChurnExactlyAtTheDeadlineAndNotBefore() {
        pipeline.order("c1", JAN_1, "A").streamTimeTo("2023-03-31T23:59:59.999Z");

        // streamTimeTo orders as an unrelated customer without office: office:A holds c1 alone.
        assertThat(flows(pipeline.row("office:A", "month", "2023-03"))).isEqualTo("S=1 N=0 R=0 C=0 TI=0 TO=0 E=1");
        assertThat(pipeline.days("all")).allSatisfy((day, f) -> assertThat(f.getChurned()).isZero());

        pipeline.streamTimeTo(CHURN_OF_JAN_1);

        // all: c1 and the clock customer of March 31 at the start; the one of April 1 is new; c1 churns.
        assertThat(flows(pipeline.row("all", "month", "2023-04"))).isEqualTo("S=2 N=1 R=0 C=1 TI=0 TO=0 E=2");
        assertThat(flows(pipeline.row("office:A", "month", "2023-04"))).isEqualTo("S=1 N=0 R=0 C=1 TI=0 TO=0 E=0");
        assertThat(pipeline.row("office:A", "month", "2023-04").churnRate()).isEqualTo(1.0);
        assertThat(pipeline.row("office:A", "day", "2023-04-01").churned()).isEqualTo(1);
    }

    @Test
    void shouldTreatAnOrderExactlyAtTheChurnInstantAsAReactivation() {
        pipeline.order("c1", JAN_1, "A").order("c1", CHURN_OF_JAN_1, "A");

        assertThat(flows(pipeline.row("office:A", "month", "2023-04"))).isEqualTo("S=1 N=0 R=1 C=1 TI=0 TO=0 E=1");
        assertThat(flows(pipeline.row("office:A", "day", "2023-04-01"))).isEqualTo("S=1 N=0 R=1 C=1 TI=0 TO=0 E=1");
    }

    @Test
    void shouldKeepACustomerWhoOrdersOneMillisecondBeforeTheChurnInstant() {
        pipeline.order("c1", JAN_1, "A").order("c1", "2023-03-31T23:59:59.999Z", "A").streamTimeTo("2023-04-15T00:00:00Z");

        assertThat(flows(pipeline.row("office:A", "month", "2023-04"))).isEqualTo("S=1 N=0 R=0 C=0 TI=0 TO=0 E=1");
    }

    @Test
    void shouldReactivateAChurnedCustomerInTheOfficeItReturnsThrough() {
        pipeline.order("c1", JAN_1, "A").order("c1", "2023-05-15T10:00:00Z", "B");

        assertThat(flows(pipeline.row("office:A", "month", "2023-04"))).isEqualTo("S=1 N=0 R=0 C=1 TI=0 TO=0 E=0");
        assertThat(flows(pipeline.row("office:B", "month", "2023-05"))).isEqualTo("S=0 N=0 R=1 C=0 TI=0 TO=0 E=1");
        assertThat(flows(pipeline.row("office:A", "month", "2023-05"))).isEqualTo("S=0 N=0 R=0 C=0 TI=0 TO=0 E=0");
        assertThat(flows(pipeline.row("all", "month", "2023-05"))).isEqualTo("S=0 N=0 R=1 C=0 TI=0 TO=0 E=1");
    }

    @Test
    void shouldCountATransferBetweenOfficesAndChurnInTheNewOffice() {
        pipeline.order("c1", JAN_1, "A").assign("c1", "2023-02-10T09:00:00Z", "B").streamTimeTo("2023-04-02T00:00:00Z");

        assertThat(flows(pipeline.row("office:A", "month", "2023-02"))).isEqualTo("S=1 N=0 R=0 C=0 TI=0 TO=1 E=0");
        assertThat(flows(pipeline.row("office:B", "month", "2023-02"))).isEqualTo("S=0 N=0 R=0 C=0 TI=1 TO=0 E=1");
        assertThat(flows(pipeline.row("all", "month", "2023-02"))).isEqualTo("S=1 N=0 R=0 C=0 TI=0 TO=0 E=1");
        assertThat(flows(pipeline.row("office:B", "month", "2023-04"))).isEqualTo("S=1 N=0 R=0 C=1 TI=0 TO=0 E=0");
        assertThat(pipeline.days("office:A").values()).noneMatch(f -> f.getChurned() > 0);
    }

    @Test
    void shouldCountASegmentChangeAsATransferAndChurnInTheNewSegment() {
        pipeline.classify("c1", "2022-12-01T00:00:00Z", "B", "East").order("c1", JAN_1, "A")
                .classify("c1", "2023-02-10T09:00:00Z", "A", null).streamTimeTo("2023-04-02T00:00:00Z");

        assertThat(flows(pipeline.row("segment:B", "month", "2023-01"))).isEqualTo("S=0 N=1 R=0 C=0 TI=0 TO=0 E=1");
        assertThat(flows(pipeline.row("segment:B", "month", "2023-02"))).isEqualTo("S=1 N=0 R=0 C=0 TI=0 TO=1 E=0");
        assertThat(flows(pipeline.row("segment:A", "month", "2023-02"))).isEqualTo("S=0 N=0 R=0 C=0 TI=1 TO=0 E=1");
        assertThat(flows(pipeline.row("segment:A", "month", "2023-04"))).isEqualTo("S=1 N=0 R=0 C=1 TI=0 TO=0 E=0");
        // The region did not change with the segment: no transfer there.
        assertThat(flows(pipeline.row("region:East", "month", "2023-04"))).isEqualTo("S=1 N=0 R=0 C=1 TI=0 TO=0 E=0");
        assertThat(pipeline.days("region:East").values()).allSatisfy(f -> assertThat(f.getTransferredIn() + f.getTransferredOut()).isZero());
    }

    @Test
    void shouldMoveACustomerToAnEarlierCohortWhenItsFirstOrderArrivesLate() {
        pipeline.order("c1", "2023-03-10T00:00:00Z", "A").order("c1", "2023-04-02T00:00:00Z", "A");
        assertThat(pipeline.cohorts("office:A")).containsOnlyKeys(java.time.YearMonth.of(2023, 3));

        pipeline.order("c1", "2023-01-20T00:00:00Z", "A");

        var cohorts = pipeline.cohorts("office:A");
        assertThat(cohorts).containsOnlyKeys(java.time.YearMonth.of(2023, 1));
        assertThat(cohorts.get(java.time.YearMonth.of(2023, 1))).containsExactly(
                java.util.Map.entry(java.time.YearMonth.of(2023, 1), 1L), java.util.Map.entry(java.time.YearMonth.of(2023, 3), 1L),
                java.util.Map.entry(java.time.YearMonth.of(2023, 4), 1L));
    }

    @Test
    void shouldRejectEventsBeyondMaxLatenessAsLateAndLeaveTheFiguresAsTheyWere() {
        try (PipelineDriver strict = new PipelineDriver(LifecycleSettings.defaults().withMaxLateness(java.time.Duration.ofDays(30)))) {
            strict.order("c1", JAN_1, "A").order("c2", "2023-05-15T00:00:00Z", "A");
            List<PeriodRow> before = strict.rows("office:A", "month");

            strict.order("c1", "2023-03-15T00:00:00Z", "A"); // 61 days behind stream time: would close c1's gap
            strict.order("c3", "2023-04-20T00:00:00Z", "A"); // 25 days behind: within the limit

            assertThat(strict.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.getReason()).isEqualTo("LATE");
                assertThat(d.getMessage()).contains("2023-03-15T00:00:00Z", "PT720H", "2023-05-15T00:00:00Z", "lifecycle.max-lateness");
                assertThat(d.getStream()).isEqualTo("order");
            });
            assertThat(strict.row("office:A", "month", "2023-04").churned()).isEqualTo(1);
            assertThat(strict.row("office:A", "month", "2023-04").newCustomers()).isEqualTo(1);
            assertThat(strict.rows("office:A", "month").get(0)).isEqualTo(before.get(0));
        }
    }

    @Test
    void shouldNotCountAnAssignmentAtTheChurnInstantAsATransfer() {
        pipeline.order("c1", JAN_1, "A").assign("c1", CHURN_OF_JAN_1, "B");

        assertThat(flows(pipeline.row("office:A", "month", "2023-04"))).isEqualTo("S=1 N=0 R=0 C=1 TI=0 TO=0 E=0");
        assertThat(pipeline.groups()).doesNotContain("office:B");
    }

    @Test
    void shouldMakeACustomerNewInTheOfficeOfItsFirstOrderEvenIfAssignedElsewhereBefore() {
        pipeline.assign("c1", "2022-12-01T00:00:00Z", "A").order("c1", JAN_1, "B");

        assertThat(flows(pipeline.row("office:B", "month", "2023-01"))).isEqualTo("S=0 N=1 R=0 C=0 TI=0 TO=0 E=1");
        // Office A had c1 as a prospect in December (METRICS.md section 5 counts it there), but no flow.
        assertThat(pipeline.groups()).containsExactly("all", "office:A", "office:B");
        assertThat(pipeline.rows("office:A", "month")).extracting(LifecycleTopologyTest::flows)
                .containsOnly("S=0 N=0 R=0 C=0 TI=0 TO=0 E=0");
    }

    @Test
    void shouldKeepTwoOfficesApart() {
        pipeline.order("a1", JAN_1, "A").order("a2", "2023-01-05T00:00:00Z", "A").order("b1", "2023-01-07T00:00:00Z", "B")
                .order("a2", "2023-03-01T00:00:00Z", "A").streamTimeTo("2023-04-30T00:00:00Z");

        assertThat(pipeline.groups()).contains("all", "office:A", "office:B");
        assertThat(flows(pipeline.row("office:A", "month", "2023-04"))).isEqualTo("S=2 N=0 R=0 C=1 TI=0 TO=0 E=1");
        assertThat(flows(pipeline.row("office:B", "month", "2023-04"))).isEqualTo("S=1 N=0 R=0 C=1 TI=0 TO=0 E=0");
        PeriodRow a = pipeline.row("office:A", "month", "2023-04");
        assertThat(a.churnRate()).isEqualTo(0.5);
        assertThat(a.retentionRate()).isEqualTo(0.5);
        assertThat(a.growthRate()).isEqualTo(-0.5);
    }

    @Test
    void shouldIgnoreADuplicateEventAndCountAnOrderOnceWhenPlacedAndPaid() {
        OrderEvent placed = new OrderEvent(PipelineDriver.envelope("p-1", "c1", Instant.parse(JAN_1), "A"),
                OrderEventType.PLACED, "o-1", new BigDecimal("5.0000"), "EUR", 1);
        OrderEvent paidLater = new OrderEvent(PipelineDriver.envelope("p-2", "c1", Instant.parse("2023-03-20T00:00:00Z"), "A"),
                OrderEventType.PAID, "o-1", new BigDecimal("5.0000"), "EUR", 1);
        pipeline.send(placed).send(placed).send(paidLater).streamTimeTo("2023-04-10T00:00:00Z");

        // The order's activity is its PLACED instant: the later PAID does not push the churn out.
        assertThat(flows(pipeline.row("all", "month", "2023-01"))).isEqualTo("S=0 N=1 R=0 C=0 TI=0 TO=0 E=1");
        assertThat(pipeline.row("office:A", "month", "2023-04").churned()).isEqualTo(1);
    }

    @Test
    void shouldMoveAnOrdersActivityToAnEarlierEventThatArrivesLate() {
        OrderEvent paid = new OrderEvent(PipelineDriver.envelope("p-2", "c1", Instant.parse("2023-03-20T00:00:00Z"), "A"),
                OrderEventType.PAID, "o-1", null, null, null);
        OrderEvent placed = new OrderEvent(PipelineDriver.envelope("p-1", "c1", Instant.parse(JAN_1), "A"),
                OrderEventType.PLACED, "o-1", null, null, null);
        pipeline.send(paid).send(placed).streamTimeTo("2023-04-10T00:00:00Z");

        assertThat(flows(pipeline.row("office:A", "month", "2023-01"))).isEqualTo("S=0 N=1 R=0 C=0 TI=0 TO=0 E=1");
        assertThat(flows(pipeline.row("office:A", "month", "2023-03"))).isEqualTo("S=1 N=0 R=0 C=0 TI=0 TO=0 E=1");
        assertThat(pipeline.row("office:A", "month", "2023-04").churned()).isEqualTo(1);
    }

    @Test
    void shouldRetractAChurnAndReactivationWhenALateOrderClosesTheGap() {
        pipeline.order("c1", JAN_1, "A").order("c1", "2023-05-15T00:00:00Z", "A");
        assertThat(pipeline.row("office:A", "month", "2023-04").churned()).isEqualTo(1);
        assertThat(pipeline.row("office:A", "month", "2023-05").reactivated()).isEqualTo(1);

        pipeline.order("c1", "2023-03-15T00:00:00Z", "A");

        assertThat(flows(pipeline.row("office:A", "month", "2023-04"))).isEqualTo("S=1 N=0 R=0 C=0 TI=0 TO=0 E=1");
        assertThat(flows(pipeline.row("office:A", "month", "2023-05"))).isEqualTo("S=1 N=0 R=0 C=0 TI=0 TO=0 E=1");
        assertThat(pipeline.days("office:A").values()).allSatisfy(f -> {
            assertThat(f.getChurned()).isZero();
            assertThat(f.getReactivated()).isZero();
        });
    }

    @Test
    void shouldGiveTheSameFiguresWhateverTheArrivalOrder() {
        String[][] events = {
                {"c1", JAN_1, "A"}, {"c2", "2023-01-20T12:00:00Z", "A"}, {"c1", "2023-02-28T23:59:59.999Z", "B"},
                {"c3", "2023-03-01T00:00:00Z", "B"}, {"c2", "2023-06-01T00:00:00Z", "B"}, {"c1", "2023-07-04T08:00:00Z", "A"},
                {"c3", "2023-08-30T00:00:00Z", "B"}, {"c4", "2023-12-31T23:00:00Z", "A"}};
        List<PeriodRow> inOrder;
        for (String[] e : events) {
            pipeline.order(e[0], e[1], e[2]);
        }
        inOrder = rowsOfEveryGroup(pipeline);

        try (PipelineDriver reversed = new PipelineDriver()) {
            for (int i = events.length - 1; i >= 0; i--) {
                reversed.order(events[i][0], events[i][1], events[i][2]);
            }
            assertThat(rowsOfEveryGroup(reversed)).isEqualTo(inOrder);
        }
    }

    private static List<PeriodRow> rowsOfEveryGroup(PipelineDriver p) {
        return p.groups().stream().flatMap(g -> p.rows(g, "month").stream()).toList();
    }

    @Test
    void shouldCutMonthsAtMidnightExactly() {
        pipeline.order("c1", "2023-01-31T23:59:59.999Z", "A").order("c2", "2023-02-01T00:00:00Z", "A");

        assertThat(pipeline.row("all", "month", "2023-01").newCustomers()).isEqualTo(1);
        assertThat(flows(pipeline.row("all", "month", "2023-02"))).isEqualTo("S=1 N=1 R=0 C=0 TI=0 TO=0 E=2");
        assertThat(pipeline.row("all", "month", "2023-01").periodEnd()).isEqualTo(Instant.parse("2023-02-01T00:00:00Z"));
    }

    @Test
    void shouldMarkThePeriodThatContainsStreamTimeAsOpen() {
        pipeline.order("c1", JAN_1, "A").streamTimeTo("2023-02-14T12:00:00Z");

        assertThat(pipeline.asOf()).isEqualTo(Instant.parse("2023-02-14T12:00:00Z"));
        List<PeriodRow> months = pipeline.rows("all", "month");
        assertThat(months).extracting(PeriodRow::period).containsExactly("2023-01", "2023-02");
        assertThat(months).extracting(PeriodRow::open).containsExactly(false, true);
    }

    @Test
    void shouldGiveNullRatesWithAReasonWhenNoCustomerWasThereAtTheStart() {
        pipeline.order("c1", JAN_1, "A");

        PeriodRow january = pipeline.row("all", "month", "2023-01");
        assertThat(january.churnRate()).isNull();
        assertThat(january.retentionRate()).isNull();
        assertThat(january.growthRate()).isNull();
        assertThat(january.nullReason()).contains("customers_at_start is 0");
    }
}
