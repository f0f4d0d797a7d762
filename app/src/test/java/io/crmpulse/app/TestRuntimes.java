package io.crmpulse.app;

import io.crmpulse.streams.alerts.AlertSettings;
import io.crmpulse.streams.scorecard.ScorecardSettings;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.api.ApiKey;
import io.crmpulse.ingest.IngestCommand;
import io.crmpulse.ingest.Pseudonyms;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import io.crmpulse.streams.risk.RiskSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/** Starts application instances for the integration tests and talks to them as a user would. */
final class TestRuntimes {

    static final String KEY = "it-admin-key";
    /** A viewer and an admin who see the office SH only. */
    static final String SH_VIEWER = "it-viewer-of-shanghai-only";
    static final String SH_ADMIN = "it-admin-of-shanghai-only";
    static final String INSTANCE_SECRET = "it-instance-secret-shared-by-all";
    static final String HASH_KEY = "it-hash-key-of-personal-columns";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestRuntimes() {
    }

    /** An instance on the embedded broker ({@code bootstrap} null) or on another instance's broker. */
    static PulseRuntime start(Path dataDir, String bootstrap, String applicationId) throws IOException {
        return start(dataDir, bootstrap, applicationId, PulseConfig.DEFAULT_SEND_INTERVAL);
    }

    /** The same, sending the lifecycle's counter deltas every {@code sendInterval}. */
    static PulseRuntime start(Path dataDir, String bootstrap, String applicationId, Duration sendInterval) throws IOException {
        PulseConfig config = new PulseConfig(dataDir, freePort(), freePort(), bootstrap, freePort(), freePort(), 6, (short) 1, 1,
                "127.0.0.1", applicationId, null, Duration.ofMillis(200), sendInterval, new AlertSettings(Duration.ofMillis(200), Set.of("A")), PulseConfig.DEFAULT_ROCKSDB_MEMORY, LifecycleSettings.defaults(), ScorecardSettings.defaults(), RiskSettings.defaults(),
                Path.of(TestRuntimes.class.getResource("/it").getPath()),
                List.of(ApiKey.fromPlain(KEY, ApiKey.Role.ADMIN, Set.of()), ApiKey.fromPlain(SH_VIEWER, ApiKey.Role.VIEWER, Set.of("SH")),
                        ApiKey.fromPlain(SH_ADMIN, ApiKey.Role.ADMIN, Set.of("SH"))),
                List.of(),
                INSTANCE_SECRET, new Pseudonyms(HASH_KEY));
        return PulseRuntime.start(config);
    }

    /** The rows of a customers response as {@code GROUP PERIOD S=.. N=.. R=.. C=.. E=..}. */
    static List<String> rows(JsonNode body) {
        List<String> rows = new java.util.ArrayList<>();
        body.get("data").forEach(r -> rows.add(r.get("group").asText() + " " + r.get("period").asText()
                + " S=" + r.get("customers_at_start").asLong() + " N=" + r.get("new").asLong() + " R=" + r.get("reactivated").asLong()
                + " C=" + r.get("churned").asLong() + " E=" + r.get("customers_at_end").asLong()));
        return rows;
    }

    /** /health of {@code runtime}, 200 or not. */
    static JsonNode health(PulseRuntime runtime) throws IOException, InterruptedException {
        return JSON.readTree(get(api(runtime), "/health", null).body());
    }

    /**
     * Waits, as a client would, until /health says the counters are complete through {@code instant}; the figures up
     * to it can then be read once, with no retry.
     */
    static void awaitCountedThrough(PulseRuntime runtime, String instant) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> instant.equals(health(runtime).path("counted_through").asText()));
    }

    static URI api(PulseRuntime runtime) {
        return URI.create("http://127.0.0.1:" + runtime.config().httpPort());
    }

    static URI internal(PulseRuntime runtime) {
        return URI.create("http://127.0.0.1:" + runtime.config().internalPort());
    }

    /** Runs {@code pulse ingest} in-process; returns the exit code and what it printed. */
    static int ingest(String bootstrap, Path mapping, Path file, StringWriter out) {
        return new CommandLine(new IngestCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
                .execute("--mapping", mapping.toString(), "--bootstrap", bootstrap, file.toString());
    }

    static HttpResponse<String> get(URI api, String path, String key) throws IOException, InterruptedException {
        return send(api, "GET", path, key);
    }

    static HttpResponse<String> send(URI api, String method, String path, String key) throws IOException, InterruptedException {
        return send(api, method, path, key, "application/json");
    }

    static HttpResponse<String> send(URI api, String method, String path, String key, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Accept", accept);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
