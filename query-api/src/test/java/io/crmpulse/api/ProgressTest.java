package io.crmpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The counters are complete through an instant only when every counter partition has heard from every lifecycle
 * partition, over all instances: one that has not heard from one of them yet may still lack that one's deltas.
 */
class ProgressTest {

    private static final long MAY_14 = Instant.parse("2023-05-14T00:00:00Z").toEpochMilli();
    private static final long MAY_15 = Instant.parse("2023-05-15T00:00:00Z").toEpochMilli();

    @Test
    void shouldBeCompleteThroughTheLeastWatermarkOnceEveryPairHasOne() {
        Progress.Local first = new Progress.Local(Map.of("0:0", MAY_15, "0:1", MAY_14), Map.of("0", MAY_15), 3);
        Progress.Local second = new Progress.Local(Map.of("1:0", MAY_15, "1:1", MAY_15), Map.of("1", MAY_15), 4);

        Progress progress = Progress.of(List.of(first, second), 2);

        assertThat(progress.countedThrough()).isEqualTo(Instant.ofEpochMilli(MAY_14));
        assertThat(progress.streamTime()).isEqualTo(Instant.ofEpochMilli(MAY_15));
        assertThat(progress.unprocessedRecords()).isEqualTo(7);
    }

    @Test
    void shouldBeCompleteThroughNothingWhileACounterPartitionHasNotHeardFromEveryLifecyclePartition() {
        Progress.Local first = new Progress.Local(Map.of("0:0", MAY_15, "0:1", MAY_15), Map.of("0", MAY_15), 0);
        Progress.Local second = new Progress.Local(Map.of("1:0", MAY_15), Map.of("1", MAY_15), 0);

        assertThat(Progress.of(List.of(first, second), 2).countedThrough()).isNull();
    }
}
