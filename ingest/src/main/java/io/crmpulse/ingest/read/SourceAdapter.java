package io.crmpulse.ingest.read;

import io.crmpulse.ingest.mapping.Mapping;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * A reader for a file format of its own: a mapping with {@code format: NAME} is read by the adapter
 * whose {@link #format()} is NAME, found with {@link ServiceLoader} (list the class in
 * {@code META-INF/services/io.crmpulse.ingest.read.SourceAdapter} of a jar on the classpath). The
 * records it yields are mapped, validated and published like any other; no streaming code changes.
 */
public interface SourceAdapter {

    /** The name mappings use in {@code format:}; not csv or jsonl, which are built in. */
    String format();

    /**
     * The records of one file, in order. Each carries its file and line (for dead letters), its values
     * by column name, and its raw text; a record the adapter cannot read is
     * {@link SourceRecord#malformed}, never skipped. An iterator that is also {@link AutoCloseable} is
     * closed after the last record.
     */
    Iterator<SourceRecord> read(Path file, Mapping mapping) throws IOException;

    /** The adapter for {@code format}, if one is installed. */
    static java.util.Optional<SourceAdapter> named(String format) {
        return installed().stream().filter(a -> a.format().equals(format)).findFirst();
    }

    static List<SourceAdapter> installed() {
        return ServiceLoader.load(SourceAdapter.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    static String installedNames() {
        return installed().stream().map(SourceAdapter::format).collect(Collectors.joining(", "));
    }
}
