package io.crmpulse.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.SchemaParser;

/**
 * One version of the whole schema set: every named schema of a folder of {@code .avsc} files, parsed
 * together so that files may refer to each other's types (the envelope is shared).
 */
public record SchemaVersion(String label, Map<String, Schema> byFullName) {

    /** Parses every {@code .avsc} file below {@code dir}. */
    public static SchemaVersion fromDirectory(String label, Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> avsc = files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
            return parse(label, avsc, path -> {
                try {
                    return Files.newInputStream(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema folder " + dir, e);
        }
    }

    /** Parses the given sources, each opened by {@code open}, as one set. */
    public static <S> SchemaVersion parse(String label, List<S> sources, Function<S, InputStream> open) {
        SchemaParser parser = new SchemaParser();
        for (S source : sources) {
            try (InputStream in = open.apply(source)) {
                parser.parse(in);
            } catch (IOException | SchemaParseException e) {
                throw new IllegalStateException("schema version " + label + ": cannot parse " + source + ": " + e.getMessage(), e);
            }
        }
        Map<String, Schema> named = parser.getParsedNamedSchemas().stream()
                .collect(Collectors.toMap(Schema::getFullName, s -> s, (a, b) -> a, TreeMap::new));
        return new SchemaVersion(label, named);
    }
}
