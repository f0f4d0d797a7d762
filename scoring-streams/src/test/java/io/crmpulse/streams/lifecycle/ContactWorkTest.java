package io.crmpulse.streams.lifecycle;

import static io.crmpulse.events.ContactEventType.CALL;
import static io.crmpulse.events.ContactEventType.REVISIT;
import static io.crmpulse.events.ContactEventType.VISIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.ContactEvent;
import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.CustomerEventType;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.figures.ContactFigures;
import io.crmpulse.streams.figures.ContactFigures.ContactRow;
import io.crmpulse.streams.figures.Period;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contact work (METRICS.md section 5) counts for the staff member and office the event names; customer
 * records completed count against service.monthly-record-target (default 5) for a staff member's month.
 */
class ContactWorkTest {

    private static List<ContactRow> rows(PipelineDriver pipeline, String group, String period) {
        return new ContactFigures(LifecycleSettings.defaults().zone(), LifecycleSettings.Service.DEFAULTS)
                .rows(group, pipeline.contactDays(group), Period.parse(period), null, null, pipeline.asOf());
    }

    private static void record(PipelineDriver pipeline, String id, String customer, String at, String staff) {
        pipeline.send(new CustomerEvent(io.crmpulse.events.Envelope.newBuilder().setEventId(id).setCustomerId(customer)
                .setOccurredAt(Instant.parse(at)).setSource("crm").setOfficeId("SH").setStaffId(staff).build(),
                CustomerEventType.REGISTERED, null, null, null, Instant.parse(at)));
    }

    @Test
    void shouldCountEachStaffMembersVisitsRevisitsAndRecordsPerWeekAndMonth() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            pipeline.contact("c1", VISIT, "2024-03-04T09:00:00Z", "SH", "wang", null)
                    .contact("c2", VISIT, "2024-03-05T09:00:00Z", "SH", "wang", null)
                    .contact("c1", REVISIT, "2024-03-12T09:00:00Z", "SH", "wang", "2024-03-20T00:00:00Z")
                    .contact("c3", CALL, "2024-03-12T10:00:00Z", "SH", "li", null);
            for (int i = 1; i <= 5; i++) {
                record(pipeline, "r" + i, "n" + i, "2024-03-0" + i + "T08:00:00Z", i <= 4 ? "wang" : "li");
            }
            pipeline.streamTimeTo("2024-03-31T12:00:00Z");

            ContactRow wangMarch = rows(pipeline, "staff:wang", "month").get(0);
            assertThat(wangMarch.visits()).isEqualTo(2);
            assertThat(wangMarch.revisits()).isEqualTo(1);
            assertThat(wangMarch.contacts()).isEqualTo(3);
            assertThat(wangMarch.followUpsSet()).isEqualTo(1);
            assertThat(wangMarch.recordsCompleted()).isEqualTo(4);
            assertThat(wangMarch.recordsTarget()).isEqualTo(5);
            assertThat(wangMarch.recordsTargetMet()).isFalse();
            assertThat(rows(pipeline, "staff:wang", "week")).extracting(r -> r.period() + " " + r.visits() + "/" + r.revisits())
                    .startsWith("2024-W09 0/0", "2024-W10 2/0", "2024-W11 0/1");
            ContactRow office = rows(pipeline, "office:SH", "month").get(0);
            assertThat(office.contacts()).isEqualTo(4);
            assertThat(office.recordsCompleted()).isEqualTo(5);
            assertThat(office.recordsTarget()).isNull();
        }
    }

    @Test
    void shouldKeepTheLatestContactsReminderAndCountARepeatedEventOnce() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            ContactEvent late = new ContactEvent(PipelineDriver.envelope("x1", "c1", Instant.parse("2024-03-01T09:00:00Z"), "SH"),
                    CALL, null, null, Instant.parse("2024-03-02T00:00:00Z"));
            pipeline.contact("c1", REVISIT, "2024-03-12T09:00:00Z", "SH", "wang", "2024-03-20T00:00:00Z").send(late).send(late);

            assertThat(pipeline.customerState("c1").orElseThrow().getNextFollowUpAt()).isEqualTo(Instant.parse("2024-03-20T00:00:00Z"));
            assertThat(pipeline.contactDays("all").values()).extracting(d -> d.getOtherContacts()).containsExactly(1L, 0L);
        }
    }
}
