package io.crmpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest trusts the demo's address only from a folder and file of the user's own that nobody else may write. */
class RunningDemoTest {

    @TempDir
    Path home;

    @Test
    void shouldFindTheAddressTheDemoAnnouncedInAPrivateFolder() throws Exception {
        RunningDemo demo = new RunningDemo(home.resolve("crm-pulse"));

        demo.write("127.0.0.1:19092");

        assertThat(demo.announced()).isEqualTo("127.0.0.1:19092");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("crm-pulse")))).isEqualTo("rwx------");
        demo.remove();
        assertThat(demo.announced()).isEqualTo(RunningDemo.FALLBACK);
    }

    @Test
    void shouldIgnoreAnAddressOthersCouldHaveWritten() throws Exception {
        Path shared = Files.createDirectories(home.resolve("shared"));
        Files.writeString(shared.resolve("demo-bootstrap"), "evil.example:9092");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(new RunningDemo(shared).announced()).isEqualTo(RunningDemo.FALLBACK);

        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(shared.resolve("demo-bootstrap"), PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(new RunningDemo(shared).announced()).isEqualTo(RunningDemo.FALLBACK);
    }
}
