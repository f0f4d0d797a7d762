package io.crmpulse.streams.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.ContactEventType;
import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.CustomerEventType;
import io.crmpulse.events.Envelope;
import io.crmpulse.records.AlertEvent;
import io.crmpulse.streams.PipelineDriver;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A customer of segment A that turns AT_RISK (60 days without an order) with no contact for service.contact-gap (30
 * days) raises an alert addressed to its account manager, at the instant it does, without any event; a contact
 * resolves it. A customer of segment B in the same state raises none.
 */
class NeglectedCustomerAlertTest {

    @Test
    void shouldTellTheAccountManagerOfANeglectedACustomerAndResolveOnContact() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            for (String customer : new String[] {"a1", "b1"}) {
                pipeline.send(new CustomerEvent(Envelope.newBuilder(PipelineDriver.envelope("assign-" + customer, customer,
                        Instant.parse("2024-01-01T00:00:00Z"), "SH")).setStaffId("wang").build(), CustomerEventType.ASSIGNED, null, null, null, null));
                pipeline.classify(customer, "2024-01-01T00:00:00Z", customer.startsWith("a") ? "A" : "B", null)
                        .order(customer, "2024-01-02T09:00:00Z", "SH");
            }
            pipeline.contact("a1", ContactEventType.CALL, "2024-01-20T09:00:00Z", "SH", "wang", null);

            // a1 turns AT_RISK on 2 March (60 days after its order), more than 30 days after its last contact.
            pipeline.streamTimeTo("2024-03-02T08:59:59Z").sendDeltas();
            assertThat(pipeline.alertEvents()).isEmpty();
            pipeline.streamTimeTo("2024-03-02T09:00:00Z").sendDeltas();

            assertThat(pipeline.customerAlerts()).singleElement().satisfies(alert -> {
                assertThat(alert.getRuleId()).isEqualTo(AlertSettings.NEGLECTED_CUSTOMER);
                assertThat(alert.getState()).isEqualTo("RAISED");
                assertThat(alert.getCustomerId()).isEqualTo("a1");
                assertThat(alert.getStaffId()).isEqualTo("wang");
                assertThat(alert.getGroup()).isEqualTo("office:SH");
                assertThat(alert.getAsOf()).isEqualTo(Instant.parse("2024-03-02T09:00:00Z"));
            });

            pipeline.contact("a1", ContactEventType.REVISIT, "2024-03-05T09:00:00Z", "SH", "wang", null).sendDeltas();

            assertThat(pipeline.customerAlerts()).isEmpty();
            assertThat(pipeline.alertEvents()).extracting(AlertEvent::getCustomerId, AlertEvent::getState).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("a1", "RAISED"), org.assertj.core.groups.Tuple.tuple("a1", "RESOLVED"));
        }
    }
}
