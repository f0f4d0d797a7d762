package io.crmpulse.api;

import io.crmpulse.records.CustomerSegment;
import io.crmpulse.streams.segments.AbcRfm;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * How many customers are in each ABC class and RFM cell (METRICS.md section 7), and the latest day any of them
 * changed: counted where the segments live, so that only these few numbers travel between instances.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
record SegmentCounts(long customers, @Nullable String classifiedFor, Map<String, Long> abc, Map<String, Long> rfm) {

    /** @param segments every customer's segment, as a store iterates them */
    static SegmentCounts of(KeyValueIterator<String, CustomerSegment> segments) {
        long customers = 0;
        String latest = null;
        Map<String, Long> abc = new TreeMap<>();
        Map<String, Long> rfm = new TreeMap<>();
        while (segments.hasNext()) {
            CustomerSegment s = segments.next().value;
            customers++;
            abc.merge(s.getAbc(), 1L, Long::sum);
            String cell = AbcRfm.rfm(s.getRecency(), s.getFrequency(), s.getMonetary());
            if (cell != null) {
                rfm.merge(cell, 1L, Long::sum);
            }
            String day = s.getDay().toString();
            latest = latest == null || day.compareTo(latest) > 0 ? day : latest;
        }
        return new SegmentCounts(customers, latest, abc, rfm);
    }
}
