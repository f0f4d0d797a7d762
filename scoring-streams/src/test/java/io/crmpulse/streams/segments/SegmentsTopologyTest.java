package io.crmpulse.streams.segments;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.records.CustomerSegment;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.StoreNames;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

/**
 * Segments are recomputed when stream time enters a new day, and each change is published as an event; while
 * history is replayed faster than segments.catch-up-interval per day, days in between are skipped.
 */
public class SegmentsTopologyTest {

    private static OrderEvent paid(String id, String customer, String at, String amount) {
        return new OrderEvent(PipelineDriver.envelope(id, customer, Instant.parse(at), "SH"), OrderEventType.PAID, id,
                new BigDecimal(amount).setScale(4), "CNY", 1);
    }

    /** big pays 900 on May 10; small 100 on May 11 and 50 on June 2. Returns the segment changes topic. */
    private static TestOutputTopic<String, CustomerSegment> bigInMaySmallFromMay11(PipelineDriver pipeline) {
        TestOutputTopic<String, CustomerSegment> changes = pipeline.driver().createOutputTopic(Topics.SEGMENT_CHANGES.name(),
                Serdes.String().deserializer(), SerdeFactory.named(null, Map.of()).valueSerde(CustomerSegment.class).deserializer());
        pipeline.send(paid("p1", "big", "2024-05-10T10:00:00Z", "900"))
                .send(paid("p2", "small", "2024-05-11T10:00:00Z", "100"))
                .send(paid("p3", "small", "2024-06-02T10:00:00Z", "50"));
        return changes;
    }

    /**
     * The counts the segments task keeps as segments change equal a count of every stored segment: customers, per
     * class, per RFM cell, and the latest day of a change.
     */
    public static void assertCountsMatchTheSegments(PipelineDriver pipeline) {
        long customers = 0;
        java.time.LocalDate latest = null;
        Map<String, Long> abc = new java.util.TreeMap<>();
        Map<String, Long> rfm = new java.util.TreeMap<>();
        try (var it = pipeline.driver().<String, CustomerSegment>getKeyValueStore(StoreNames.CUSTOMER_SEGMENTS).all()) {
            while (it.hasNext()) {
                CustomerSegment s = it.next().value;
                customers++;
                abc.merge(s.getAbc(), 1L, Long::sum);
                String cell = AbcRfm.rfm(s.getRecency(), s.getFrequency(), s.getMonetary());
                if (cell != null) {
                    rfm.merge(cell, 1L, Long::sum);
                }
                latest = latest == null || s.getDay().isAfter(latest) ? s.getDay() : latest;
            }
        }
        assertThat(SegmentTally.read(pipeline.driver().getKeyValueStore(StoreNames.SEGMENT_COUNTS)))
                .isEqualTo(new SegmentTally.Counts(customers, latest, abc, rfm));
    }

    @Test
    void shouldClassifyEveryoneOnANewDayAndPublishOnlyChanges() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            TestOutputTopic<String, CustomerSegment> changes = bigInMaySmallFromMay11(pipeline);

            // May 11 classified big alone (the window includes the month in progress); entering June 2 classified
            // both: small is new (B: 900 of the 1,150 lies before it, more than 75 %), big's RFM scores moved.
            assertThat(changes.readValuesToList()).extracting(c -> c.getCustomerId() + " " + c.getAbc() + " " + c.getDay())
                    .containsExactly("big A 2024-05-11", "big A 2024-06-02", "small B 2024-06-02");
            assertCountsMatchTheSegments(pipeline);

            // Entering June 3, small's second activity day (June 2) moves big's frequency score: published.
            pipeline.send(paid("p3b", "small", "2024-06-03T10:00:00Z", "1"));
            assertThat(changes.readValuesToList()).extracting(c -> c.getCustomerId() + " " + c.getPreviousRfm() + "->" + c.getRecency()
                    + c.getFrequency() + c.getMonetary()).containsExactly("big 355->335");
            assertCountsMatchTheSegments(pipeline);
            // Entering June 4 no rank moves, so nothing is published.
            pipeline.send(paid("p3c", "small", "2024-06-04T10:00:00Z", "1"));
            assertThat(changes.readValuesToList()).isEmpty();

            // small's payment of June 20 makes it the largest: B becomes A (900 of 2,051 before big is under 75 %, so big stays A).
            pipeline.send(paid("p4", "small", "2024-06-20T10:00:00Z", "1000")).send(paid("p5", "big", "2024-07-02T10:00:00Z", "1"));
            assertThat(changes.readValuesToList()).extracting(c -> c.getCustomerId() + " " + c.getPreviousAbc() + "->" + c.getAbc())
                    .contains("small B->A").doesNotContain("big A->B");
            CustomerSegment small = pipeline.driver().<String, CustomerSegment>getKeyValueStore(StoreNames.CUSTOMER_SEGMENTS).get("small");
            assertThat(small.getAbc()).isEqualTo("A");
            assertThat(small.getDay()).isEqualTo(java.time.LocalDate.parse("2024-07-02"));
            assertCountsMatchTheSegments(pipeline);

            // Segments kept by a version without counts: the next classification counts them all first.
            var counts = pipeline.driver().<String, Long>getKeyValueStore(StoreNames.SEGMENT_COUNTS);
            List<String> keys = new java.util.ArrayList<>();
            try (var it = counts.all()) {
                it.forEachRemaining(kv -> keys.add(kv.key));
            }
            keys.forEach(counts::delete);
            pipeline.send(paid("p6", "late", "2024-07-03T10:00:00Z", "1"));
            assertCountsMatchTheSegments(pipeline);
        }
    }

    @Test
    void shouldSkipDaysWhileReplayingHistoryAndClassifyTheLatestOnceTheIntervalHasPassed() {
        LifecycleSettings settings = LifecycleSettings.defaults()
                .withSegmentation(new LifecycleSettings.Segmentation(12, 75, 20, false, Duration.ofSeconds(30)));
        try (PipelineDriver pipeline = new PipelineDriver(settings)) {
            TestOutputTopic<String, CustomerSegment> changes = bigInMaySmallFromMay11(pipeline);

            // May 11 was classified; June 2 came less than 30 s of wall-clock time later, so it waits.
            assertThat(changes.readValuesToList()).extracting(c -> c.getCustomerId() + " " + c.getAbc() + " " + c.getDay())
                    .containsExactly("big A 2024-05-11");

            // Once the interval has passed, the wall-clock check classifies the latest day.
            pipeline.driver().advanceWallClockTime(Duration.ofSeconds(30));
            assertThat(changes.readValuesToList()).extracting(c -> c.getCustomerId() + " " + c.getAbc() + " " + c.getDay())
                    .containsExactly("big A 2024-06-02", "small B 2024-06-02");
        }
    }
}
