package io.crmpulse.api;

import io.crmpulse.streams.segments.SegmentTally;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.Map;

/**
 * How many customers are in each ABC class and RFM cell (METRICS.md section 7), and the latest day any of them
 * changed: kept by the segments task as segments change, so that only these few numbers are read and travel between
 * instances.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
record SegmentCounts(long customers, @Nullable String classifiedFor, Map<String, Long> abc, Map<String, Long> rfm) {

    static SegmentCounts of(SegmentTally.Counts counts) {
        return new SegmentCounts(counts.customers(), counts.classifiedFor() == null ? null : counts.classifiedFor().toString(),
                counts.abc(), counts.rfm());
    }
}
