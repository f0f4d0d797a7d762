package io.crmpulse.streams.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.ComplaintEventType;
import io.crmpulse.records.KpiResult;
import io.crmpulse.records.LateEvent;
import io.crmpulse.records.OfficeScorecard;
import io.crmpulse.records.ScorecardRating;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.StoreNames;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A month's office scorecard is PROVISIONAL until day 5 of the next month, then FINAL (METRICS.md section 6): frozen
 * from the counters as they are when the month closes; an event of the month that comes after is counted in the
 * figures, listed against the sheet as late, and changes the sheet no more.
 */
class MonthCloseTest {

    private static final String SH = "office:SH";
    private static final YearMonth FEBRUARY = YearMonth.of(2024, 2);

    @Test
    void shouldFreezeTheSheetWhenTheMonthClosesAndListALateEventWithoutChangingIt() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            // January: four new customers at SH. February: one more, and two complaints answered, one satisfied.
            for (String c : List.of("c1", "c2", "c3", "c4")) {
                pipeline.order(c, "2024-01-10T09:00:00Z", "SH");
            }
            pipeline.order("c5", "2024-02-10T09:00:00Z", "SH")
                    .complaint("c1", "k1", ComplaintEventType.OPENED, "2024-02-12T09:00:00Z", null)
                    .complaint("c1", "k1", ComplaintEventType.RESOLVED, "2024-02-12T10:00:00Z", true)
                    .complaint("c2", "k2", ComplaintEventType.OPENED, "2024-02-14T09:00:00Z", null)
                    .complaint("c2", "k2", ComplaintEventType.RESOLVED, "2024-02-14T10:00:00Z", false);

            pipeline.streamTimeTo("2024-03-04T23:59:59Z").sendDeltas();
            assertThat(sheets(pipeline).keySet()).as("January closed on 5 February; February is still open").containsExactly(YearMonth.of(2024, 1));

            pipeline.streamTimeTo("2024-03-05T00:00:00Z").sendDeltas();
            OfficeScorecard february = sheets(pipeline).get(FEBRUARY);
            assertThat(february.getCounts().getCustomersAtStart()).isEqualTo(4);
            assertThat(february.getCounts().getNew$()).isEqualTo(1);
            assertThat(february.getCounts().getCustomersAtEnd()).isEqualTo(5);
            assertThat(february.getKpis()).extracting(KpiResult::getKpi, KpiResult::getRate, KpiResult::getScore).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("churn_rate", "0", "15"),
                    org.assertj.core.groups.Tuple.tuple("growth_rate", "1/4", "15"),
                    org.assertj.core.groups.Tuple.tuple("complaint_satisfaction_rate", "1/2", "15"));
            assertThat(february.getKpis().get(0).getBaseNote()).isEqualTo("no earlier month with a rate: scored at base");
            assertThat(february.getClosedAt()).isEqualTo(Instant.parse("2024-03-05T00:00:00Z"));

            // A February order arrives after the close: the figures count it, the FINAL sheet does not.
            pipeline.order("c7", "2024-02-20T09:00:00Z", "SH").order("c8", "2024-03-06T09:00:00Z", "SH").sendDeltas();

            assertThat(pipeline.months(SH).get(LocalDate.parse("2024-02-01")).getNew$()).isEqualTo(2);
            assertThat(sheets(pipeline).get(FEBRUARY)).isEqualTo(february);
            assertThat(late(pipeline, "2024-02")).extracting(LateEvent::getStream, LateEvent::getCustomerId, LateEvent::getOccurredAt)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("order", "c7", Instant.parse("2024-02-20T09:00:00Z")));
            assertThat(late(pipeline, "2024-03")).as("March is open: its events are not late").isEmpty();
        }
    }

    @Test
    void shouldFreezeTheRatingInForceAndListOneThatComesAfterTheClose() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            pipeline.order("c1", "2024-01-10T09:00:00Z", "SH").order("c2", "2024-02-10T09:00:00Z", "SH");
            pipeline.publishRating(rating("r1", "fair"));
            pipeline.publishRating(rating("r2", "good"));

            pipeline.streamTimeTo("2024-03-05T00:00:00Z").sendDeltas();
            pipeline.publishRating(rating("r3", "excellent"));

            assertThat(sheets(pipeline).get(FEBRUARY).getRating().getRatingId()).isEqualTo("r2");
            assertThat(late(pipeline, "2024-02")).extracting(LateEvent::getStream, LateEvent::getEventId).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("rating", "r3"));
        }
    }

    @Test
    void shouldCloseAMonthOnlyOnceEveryLifecyclePartitionHasClosedIt() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            pipeline.order("c1", "2024-01-10T09:00:00Z", "SH").streamTimeTo("2024-02-04T23:59:59Z").sendDeltas();
            assertThat(sheets(pipeline)).isEmpty();
            pipeline.streamTimeTo("2024-02-05T00:00:00Z");
            assertThat(sheets(pipeline)).as("closed in the lifecycle, but its watermark has not reached the counters").isEmpty();
            pipeline.sendDeltas();
            assertThat(sheets(pipeline)).containsOnlyKeys(YearMonth.of(2024, 1));
        }
    }

    private static ScorecardRating rating(String id, String level) {
        return new ScorecardRating(id, "SH", "2024-02", Map.of("sales_service", level), "manager", Instant.parse("2024-03-01T09:00:00Z"));
    }

    /** The FINAL sheets as they are, without letting the lifecycle send (as {@link PipelineDriver#scorecard} does). */
    private static Map<YearMonth, OfficeScorecard> sheets(PipelineDriver pipeline) {
        return ScorecardTopology.frozenSheets(pipeline.driver().getKeyValueStore(StoreNames.SCORECARDS), SH);
    }

    private static List<LateEvent> late(PipelineDriver pipeline, String month) {
        return pipeline.scorecard(SH).late().getOrDefault(YearMonth.parse(month), List.of());
    }
}
