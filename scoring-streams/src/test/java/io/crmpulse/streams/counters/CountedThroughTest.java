package io.crmpulse.streams.counters;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.streams.Groups;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.StoreNames;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The counters say how far they are complete: after each send, the lifecycle sends a watermark behind its deltas, and
 * the counter task that reads it has applied every delta up to the lifecycle's stream time. Until the next send, a
 * later event moves the lifecycle's stream time but not the counters' watermark.
 */
class CountedThroughTest {

    private static Long countedThrough(PipelineDriver pipeline) {
        return pipeline.driver().<String, Long>getKeyValueStore(StoreNames.COUNTED_THROUGH).get(StoreNames.countedThroughKey(0, 0));
    }

    @Test
    void shouldBeCompleteThroughTheStreamTimeOfTheLastSendAndNoFurther() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            pipeline.order("c1", "2024-05-10T09:00:00Z", "SH").order("c2", "2024-05-11T10:00:00Z", "SH");
            // Nothing sent: no counter is complete through any instant.
            assertThat(countedThrough(pipeline)).isNull();

            pipeline.driver().advanceWallClockTime(PipelineDriver.SEND_INTERVAL);

            assertThat(countedThrough(pipeline)).isEqualTo(Instant.parse("2024-05-11T10:00:00Z").toEpochMilli());
            assertThat(pipeline.days(Groups.ALL).get(LocalDate.parse("2024-05-11")).getNew$()).isEqualTo(1);

            // A later order moves the lifecycle's stream time; until its delta is sent, the counters' watermark stays.
            pipeline.order("c3", "2024-05-12T08:00:00Z", "SH");
            assertThat(pipeline.asOf()).isEqualTo(Instant.parse("2024-05-12T08:00:00Z"));
            assertThat(countedThrough(pipeline)).isEqualTo(Instant.parse("2024-05-11T10:00:00Z").toEpochMilli());

            pipeline.driver().advanceWallClockTime(PipelineDriver.SEND_INTERVAL);
            assertThat(countedThrough(pipeline)).isEqualTo(Instant.parse("2024-05-12T08:00:00Z").toEpochMilli());
        }
    }
}
