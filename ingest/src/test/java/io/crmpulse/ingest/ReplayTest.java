package io.crmpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.mapping.MappingLoader;
import io.crmpulse.records.DeadLetter;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mapping mistake is fixed and the records it rejected are replayed from their dead letters. */
class ReplayTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String MAPPING = """
            version: 1
            source: shop
            stream: order
            csv: { delimiter: ";", header: true }
            event_id: { column: id }
            event_type: { column: status, values: { %s } }
            occurred_at: { column: at }
            fields:
              customer_id: { column: customer }
              amount: { column: amount }
            """;

    @TempDir
    Path dir;

    private static Mapping mapping(String values) {
        return MappingLoader.parse("m.yaml", new StringReader(MAPPING.formatted(values)));
    }

    @Test
    void shouldPublishWhatTheCorrectedMappingReadsAndRejectTheRestAgain() throws IOException {
        Path file = Files.writeString(dir.resolve("orders.csv"), """
                id;customer;status;at;amount
                1;c1;paid;2024-05-01T10:00:00Z;5
                2;"c;2";nieuw;2024-05-01T11:00:00Z;7
                3;c3;nieuw;2024-05-01T12:00:00Z;-7
                """);
        RecordingSink first = new RecordingSink();
        new IngestRun(mapping("paid: PAID"), "shop", first, NOW, Duration.ofDays(1), p -> { }).run(List.of(file));
        assertThat(first.deadLetters).extracting(DeadLetter::getLine, DeadLetter::getReason)
                .containsExactly(tuple(3L, "UNKNOWN_ENUM"), tuple(4L, "UNKNOWN_ENUM"));
        assertThat(first.deadLetters.get(0).getColumns()).containsExactly("id", "customer", "status", "at", "amount");

        RecordingSink replay = new RecordingSink();
        IngestSummary summary = new IngestRun(mapping("paid: PAID, nieuw: PLACED"), "shop", replay, NOW, Duration.ofDays(1), p -> { })
                .replay(first.deadLetters);

        assertThat(summary.line()).isEqualTo("read 2, published 1, rejected 1, duplicates 0");
        OrderEvent replayed = (OrderEvent) replay.published.get(0).event();
        assertThat(replayed.getEnvelope().getCustomerId()).isEqualTo("c;2");
        assertThat(replayed.getType()).isEqualTo(OrderEventType.PLACED);
        assertThat(replay.deadLetters).extracting(DeadLetter::getLine, DeadLetter::getReason, DeadLetter::getFile)
                .containsExactly(tuple(4L, "NEGATIVE_AMOUNT", file.toString()));
    }
}
