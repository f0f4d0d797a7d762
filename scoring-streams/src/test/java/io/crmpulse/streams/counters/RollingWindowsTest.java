package io.crmpulse.streams.counters;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.streams.Groups;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.figures.PeriodRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rolling windows (METRICS.md section 3): one row per window ending on each day, from the first day with data to the
 * day the figures are complete through; a window ending later would only hold days to come.
 */
class RollingWindowsTest {

    @Test
    void shouldEndWithTheWindowEndingOnTheDayOfAsOf() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            pipeline.order("c1", "2024-03-01T09:00:00Z", "SH").order("c2", "2024-03-04T09:00:00Z", "SH")
                    .streamTimeTo("2024-03-10T12:00:00Z");

            List<PeriodRow> rows = pipeline.rows(Groups.ALL, "rolling:7d");

            assertThat(rows).extracting(PeriodRow::period).startsWith("2024-03-01").endsWith("2024-03-10").hasSize(10);
            PeriodRow last = rows.get(rows.size() - 1);
            assertThat(last.open()).as("the window ending today is still open").isTrue();
            // 4 to 10 March: c2, and the customer whose order moved stream time to 10 March.
            assertThat(last.newCustomers()).as("4 to 10 March").isEqualTo(2);
            assertThat(rows.get(3).newCustomers()).as("27 February to 4 March").isEqualTo(2);
        }
    }
}
