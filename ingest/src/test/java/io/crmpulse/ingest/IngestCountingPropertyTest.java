package io.crmpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.mapping.MappingLoader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Nothing read is lost or counted twice: for any file of valid, damaged, repeated and conflicting
 * records, read = published + rejected + duplicates, every rejection reaches the dead-letter sink, and
 * exactly the first record of each event id is published.
 */
class IngestCountingPropertyTest {

    private static final Mapping MAPPING = MappingLoader.parse("property.yaml", new StringReader("""
            version: 1
            source: property
            stream: order
            event_id: { column: id }
            event_type: { column: status, values: { placed: PLACED, paid: PAID } }
            occurred_at: { column: at, format: iso }
            fields:
              customer_id: { column: customer }
              amount:      { column: amount }
            """));

    private static final Clock NOW = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);

    /** One line of the file: kind 0 valid, 1 damaged, 2 repeat of an earlier line, 3 an earlier id with other content. */
    record Line(int kind, int id, int customer, int amountCents, int damage) {
    }

    @Provide
    Arbitrary<List<Line>> files() {
        Arbitrary<Line> line = Combinators.combine(
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 40), Arbitraries.integers().between(1, 9),
                Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 4)).as(Line::new);
        return line.list().ofMinSize(0).ofMaxSize(120);
    }

    @Property(tries = 200)
    void readIsPublishedPlusRejectedPlusDuplicates(@ForAll("files") List<Line> lines) throws IOException {
        List<String> rows = new ArrayList<>();
        rows.add("id,customer,status,at,amount");
        for (Line l : lines) {
            String valid = "e" + l.id() + ",c" + l.customer() + ",paid,2024-05-01T10:00:00Z," + l.amountCents() / 100.0;
            rows.add(switch (l.kind()) {
                case 0 -> valid;
                case 1 -> damage(valid, l.damage());
                case 2 -> rows.size() > 1 ? rows.get(1 + l.id() % (rows.size() - 1)) : valid;
                default -> "e" + l.id() + ",c" + l.customer() + ",placed,2024-05-02T10:00:00Z,1";
            });
        }
        Path file = Files.createTempFile("property", ".csv");
        Files.writeString(file, String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        RecordingSink sink = new RecordingSink();
        try {
            IngestSummary summary = new IngestRun(MAPPING, "property", sink, NOW, Duration.ofDays(1), read -> { }).run(List.of(file));

            assertThat(summary.read()).isEqualTo(rows.size() - 1);
            assertThat(summary.read()).isEqualTo(summary.published() + summary.rejected() + summary.duplicates());
            assertThat(sink.published).hasSize((int) summary.published());
            assertThat(sink.deadLetters).hasSize((int) summary.rejected());
            Set<String> ids = new HashSet<>();
            sink.published.forEach(p -> assertThat(ids.add(((io.crmpulse.events.OrderEvent) p.event()).getEnvelope().getEventId()))
                    .as("published twice").isTrue());
        } finally {
            Files.delete(file);
        }
    }

    private static String damage(String valid, int how) {
        String[] f = valid.split(",");
        switch (how) {
            case 0 -> f[1] = "";
            case 1 -> f[2] = "lost";
            case 2 -> f[3] = "not-a-time";
            case 3 -> f[4] = "-" + f[4];
            default -> {
                return f[0] + "," + f[1];
            }
        }
        return String.join(",", f);
    }
}
