package io.crmpulse.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a running {@code pulse demo} leaves its broker address, so that {@code pulse ingest} finds it. */
public final class RunningDemo {

    private static final Path BOOTSTRAP_FILE = Path.of(System.getProperty("java.io.tmpdir"), "crm-pulse", "demo-bootstrap");
    static final String FALLBACK = "127.0.0.1:9092";

    private RunningDemo() {
    }

    /** {@code explicit} (a --bootstrap option) when given, else {@link #defaultBootstrap()}. */
    public static String bootstrap(String explicit) {
        return explicit != null ? explicit : defaultBootstrap();
    }

    /** $PULSE_BOOTSTRAP, else the running demo's broker, else 127.0.0.1:9092. */
    public static String defaultBootstrap() {
        String env = System.getenv("PULSE_BOOTSTRAP");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return Files.isReadable(BOOTSTRAP_FILE) ? Files.readString(BOOTSTRAP_FILE, StandardCharsets.UTF_8).strip() : FALLBACK;
        } catch (IOException e) {
            return FALLBACK;
        }
    }

    public static void announce(String bootstrap) {
        try {
            Files.createDirectories(BOOTSTRAP_FILE.getParent());
            Files.writeString(BOOTSTRAP_FILE, bootstrap, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + BOOTSTRAP_FILE, e);
        }
    }

    public static void withdraw() {
        try {
            Files.deleteIfExists(BOOTSTRAP_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + BOOTSTRAP_FILE, e);
        }
    }
}
