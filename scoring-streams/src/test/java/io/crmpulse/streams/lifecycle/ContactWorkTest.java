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
 * records completed count against service.monthly-record-target (default 5) for a staff member's month;
 * a customer counts once as contacted in a week or month however often it was contacted then.
 */
class ContactWorkTest {

    private static List<ContactRow> rows(PipelineDriver pipeline, String group, String period) {
        return new ContactFigures(LifecycleSettings.defaults().zone(), LifecycleSettings.Service.DEFAULTS)
                .rows(group, pipeline.contactDays(group), pipeline.contacted(group), Period.parse(period), null, null, pipeline.asOf());
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

            // wang saw c1 and c2 in W10 and c1 again in W11; li called c3 in W11.
            assertThat(wangMarch.customersContacted()).isEqualTo(2);
            assertThat(rows(pipeline, "staff:wang", "week")).extracting(r -> r.period() + " " + r.customersContacted())
                    .startsWith("2024-W09 0", "2024-W10 2", "2024-W11 1");
            assertThat(rows(pipeline, "staff:li", "month").get(0).customersContacted()).isEqualTo(1);
            assertThat(office.customersContacted()).isEqualTo(3);
            assertThat(rows(pipeline, "office:SH", "week").get(2).customersContacted()).isEqualTo(2);
            ContactRow quarter = rows(pipeline, "office:SH", "quarter").get(0);
            assertThat(quarter.customersContacted()).isNull();
            assertThat(quarter.customersContactedNullReason()).isEqualTo("customers contacted are kept for calendar weeks and months");
        }
    }

    @Test
    void shouldCountACustomerOnceAWeekAndMonthAndKeepMarksOnlyWhileContactsCanArrive() {
        LifecycleSettings settings = LifecycleSettings.defaults().withMaxLateness(java.time.Duration.ofDays(7));
        try (PipelineDriver pipeline = new PipelineDriver(settings)) {
            // wang contacts c1 every other day of the first quarter of 2024, each event delivered twice, with a
            // second contact on the same day.
            Instant start = Instant.parse("2024-01-01T09:00:00Z");
            for (int day = 0; day < 90; day += 2) {
                Instant at = start.plus(java.time.Duration.ofDays(day));
                ContactEvent visit = new ContactEvent(io.crmpulse.events.Envelope.newBuilder().setEventId("v" + day).setCustomerId("c1")
                        .setOccurredAt(at).setSource("crm").setOfficeId("SH").setStaffId("wang").build(), VISIT, null, null, null);
                pipeline.send(visit).send(visit).contact("c1", CALL, at.plusSeconds(3600).toString(), "SH", "wang", null);
            }

            assertThat(rows(pipeline, "staff:wang", "week")).hasSize(13).allSatisfy(r -> assertThat(r.customersContacted()).isEqualTo(1));
            assertThat(rows(pipeline, "all", "month")).extracting(ContactRow::customersContacted).containsExactly(1L, 1L, 1L);
            assertThat(rows(pipeline, "all", "month")).extracting(ContactRow::visits).containsExactly(16L, 14L, 15L);
            // The last contact is on 2024-03-29, so no contact can arrive before 2024-03-22 any more: only the
            // marks of W12, W13 and March are kept, for all, office SH and wang.
            assertThat(pipeline.customerState("c1").orElseThrow().getContactMarks())
                    .extracting(m -> m.getPeriod()).containsOnly("2024-W12", "2024-W13", "2024-03").hasSize(9);
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
