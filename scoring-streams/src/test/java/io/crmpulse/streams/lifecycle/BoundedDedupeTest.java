package io.crmpulse.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.records.ClockTick;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.StoreNames;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.kstream.Windowed;
import org.junit.jupiter.api.Test;

/**
 * Under lifecycle.max-lateness the ids of applied events are kept only while their events could still be
 * on time, so the dedupe state stays bounded however long the stream runs, and a repeat still never counts
 * twice: within the limit it is recognised, beyond it it is rejected as LATE. Lateness is measured against
 * the partition's own events, not the clock other partitions broadcast.
 */
class BoundedDedupeTest {

    private static final LifecycleSettings STRICT = LifecycleSettings.defaults().withMaxLateness(Duration.ofDays(30));

    private static OrderEvent order(String id, String customer, Instant at) {
        return new OrderEvent(PipelineDriver.envelope(id, customer, at, "A"), OrderEventType.PLACED, id, new BigDecimal("1.0000"), "EUR", 1);
    }

    private static long idsKept(PipelineDriver pipeline) {
        WindowStore<String, Long> store = pipeline.driver().getWindowStore(StoreNames.EVENT_DEDUPE_WINDOW);
        long n = 0;
        try (KeyValueIterator<Windowed<String>, Long> it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    @Test
    void shouldKeepIdsOnlyForMaxLatenessAndStillNeverCountARepeatTwice() {
        try (PipelineDriver pipeline = new PipelineDriver(STRICT)) {
            Instant start = Instant.parse("2023-01-01T00:00:00Z");
            OrderEvent first = order("o0", "c0", start);
            pipeline.send(first);
            for (int day = 1; day < 365; day++) {
                pipeline.send(order("o" + day, "c" + (day % 40), start.plus(Duration.ofDays(day))));
            }
            // A repeat within the limit is recognised as one.
            pipeline.send(order("o360", "c0", start.plus(Duration.ofDays(360))));

            // 365 events applied, but only about max-lateness (30 days, plus a partly expired segment) of ids kept.
            assertThat(idsKept(pipeline)).isLessThan(60);
            assertThat(pipeline.days("all").values().stream().mapToLong(f -> f.getNew$()).sum()).isEqualTo(40);
            assertThat(pipeline.customerState("c0").orElseThrow().getActivity()).hasSize(10);

            // A repeat of the very first event, a year late, is rejected as LATE rather than applied again.
            pipeline.send(first);
            assertThat(pipeline.deadLetters()).singleElement().satisfies(d -> assertThat(d.getReason()).isEqualTo("LATE"));
            assertThat(pipeline.customerState("c0").orElseThrow().getActivity()).hasSize(10);
        }
    }

    @Test
    void shouldMeasureLatenessAgainstThePartitionsOwnEventsNotTheClockOfPartitionsAhead() {
        try (PipelineDriver pipeline = new PipelineDriver(STRICT)) {
            // Replaying history, another partition has got a year ahead and broadcasts its clock to this one.
            pipeline.send(order("o1", "c1", Instant.parse("2023-01-10T00:00:00Z")));
            TestInputTopic<String, ClockTick> clock = pipeline.driver().createInputTopic(Topics.CLOCK.name(), Serdes.String().serializer(),
                    SerdeFactory.named(null, Map.of()).valueSerde(ClockTick.class).serializer());
            Instant ahead = Instant.parse("2024-01-10T00:00:00Z");
            clock.pipeInput("tick", new ClockTick(ahead, 1), ahead);

            // This partition's next events are in order for it: applied, not LATE.
            pipeline.send(order("o2", "c1", Instant.parse("2023-01-20T00:00:00Z")));
            assertThat(pipeline.deadLetters()).isEmpty();
            assertThat(pipeline.customerState("c1").orElseThrow().getActivity()).hasSize(2);

            // Lateness still counts against its own events: 30 days behind its latest one is too late.
            pipeline.send(order("o3", "c2", Instant.parse("2022-12-20T00:00:00Z")));
            assertThat(pipeline.deadLetters()).singleElement().satisfies(d -> assertThat(d.getMessage())
                    .contains("behind the latest event time of its partition, 2023-01-20T00:00:00Z"));
        }
    }
}
