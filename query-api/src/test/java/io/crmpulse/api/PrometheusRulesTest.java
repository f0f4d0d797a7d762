package io.crmpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus alerting rules in {@code deploy/prometheus} are valid and do what their unit tests say (raised above
 * the threshold, kept until the clear threshold, one alert for every instance that exports it), checked with
 * Prometheus' own {@code promtool}. {@code .ci/run} installs it when missing (Debian's {@code prometheus} package).
 */
class PrometheusRulesTest {

    private static final Path RULES = Path.of("..", "deploy", "prometheus");

    @Test
    void shouldPassPromtoolsCheckOfTheRules() throws Exception {
        assertThat(promtool("check", "rules", "alert-rules.yml")).contains("SUCCESS: 3 rules found");
    }

    @Test
    void shouldPassTheRulesUnitTests() throws Exception {
        assertThat(promtool("test", "rules", "alert-rules.test.yml")).contains("SUCCESS");
    }

    /** Runs promtool in the rules' folder; its output, once it exited 0. */
    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("promtool", ".log");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is needed to check the Prometheus rules (Debian: apt-get install prometheus; .ci/run "
                    + "installs it): " + e.getMessage(), e);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
