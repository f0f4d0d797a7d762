package io.crmpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.mapping.MappingLoader;
import io.crmpulse.records.DeadLetter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the malformed corpus (src/test/resources/malformed, listed in expected.tsv) holds valid
 * records and then one bad one: the bad one is rejected with exactly the reason the manifest names, to
 * the dead-letter topic with its line and raw text, and every valid record is still published.
 */
class MalformedCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/malformed");
    private static final Clock NOW = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

    static Stream<Arguments> corpus() throws IOException {
        List<String> lines = Files.readAllLines(CORPUS.resolve("expected.tsv"));
        return lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t"))
                .map(f -> Arguments.of(f[0], f[1], f[2]));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("corpus")
    void shouldRejectTheBadRecordWithItsReason(String file, String mappingFile, String reason) {
        Mapping mapping = MappingLoader.load(CORPUS.resolve(mappingFile));
        RecordingSink sink = new RecordingSink();

        IngestSummary summary = new IngestRun(mapping, mapping.source(), sink, NOW, Duration.ofDays(1), read -> { })
                .run(List.of(CORPUS.resolve(file)));

        assertThat(sink.deadLetters).extracting(DeadLetter::getReason).containsExactly(reason);
        DeadLetter letter = sink.deadLetters.get(0);
        assertThat(letter.getLine()).isEqualTo(summary.read() + (file.endsWith(".csv") ? 1 : 0));
        assertThat(letter.getMessage()).isNotBlank();
        assertThat(letter.getFile()).endsWith(file);
        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(summary.published()).isEqualTo(summary.read() - 1).isEqualTo(sink.published.size()).isPositive();
    }

    @Test
    void shouldHoldAtLeastFiftyCasesCoveringEveryReasonAndNothingUnlisted() throws IOException {
        List<String> reasons = corpus().map(a -> (String) a.get()[2]).distinct().toList();
        assertThat(corpus().count()).isGreaterThanOrEqualTo(50);
        assertThat(reasons).containsExactlyInAnyOrder(Stream.of(Reason.values()).map(Enum::name).toArray(String[]::new));
        List<String> listed = corpus().map(a -> (String) a.get()[0]).sorted().toList();
        try (Stream<Path> files = Files.list(CORPUS)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv") || n.endsWith(".jsonl")).sorted().toList())
                    .isEqualTo(listed);
        }
    }
}
