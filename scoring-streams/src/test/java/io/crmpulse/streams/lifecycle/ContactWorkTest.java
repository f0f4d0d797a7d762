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
        return pipeline.contactRows(group, period);
    }

    private static void record(PipelineDriver pipeline, String id, String customer, String at, String staff) {
        customerEvent(pipeline, id, CustomerEventType.REGISTERED, customer, at, staff);
    }

    private static void customerEvent(PipelineDriver pipeline, String id, CustomerEventType type, String customer, String at, String staff) {
        pipeline.send(new CustomerEvent(io.crmpulse.events.Envelope.newBuilder().setEventId(id).setCustomerId(customer)
                .setOccurredAt(Instant.parse(at)).setSource("crm").setOfficeId("SH").setStaffId(staff).build(),
                type, null, null, null, type == CustomerEventType.REGISTERED ? Instant.parse(at) : null));
    }

    /** A period's row as "label customers/at risk/neglected/overdue/not contacted". */
    private static String attention(ContactRow r) {
        return r.period() + " " + r.customers() + "/" + r.atRisk() + "/" + r.neglectedAtRisk() + "/" + r.overdueFollowUps() + "/" + r.notContacted();
    }

    /**
     * wang's customers c1 (ordered 1 January 2024, never contacted: AT_RISK and neglected from 1 March 10:00, CHURNED
     * 31 March 10:00) and c2 (ordered 5 January; called 20 February with a reminder for 27 February that nobody
     * followed: AT_RISK from 5 March, neglected from 21 March 09:00, when the call is 30 days old); li's prospect c3
     * (registered 10 February, visited 4 March). Stream time: 31 March 12:00, so March and W13 are open.
     */
    @Test
    void shouldCountTheCustomersThatNeedAContactAtTheEndOfEachWeekAndMonth() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            customerEvent(pipeline, "a1", CustomerEventType.ASSIGNED, "c1", "2024-01-01T00:00:00Z", "wang");
            customerEvent(pipeline, "a2", CustomerEventType.ASSIGNED, "c2", "2024-01-01T00:00:00Z", "wang");
            pipeline.order("c1", "2024-01-01T10:00:00Z", "SH").order("c2", "2024-01-05T10:00:00Z", "SH")
                    .contact("c2", CALL, "2024-02-20T09:00:00Z", "SH", "wang", "2024-02-27T00:00:00Z");
            record(pipeline, "r1", "c3", "2024-02-10T08:00:00Z", "li");
            pipeline.contact("c3", VISIT, "2024-03-04T11:00:00Z", "SH", "li", null).streamTimeTo("2024-03-31T12:00:00Z");

            assertThat(rows(pipeline, "staff:wang", "month")).extracting(ContactWorkTest::attention)
                    .containsExactly("2024-01 2/0/0/0/2", "2024-02 2/0/0/1/1", "2024-03 1/1/1/1/1");
            assertThat(rows(pipeline, "staff:wang", "week")).extracting(ContactWorkTest::attention)
                    .contains("2024-W08 2/0/0/0/1", "2024-W09 2/1/1/1/2", "2024-W10 2/2/1/1/2", "2024-W12 2/2/2/1/2", "2024-W13 1/1/1/1/1");
            assertThat(rows(pipeline, "staff:li", "month")).extracting(ContactWorkTest::attention)
                    .containsExactly("2024-02 1/0/0/0/1", "2024-03 1/0/0/0/0");
            assertThat(rows(pipeline, "office:SH", "month").get(2)).extracting(ContactWorkTest::attention).isEqualTo("2024-03 2/1/1/1/1");
            // In all, the order that moved stream time is one customer more.
            assertThat(rows(pipeline, "all", "quarter").get(0)).satisfies(q -> {
                assertThat(attention(q)).isEqualTo("2024-Q1 3/1/1/1/null");
                assertThat(q.notContactedNullReason()).isEqualTo("customers not contacted are kept for calendar weeks and months");
            });

            // A call to c1 on 10 March arrives late: c1 was neglected only from 1 to 10 March, and was contacted in March.
            pipeline.contact("c1", CALL, "2024-03-10T09:00:00Z", "SH", "wang", null);
            assertThat(rows(pipeline, "staff:wang", "week")).extracting(ContactWorkTest::attention)
                    .contains("2024-W10 2/2/0/1/1", "2024-W11 2/2/0/1/2", "2024-W12 2/2/1/1/2", "2024-W13 1/1/1/1/1");
            assertThat(rows(pipeline, "staff:wang", "month").get(2)).extracting(ContactWorkTest::attention).isEqualTo("2024-03 1/1/1/1/1");
        }
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

            CustomerStatus status = CustomerStatus.of(pipeline.customerState("c1").orElseThrow(), pipeline.asOf(), LifecycleSettings.defaults());
            assertThat(status.lastContact()).isEqualTo(Instant.parse("2024-03-12T09:00:00Z"));
            assertThat(status.nextFollowUp()).isEqualTo(Instant.parse("2024-03-20T00:00:00Z"));
            assertThat(pipeline.contactDays("all").values()).extracting(d -> d.getOtherContacts()).containsExactly(1L, 0L);
        }
    }
}
