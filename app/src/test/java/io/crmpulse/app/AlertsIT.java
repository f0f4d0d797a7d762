package io.crmpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Alerts end to end on the in-process broker: a rule posted to the API reaches every instance through the compacted
 * rules topic, the counter tasks raise the alert, and the API's consumer of pulse.alerts passes it to an HTTP client
 * reading the server-sent event stream; a rule changed so that it no longer holds resolves it the same way.
 */
class AlertsIT {

    @Test
    void shouldStreamAnAlertRaisedAndResolvedByRulesPostedToTheApi() throws Exception {
        Path dataDir = Files.createTempDirectory("pulse-alerts-it");
        try (PulseRuntime runtime = TestRuntimes.start(dataDir, null, "pulse-alerts-it")) {
            URI api = TestRuntimes.api(runtime);
            TestRuntimes.ingest(runtime.bootstrap(), Path.of(getClass().getResource("/it/orders.yaml").toURI()),
                    Path.of(getClass().getResource("/it/orders.csv").toURI()), new StringWriter());
            // SH lost one of its two customers in April: its churn over the 60 days to 15 May is 1/2.
            TestRuntimes.awaitCountedThrough(runtime, "2023-05-15T00:00:00Z");
            HttpClient http = HttpClient.newHttpClient();
            LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
            HttpRequest stream = HttpRequest.newBuilder(api.resolve("/api/v1/alerts/stream"))
                    .header("Authorization", "Bearer " + TestRuntimes.SH_VIEWER).header("Accept", "text/event-stream").build();
            CompletableFuture<HttpResponse<InputStream>> answer = http.sendAsync(stream, HttpResponse.BodyHandlers.ofInputStream());
            answer.thenAcceptAsync(response -> read(response.body(), events));
            assertThat(events.poll(30, TimeUnit.SECONDS)).as("the stream's first event").contains("event:connected");

            assertThat(send(http, api, "POST", "/api/v1/alerts/rules", rule("0.4", "0.3")).statusCode()).isEqualTo(201);
            String raised = events.poll(30, TimeUnit.SECONDS);
            assertThat(raised).isNotNull().contains("event:RAISED").contains("\"group\":\"office:SH\"").contains("\"numerator\":1,\"denominator\":2");

            assertThat(send(http, api, "PUT", "/api/v1/alerts/rules/it-sh-churn", rule("0.9", "0.6")).statusCode()).isEqualTo(200);
            String resolved = events.poll(30, TimeUnit.SECONDS);
            assertThat(resolved).isNotNull().contains("event:RESOLVED").contains("\"group\":\"office:SH\"");
            assertThat(TestRuntimes.get(api, "/api/v1/alerts?state=resolved", TestRuntimes.KEY).body()).contains("it-sh-churn");
            answer.get().body().close();
        } finally {
            TestRuntimes.delete(dataDir);
        }
    }

    private static String rule(String threshold, String clear) {
        return "{\"id\": \"it-sh-churn\", \"metric\": \"churn_rate\", \"group\": \"office:SH\", \"window\": \"rolling:60d\", "
                + "\"comparator\": \">\", \"threshold\": " + threshold + ", \"clear\": " + clear + "}";
    }

    private static HttpResponse<String> send(HttpClient http, URI api, String method, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(api.resolve(path)).method(method, HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + TestRuntimes.KEY).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Each server-sent event of {@code body}, its lines joined, into {@code events}, until the stream ends. */
    private static void read(InputStream body, LinkedBlockingQueue<String> events) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            StringBuilder event = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() && !event.isEmpty()) {
                    events.add(event.toString());
                    event.setLength(0);
                } else {
                    event.append(line.replace(": ", ":")).append('\n');
                }
            }
        } catch (java.io.IOException e) {
            // The test closed the stream.
        }
    }
}
