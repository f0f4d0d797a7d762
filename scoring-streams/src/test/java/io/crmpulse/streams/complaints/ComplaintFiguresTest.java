package io.crmpulse.streams.complaints;

import static io.crmpulse.events.ComplaintEventType.OPENED;
import static io.crmpulse.events.ComplaintEventType.REOPENED;
import static io.crmpulse.events.ComplaintEventType.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.ComplaintEvent;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.figures.ComplaintFigures.ComplaintRow;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * METRICS.md section 4 with the default SLA of 4 hours, zone UTC. Customers c1 (office A) and c2
 * (office B) order on 2024-03-01, so both are active when April starts; their complaints:
 * <pre>
 *   K1 c1  opened 04-02 09:00, resolved 04-02 12:00 satisfied        3 h, within SLA
 *   K2 c1  opened 04-10 10:00, resolved 04-11 10:00 not satisfied   24 h
 *          reopened 04-12 08:00, resolved 04-12 09:00 satisfied     (not a first resolution)
 *   K3 c2  opened 04-20 10:00, resolved 05-02 10:00 (no answer)     12 days
 *   K4 c2  resolved 04-25 12:00 satisfied, arriving before its opening at 04-25 10:00: 2 h
 * </pre>
 */
class ComplaintFiguresTest {

    private PipelineDriver pipeline;

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver();
        pipeline.order("c1", "2024-03-01T10:00:00Z", "A").order("c2", "2024-03-01T10:00:00Z", "B");
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    private void complaintsOfApril() {
        pipeline.complaint("c1", "K1", OPENED, "2024-04-02T09:00:00Z", null)
                .complaint("c1", "K1", RESOLVED, "2024-04-02T12:00:00Z", true)
                .complaint("c1", "K2", OPENED, "2024-04-10T10:00:00Z", null)
                .complaint("c1", "K2", RESOLVED, "2024-04-11T10:00:00Z", false)
                .complaint("c1", "K2", REOPENED, "2024-04-12T08:00:00Z", null)
                .complaint("c1", "K2", RESOLVED, "2024-04-12T09:00:00Z", true)
                .complaint("c2", "K3", OPENED, "2024-04-20T10:00:00Z", null)
                .complaint("c2", "K4", RESOLVED, "2024-04-25T12:00:00Z", true)
                .complaint("c2", "K4", OPENED, "2024-04-25T10:00:00Z", null)
                .complaint("c2", "K3", RESOLVED, "2024-05-02T10:00:00Z", null);
    }

    @Test
    void shouldCountAMonthOfComplaintsCompanyWide() {
        complaintsOfApril();

        ComplaintRow april = pipeline.complaintRow("all", "month", "2024-04");
        assertThat(april.opened()).isEqualTo(4);
        assertThat(april.resolved()).isEqualTo(4);
        assertThat(april.customersAtStart()).isEqualTo(2);
        assertThat(april.complaintRate()).isEqualTo(2.0);
        assertThat(april.resolutionRate()).isEqualTo(1.0);
        assertThat(april.satisfactionRate()).isEqualTo(0.75);
        assertThat(april.reopenRate()).isEqualTo(0.25);
        assertThat(april.slaMetRate()).isEqualTo(2.0 / 3);
        // Nearest rank over {2 h, 3 h, 24 h}: the 2nd for p50, the 3rd for p90.
        assertThat(april.timeToResolveP50Seconds()).isEqualTo(3 * 3600);
        assertThat(april.timeToResolveP90Seconds()).isEqualTo(24 * 3600);
        assertThat(april.nullReasons()).isEmpty();

        ComplaintRow may = pipeline.complaintRow("all", "month", "2024-05");
        assertThat(may.opened()).isZero();
        assertThat(may.resolved()).isEqualTo(1);
        assertThat(may.resolutionRate()).isNull();
        assertThat(may.satisfactionRate()).isNull();
        assertThat(may.nullReasons()).containsKeys("resolution_rate", "complaint_satisfaction_rate");
        assertThat(may.slaMetRate()).isEqualTo(0.0);
        assertThat(may.timeToResolveP50Seconds()).isEqualTo(12 * 24 * 3600);
        assertThat(may.open()).isTrue();
    }

    @Test
    void shouldCountEachComplaintInTheOfficeItsCustomerHadWhenItWasOpened() {
        complaintsOfApril();

        ComplaintRow a = pipeline.complaintRow("office:A", "month", "2024-04");
        assertThat(a.opened()).isEqualTo(2);
        assertThat(a.resolved()).isEqualTo(3);
        assertThat(a.reopened()).isEqualTo(1);
        assertThat(a.complaintRate()).isEqualTo(2.0);
        ComplaintRow b = pipeline.complaintRow("office:B", "month", "2024-04");
        assertThat(b.opened()).isEqualTo(2);
        assertThat(b.satisfactionRate()).isEqualTo(1.0);
        assertThat(b.slaMetRate()).isEqualTo(1.0);

        // c1 moved to office C on April 5, known only now: K2 (opened April 10) is C's, K1 stays A's.
        pipeline.assign("c1", "2024-04-05T00:00:00Z", "C");

        assertThat(pipeline.complaintRow("office:A", "month", "2024-04").opened()).isEqualTo(1);
        ComplaintRow c = pipeline.complaintRow("office:C", "month", "2024-04");
        assertThat(c.opened()).isEqualTo(1);
        assertThat(c.resolved()).isEqualTo(2);
        assertThat(c.reopened()).isEqualTo(1);
        assertThat(c.timeToResolveP50Seconds()).isEqualTo(24 * 3600);
        assertThat(c.customersAtStart()).isZero();
        assertThat(c.complaintRate()).isNull();
        assertThat(c.nullReasons()).containsEntry("complaint_rate", "customers_at_start is 0");
    }

    @Test
    void shouldGiveTheSameFiguresWhateverTheArrivalOrderAndIgnoreARepeatedEvent() {
        ComplaintEvent resolved = new ComplaintEvent(PipelineDriver.envelope("r1", "c1", Instant.parse("2024-04-02T15:00:00Z"), null),
                RESOLVED, "K9", null, true, null);
        pipeline.send(resolved).send(resolved)
                .complaint("c1", "K9", OPENED, "2024-04-02T09:00:00Z", null)
                .complaint("c1", "K9", OPENED, "2024-04-02T10:00:00Z", null); // a second opening: the earliest counts

        ComplaintRow april = pipeline.complaintRow("all", "month", "2024-04");
        assertThat(april.resolved()).isEqualTo(1);
        assertThat(april.opened()).isEqualTo(1);
        assertThat(april.timeToResolveP50Seconds()).isEqualTo(6 * 3600);
        assertThat(april.slaMetRate()).isEqualTo(0.0);
    }
}
