package io.crmpulse.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.streams.PipelineDriver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The index of group members lists every customer under each office and staff member of its kept history, so that
 * one group's at-risk list reads its members instead of every customer; what settled history drops leaves it.
 */
class GroupMembersTest {

    @Test
    void shouldListACustomerUnderEveryOfficeOfItsHistoryUntilThatHistoryIsSettled() {
        try (PipelineDriver pipeline = new PipelineDriver(LifecycleSettings.defaults().withMaxLateness(Duration.ofDays(7)))) {
            pipeline.order("c1", "2023-01-01T10:00:00Z", "SH").order("c2", "2023-01-02T10:00:00Z", "SH")
                    .assign("c1", "2023-02-01T00:00:00Z", "BJ").order("c1", "2023-03-01T10:00:00Z", "BJ");

            assertThat(pipeline.members("office:SH")).containsExactly("c1", "c2");
            assertThat(pipeline.members("office:BJ")).containsExactly("c1");

            // Two years on, c1's history up to its last order in BJ is settled: it is no longer SH's at any instant still read.
            pipeline.order("c1", "2025-01-10T10:00:00Z", null);
            assertThat(pipeline.members("office:SH")).containsExactly("c2");
            assertThat(pipeline.members("office:BJ")).containsExactly("c1");
        }
    }
}
