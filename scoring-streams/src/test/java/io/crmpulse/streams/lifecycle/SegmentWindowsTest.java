package io.crmpulse.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.streams.PipelineDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-segment windows (METRICS.md section 2, lifecycle.segments.A.*): segment A customers are at risk after
 * 120 days and churn after 180, everyone else after the company's 60 and 90. From an order on 2023-01-01:
 * the company churn instant is 2023-04-01, A's is 2023-06-30 (day 1 + 180 = day 181 of 2023).
 */
class SegmentWindowsTest {

    private static final LifecycleSettings SETTINGS = LifecycleSettings.defaults()
            .withSegments(Map.of("A", new LifecycleSettings.Windows(Duration.ofDays(120), Duration.ofDays(180))));

    @Test
    void shouldChurnEachCustomerAfterTheWindowOfItsSegment() {
        try (PipelineDriver pipeline = new PipelineDriver(SETTINGS)) {
            pipeline.classify("a1", "2022-12-01T00:00:00Z", "A", null).order("a1", "2023-01-01T00:00:00Z", null)
                    .order("c1", "2023-01-01T00:00:00Z", null)
                    .streamTimeTo("2023-07-01T00:00:00Z");

            assertThat(pipeline.row("segment:A", "day", "2023-06-30").churned()).isEqualTo(1);
            assertThat(pipeline.row("segment:A", "month", "2023-04").churned()).isZero();
            assertThat(pipeline.row("all", "day", "2023-04-01").churned()).isEqualTo(1);
            assertThat(pipeline.row("all", "day", "2023-06-30").churned()).isEqualTo(1);

            var a1 = pipeline.customerState("a1").orElseThrow();
            assertThat(CustomerStatus.of(a1, Instant.parse("2023-04-30T23:59:59Z"), SETTINGS).state()).isEqualTo(CustomerStatus.State.ACTIVE);
            assertThat(CustomerStatus.of(a1, Instant.parse("2023-05-01T00:00:00Z"), SETTINGS).state()).isEqualTo(CustomerStatus.State.AT_RISK);
            assertThat(CustomerStatus.of(a1, Instant.parse("2023-06-30T00:00:00Z"), SETTINGS).state()).isEqualTo(CustomerStatus.State.CHURNED);
        }
    }

    @Test
    void shouldKeepAnOrderWithinTheSegmentWindowInTheSameEpisode() {
        try (PipelineDriver pipeline = new PipelineDriver(SETTINGS)) {
            // 134 days after the first order: a reactivation for the company's window, not for A's.
            pipeline.classify("a1", "2022-12-01T00:00:00Z", "A", null).order("a1", "2023-01-01T00:00:00Z", null)
                    .order("a1", "2023-05-15T00:00:00Z", null)
                    .order("c1", "2023-01-01T00:00:00Z", null).order("c1", "2023-05-15T00:00:00Z", null)
                    .streamTimeTo("2023-05-16T00:00:00Z");

            assertThat(pipeline.row("segment:A", "month", "2023-05").reactivated()).isZero();
            assertThat(pipeline.row("all", "month", "2023-05").reactivated()).isEqualTo(1);
            assertThat(pipeline.row("all", "month", "2023-04").churned()).isEqualTo(1);
        }
    }
}
