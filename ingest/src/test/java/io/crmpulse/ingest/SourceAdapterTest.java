package io.crmpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmpulse.events.OrderEvent;
import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.mapping.MappingException;
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

/** A format of one's own, found by ServiceLoader and named in a mapping, with nothing else changed. */
class SourceAdapterTest {

    private static final String MAPPING = """
            version: 1
            source: legacy
            stream: order
            format: %s
            event_id: { column: id }
            event_type: { value: PLACED }
            occurred_at: { column: at }
            fields:
              customer_id: { column: customer }
            """;

    @TempDir
    Path dir;

    @Test
    void shouldReadAFileThroughAnInstalledAdapter() throws IOException {
        Mapping mapping = MappingLoader.parse("m.yaml", new StringReader(MAPPING.formatted("key-value")));
        Path file = Files.writeString(dir.resolve("legacy.txt"), """
                id=e1 customer=c1 at=2024-05-01T10:00:00Z
                this line is not pairs
                id=e2 customer=c2 at=2024-05-02T10:00:00Z
                """);
        RecordingSink sink = new RecordingSink();

        IngestSummary summary = new IngestRun(mapping, "legacy", sink, Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC),
                Duration.ofDays(1), p -> { }).run(List.of(file));

        assertThat(summary.line()).isEqualTo("read 3, published 2, rejected 1, duplicates 0");
        assertThat(sink.published).extracting(p -> ((OrderEvent) p.event()).getEnvelope().getCustomerId()).containsExactly("c1", "c2");
        assertThat(sink.deadLetters).extracting(DeadLetter::getLine).containsExactly(2L);
    }

    @Test
    void shouldNameTheInstalledAdaptersWhenAFormatIsUnknown() {
        assertThatThrownBy(() -> MappingLoader.parse("m.yaml", new StringReader(MAPPING.formatted("xlsx"))))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("line 4: format: unknown format 'xlsx'; expected csv, jsonl or an installed adapter: key-value");
    }
}
