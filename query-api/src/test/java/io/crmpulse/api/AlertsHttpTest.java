package io.crmpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.events.ComplaintEventType;
import io.crmpulse.streams.PipelineDriver;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alert endpoints over the real topology: rules added through the API, the open alerts, and their delivery as
 * server-sent events to an HTTP client reading the stream. SH and BJ each have twenty customers; complaints resolved
 * on a day set each office's satisfaction of the day.
 */
class AlertsHttpTest {

    private static final String ADMIN = "admin-key-for-every-office";
    private static final String SH_VIEWER = "viewer-key-of-shanghai-only";
    private static final String BJ_VIEWER = "viewer-key-of-beijing-only";
    private static final String RULE = """
            {"id": "low-satisfaction", "metric": "complaint_satisfaction_rate", "group": "office", "window": "rolling:1d",
             "comparator": "<", "threshold": 0.8, "clear": 0.9, "min_denominator": 5, "severity": "critical"}""";

    private PipelineDriver pipeline;
    private ApiServer api;
    private final ObjectMapper json = new ObjectMapper();
    private int complaints;

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver();
        for (int c = 0; c < 20; c++) {
            pipeline.order("sh" + c, "2024-02-01T09:00:00Z", "SH").order("bj" + c, "2024-02-01T09:00:00Z", "BJ");
        }
        api = new ApiServer(pipeline, List.of(ApiKey.fromPlain(ADMIN, ApiKey.Role.ADMIN, Set.of()),
                ApiKey.fromPlain(SH_VIEWER, ApiKey.Role.VIEWER, Set.of("SH")), ApiKey.fromPlain(BJ_VIEWER, ApiKey.Role.VIEWER, Set.of("BJ"))));
    }

    @AfterEach
    void stop() {
        api.close();
        pipeline.close();
    }

    @Test
    void shouldKeepRulesAndListTheOpenAlertsOfTheOfficesAKeyCovers() throws Exception {
        assertThat(api.post("/api/v1/alerts/rules", ADMIN, RULE).statusCode()).isEqualTo(201);
        assertThat(api.post("/api/v1/alerts/rules", ADMIN, RULE).statusCode()).isEqualTo(409);
        assertThat(api.post("/api/v1/alerts/rules", SH_VIEWER, RULE).statusCode()).isEqualTo(403);
        HttpResponse<String> bad = api.post("/api/v1/alerts/rules", ADMIN, RULE.replace("rolling:1d", "fortnight").replace("low-", "other-"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("window 'fortnight' must be rolling:Nd");
        assertThat(get("/api/v1/alerts/rules", ADMIN).at("/data/0/threshold").decimalValue()).isEqualByComparingTo("0.8");

        day("2024-03-02", "sh", 10, 6);
        day("2024-03-02", "bj", 10, 10);

        JsonNode open = get("/api/v1/alerts", ADMIN).get("data");
        assertThat(open).hasSize(1);
        assertThat(open.at("/0/group").asText()).isEqualTo("office:SH");
        assertThat(open.at("/0/state").asText()).isEqualTo("RAISED");
        assertThat(open.at("/0/severity").asText()).isEqualTo("critical");
        assertThat(open.at("/0/value").asDouble()).isEqualTo(0.6);
        assertThat(get("/api/v1/alerts", SH_VIEWER).get("data")).hasSize(1);
        assertThat(get("/api/v1/alerts", BJ_VIEWER).get("data")).isEmpty();
        assertThat(api.send("GET", "/api/v1/alerts?state=closed", ADMIN, null).statusCode()).isEqualTo(400);
        // The series deploy/prometheus/alert-rules.yml alerts on, without a key.
        HttpResponse<String> metrics = api.send("GET", "/metrics", null, null);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(metrics.body()).contains("pulse_alert_open{group=\"office:SH\",rule=\"low-satisfaction\",severity=\"critical\"} 1")
                .contains("pulse_alert_value{group=\"office:SH\",metric=\"complaint_satisfaction_rate\",rule=\"low-satisfaction\",window=\"rolling:1d\"} 0.6")
                .contains("jvm_memory_used_bytes");
        assertThat(api.send("DELETE", "/api/v1/alerts/rules/low-satisfaction", ADMIN, null).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/alerts/rules", ADMIN).get("data")).isEmpty();
    }

    @Test
    void shouldDeliverRaisedAndResolvedAlertsAsServerSentEvents() throws Exception {
        assertThat(api.post("/api/v1/alerts/rules", ADMIN, RULE).statusCode()).isEqualTo(201);
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/alerts/stream")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + SH_VIEWER).header("Accept", "text/event-stream").build();
        // The answer's head may only come with the first event: read it asynchronously while the alerts happen.
        CompletableFuture<HttpResponse<InputStream>> answer = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<List<String>> received = answer.thenApplyAsync(stream -> events(stream.body(), 3));

        day("2024-03-02", "bj", 10, 2);   // BJ's alert: not for a key of SH
        day("2024-03-02", "sh", 10, 6);   // raised
        day("2024-03-03", "sh", 10, 10);  // resolved

        List<String> events = received.get(30, TimeUnit.SECONDS);
        assertThat(events.get(0)).contains("event:connected");
        events = events.subList(1, 3);
        assertThat(events.get(0)).contains("event:RAISED").contains("\"group\":\"office:SH\"").contains("\"value\":0.6");
        assertThat(events.get(1)).contains("event:RESOLVED").contains("\"group\":\"office:SH\"");
        HttpResponse<InputStream> stream = answer.get();
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        stream.body().close();
    }

    /** The first {@code count} events of a server-sent event stream, each as its lines joined. */
    private static List<String> events(InputStream body, int count) {
        List<String> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            StringBuilder event = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    if (!event.isEmpty()) {
                        events.add(event.toString());
                        event.setLength(0);
                    }
                    if (events.size() == count) {
                        break;
                    }
                } else {
                    event.append(line.replace(": ", ":")).append('\n');
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return events;
    }

    /** Complaints of {@code prefix}'s customers opened and resolved on {@code day}, {@code satisfied} of them satisfied; then evaluated. */
    private void day(String day, String prefix, int answered, int satisfied) {
        for (int i = 0; i < answered; i++) {
            String id = "k" + complaints++;
            pipeline.complaint(prefix + i, id, ComplaintEventType.OPENED, day + "T09:00:00Z", null)
                    .complaint(prefix + i, id, ComplaintEventType.RESOLVED, day + "T10:00:00Z", i < satisfied);
        }
        pipeline.sendDeltas().sendDeltas();
    }

    private JsonNode get(String path, String key) throws Exception {
        HttpResponse<String> response = api.send("GET", path, key, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
