package io.crmpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmpulse.api.ApiKey;
import io.crmpulse.api.KeysFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Keys are made by a command, stored as salted hashes in a file, and never taken in plain text from a command line. */
class KeysCommandTest {

    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        return new CommandLine(new PulseMain()).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void shouldPrintANewKeyOnceAndALineThatHoldsOnlyItsSaltedHash() throws Exception {
        StringWriter out = new StringWriter();

        assertThat(run(out, new StringWriter(), "keys", "new", "--role", "viewer", "--offices", "SH,BJ")).isZero();

        List<String> lines = out.toString().lines().toList();
        String key = lines.get(0).substring("key:  ".length());
        String line = lines.get(1).substring("line: ".length());
        assertThat(key).hasSizeGreaterThanOrEqualTo(ApiKey.MIN_LENGTH);
        assertThat(line).doesNotContain(key).matches("sha256:[0-9a-f]{32}:[0-9a-f]{64} viewer BJ,SH");
        List<ApiKey> keys = KeysFile.load(Files.writeString(dir.resolve("keys.txt"), "# ours\n\n" + line + "\n"));
        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.matches(key)).isTrue();
            assertThat(k.matches(key + "x")).isFalse();
            assertThat(k.role()).isEqualTo(ApiKey.Role.VIEWER);
            assertThat(k.offices()).isEqualTo(Set.of("SH", "BJ"));
        });
        assertThat(ApiKey.fromPlain(key, ApiKey.Role.VIEWER, Set.of()).line()).as("a new salt each time").isNotEqualTo(line);
    }

    @Test
    void shouldRefuseAChosenKeyThatIsTooShort() {
        InputStream stdin = System.in;
        StringWriter err = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream("short\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(run(new StringWriter(), err, "keys", "hash", "--role", "admin")).isEqualTo(2);
        } finally {
            System.setIn(stdin);
        }
        assertThat(err.toString()).contains("at least " + ApiKey.MIN_LENGTH + " characters");
    }

    @Test
    void shouldNameTheFileAndLineOfAKeyThatIsNotHashed() throws Exception {
        Path file = Files.writeString(dir.resolve("keys.txt"), "# keys\nmy-plain-secret-key-of-some-length:admin\n");

        assertThatThrownBy(() -> KeysFile.load(file)).hasMessageStartingWith(file + ":2: ").hasMessageContaining("pulse keys new")
                .hasMessageNotContaining("of-some-length");
    }

    @Test
    void shouldRefuseToServeWithoutAKeysFileAndNoLongerTakeKeysOnTheCommandLine() {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "serve", "--bootstrap", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--keys-file");

        StringWriter plain = new StringWriter();
        assertThat(run(new StringWriter(), plain, "serve", "--bootstrap", "127.0.0.1:1", "--api-key", "SECRET:admin")).isEqualTo(2);
        assertThat(plain.toString()).contains("Unknown options: '--api-key'");
    }
}
