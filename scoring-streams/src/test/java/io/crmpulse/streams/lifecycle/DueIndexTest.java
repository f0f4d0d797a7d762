package io.crmpulse.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.ContactEventType;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.PipelineDriver;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Deadlines are recognised at their instant whatever order they were entered in: the index remembers the earliest
 * deadline it knows of, and one entered later but due earlier still counts on its day.
 */
class DueIndexTest {

    @Test
    void shouldRecogniseADeadlineEnteredAfterALaterOneOnItsOwnDay() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            // c1 turns AT_RISK on March 1; stream time then moves on, short of it.
            pipeline.order("c1", "2024-01-01T00:00:00Z", "SH").streamTimeTo("2024-01-10T00:00:00Z");
            // c2 is contacted on January 15 with a reminder for January 20: a deadline before March 1.
            pipeline.contact("c2", ContactEventType.CALL, "2024-01-15T00:00:00Z", "SH", "s1", "2024-01-20T00:00:00Z")
                    .streamTimeTo("2024-01-25T00:00:00Z");

            assertThat(pipeline.days(Groups.ALL).get(LocalDate.parse("2024-01-20")).getOverdue()).isEqualTo(1);
            assertThat(pipeline.days(Groups.ALL)).doesNotContainKey(LocalDate.parse("2024-03-01"));

            pipeline.streamTimeTo("2024-03-02T00:00:00Z");
            assertThat(pipeline.days(Groups.ALL).get(LocalDate.parse("2024-03-01")).getAtRisk()).isEqualTo(1);
        }
    }
}
