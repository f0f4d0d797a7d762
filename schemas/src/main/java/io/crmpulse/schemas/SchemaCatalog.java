package io.crmpulse.schemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Every released version of every schema, as shipped in this jar under
 * {@code io/crmpulse/schemas/history/} (copied from {@code schemas/src/main/avro-history/}). Readers use it
 * to resolve data written with an older schema; the compatibility check uses it to hold new versions
 * to the old ones.
 */
public final class SchemaCatalog {

    private static final String ROOT = "io/crmpulse/schemas/history/";
    private static final SchemaCatalog BUNDLED = loadBundled();

    private final List<SchemaVersion> versions;

    public SchemaCatalog(List<SchemaVersion> versions) {
        this.versions = List.copyOf(versions);
    }

    public static SchemaCatalog bundled() {
        return BUNDLED;
    }

    public List<SchemaVersion> versions() {
        return versions;
    }

    /** The released schemas with this full name, oldest first. */
    public List<Schema> releasedVersionsOf(String fullName) {
        List<Schema> out = new ArrayList<>();
        for (SchemaVersion v : versions) {
            Schema s = v.byFullName().get(fullName);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static SchemaCatalog loadBundled() {
        ClassLoader loader = SchemaCatalog.class.getClassLoader();
        Map<String, List<String>> filesByVersion = new LinkedHashMap<>();
        try (InputStream index = loader.getResourceAsStream(ROOT + "index.txt")) {
            if (index == null) {
                throw new IllegalStateException("schema history index " + ROOT + "index.txt is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String path = line.strip();
                if (!path.isEmpty()) {
                    String version = path.substring(0, path.indexOf('/'));
                    filesByVersion.computeIfAbsent(version, k -> new ArrayList<>()).add(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SchemaVersion> versions = new ArrayList<>();
        filesByVersion.forEach((label, files) -> versions.add(SchemaVersion.parse(label, files, file -> {
            InputStream in = loader.getResourceAsStream(ROOT + file);
            if (in == null) {
                throw new IllegalStateException("schema history file " + ROOT + file + " is listed but missing");
            }
            return in;
        })));
        return new SchemaCatalog(versions);
    }
}
