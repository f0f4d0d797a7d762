package io.crmpulse.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.StoreNames;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.kstream.Windowed;
import org.junit.jupiter.api.Test;

/**
 * Under lifecycle.max-lateness the ids of applied events are kept only while their events could still be
 * on time, so the dedupe state stays bounded however long the stream runs, and a repeat still never counts
 * twice: within the limit it is recognised, beyond it it is rejected as LATE.
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
}
