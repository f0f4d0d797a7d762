package io.crmpulse.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a running {@code pulse demo} leaves its broker address, so that {@code pulse ingest} finds it: in a folder of
 * the user's own ({@code $XDG_RUNTIME_DIR/crm-pulse}, else {@code ~/.crm-pulse}), never in the shared temporary
 * directory, where another local user could leave a file first and send this user's records to their broker. The
 * address is trusted only when the file and its folder belong to the user and no one else may write them.
 */
public final class RunningDemo {

    static final String FALLBACK = "127.0.0.1:9092";
    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS = EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private final Path file;

    RunningDemo(Path folder) {
        this.file = folder.resolve("demo-bootstrap");
    }

    private static RunningDemo ofUser() {
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        Path folder = runtimeDir != null && !runtimeDir.isBlank() ? Path.of(runtimeDir, "crm-pulse")
                : Path.of(System.getProperty("user.home"), ".crm-pulse");
        return new RunningDemo(folder);
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
        return ofUser().announced();
    }

    public static void announce(String bootstrap) {
        ofUser().write(bootstrap);
    }

    public static void withdraw() {
        ofUser().remove();
    }

    /** The announced address when it can be trusted, else {@link #FALLBACK}. */
    String announced() {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !ownedAndPrivate(file.getParent()) || !ownedAndPrivate(file)) {
                return FALLBACK;
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return FALLBACK;
        }
    }

    void write(String bootstrap) {
        try {
            Path folder = file.getParent();
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                restrict(folder, "rwx------");
            }
            Path next = Files.createTempFile(folder, "demo-bootstrap", ".tmp");
            restrict(next, "rw-------");
            Files.writeString(next, bootstrap, StandardCharsets.UTF_8);
            Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    void remove() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }

    private static boolean ownedAndPrivate(Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            // No POSIX owners and modes (e.g. Windows): the user's home folder is the protection there.
            return true;
        }
        PosixFileAttributes attributes = view.readAttributes();
        return attributes.owner().getName().equals(System.getProperty("user.name"))
                && attributes.permissions().stream().noneMatch(WRITABLE_BY_OTHERS::contains);
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
