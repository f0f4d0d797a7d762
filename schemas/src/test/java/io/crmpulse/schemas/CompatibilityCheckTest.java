package io.crmpulse.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build-time guard: current schemas must read everything a released version wrote. */
class CompatibilityCheckTest {

    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path HISTORY = Path.of("src/main/avro-history");

    @Test
    void currentSchemasReadEveryReleasedVersion() throws IOException {
        List<SchemaVersion> released;
        try (Stream<Path> dirs = Files.list(HISTORY)) {
            released = dirs.filter(Files::isDirectory).sorted()
                    .map(d -> SchemaVersion.fromDirectory(d.getFileName().toString(), d)).toList();
        }
        assertThat(released).isNotEmpty();

        assertThat(CompatibilityCheck.problems(SchemaVersion.fromDirectory("current", CURRENT), released)).isEmpty();
    }

    @Test
    void historyIndexListsExactlyTheReleasedFiles() throws IOException {
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(HISTORY)) {
            onDisk = files.filter(p -> p.toString().endsWith(".avsc"))
                    .map(p -> HISTORY.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        List<String> indexed = Files.readAllLines(HISTORY.resolve("index.txt")).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).sorted().toList();

        assertThat(indexed).isEqualTo(onDisk);
    }

    @Test
    void shouldCatchAFieldAddedWithoutDefault(@TempDir Path dir) throws IOException {
        copyCurrentTo(dir);
        Path order = dir.resolve("events/OrderEvent.avsc");
        Files.writeString(order, Files.readString(order).replace(
                "{\"name\": \"item_count\"",
                "{\"name\": \"channel\", \"type\": \"string\", \"doc\": \"new, no default\"},\n    {\"name\": \"item_count\""));

        List<String> problems = CompatibilityCheck.problems(SchemaVersion.fromDirectory("changed", dir),
                List.of(SchemaVersion.fromDirectory("v1", CURRENT)));

        assertThat(problems).singleElement().asString()
                .contains("io.crmpulse.events.OrderEvent", "v1", "READER_FIELD_MISSING_DEFAULT_VALUE", "channel");
    }

    @Test
    void shouldCatchAChangedFieldTypeAndARemovedSchema(@TempDir Path dir) throws IOException {
        copyCurrentTo(dir);
        Path envelope = dir.resolve("events/Envelope.avsc");
        Files.writeString(envelope, Files.readString(envelope).replace(
                "{\"name\": \"source\", \"type\": \"string\"", "{\"name\": \"source\", \"type\": \"int\""));
        Files.delete(dir.resolve("records/ClockTick.avsc"));

        List<String> problems = CompatibilityCheck.problems(SchemaVersion.fromDirectory("changed", dir),
                List.of(SchemaVersion.fromDirectory("v1", CURRENT)));

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("io.crmpulse.events.Envelope", "TYPE_MISMATCH"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("io.crmpulse.records.ClockTick", "no longer defined"));
    }

    private static void copyCurrentTo(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(CURRENT)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = dir.resolve(CURRENT.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
    }
}
