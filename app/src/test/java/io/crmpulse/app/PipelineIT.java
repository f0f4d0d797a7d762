package io.crmpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.records.DeadLetter;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;
import io.crmpulse.ingest.IngestCommand;

/**
 * End to end on a real in-process Kafka broker with six partitions: {@code pulse ingest} code paths
 * publish a small CSV (two bad rows), the streams compute the lifecycle, and the HTTP API serves exact
 * figures. Customers land on different partitions, so churns on partitions whose own events stopped
 * are recognised only through the broadcast stream time.
 *
 * <p>Hand-computed (churn after 90 days): c2 (SH, Jan 20) churns Apr 20; c3 (BJ, Feb 1) churns May 2;
 * c1 (SH, Jan 5 and Mar 1) is active until May 30; c4 (BJ) is new on May 15, which is stream time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

    private static final String KEY = TestRuntimes.KEY;

    private Path dataDir;
    private PulseRuntime runtime;
    private URI api;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() throws IOException {
        dataDir = Files.createTempDirectory("pulse-it-");
        runtime = TestRuntimes.start(dataDir, null, "pulse-it");
        api = TestRuntimes.api(runtime);
    }

    @AfterAll
    void stop() throws IOException {
        if (runtime != null) {
            runtime.close();
        }
        TestRuntimes.delete(dataDir);
    }

    @Test
    @Order(1)
    void shouldIngestTheFileAndReportTheBadRows() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = ingest(out, err);

        assertThat(out.toString().strip()).isEqualTo("read 7, published 5, rejected 2, duplicates 0");
        assertThat(exit).isEqualTo(1);
        assertThat(deadLetters()).extracting(DeadLetter::getReason).containsExactlyInAnyOrder("NEGATIVE_AMOUNT", "MALFORMED");
    }

    @Test
    @Order(2)
    void shouldServeExactMonthlyFiguresForTheCompanyAndEachOffice() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode all = get("/api/v1/metrics/customers?group=all&period=month");
            assertThat(all.get("as_of").asText()).isEqualTo("2023-05-15T00:00:00Z");
            assertThat(rows(all)).containsExactly(
                    "all 2023-01 S=0 N=2 R=0 C=0 E=2", "all 2023-02 S=2 N=1 R=0 C=0 E=3", "all 2023-03 S=3 N=0 R=0 C=0 E=3",
                    "all 2023-04 S=3 N=0 R=0 C=1 E=2", "all 2023-05 S=2 N=1 R=0 C=1 E=2");
            assertThat(rows(get("/api/v1/metrics/customers?group=office&period=month&from=2023-04"))).containsExactly(
                    "office:BJ 2023-04 S=1 N=0 R=0 C=0 E=1", "office:BJ 2023-05 S=1 N=1 R=0 C=1 E=1",
                    "office:SH 2023-04 S=2 N=0 R=0 C=1 E=1", "office:SH 2023-05 S=1 N=0 R=0 C=0 E=1");
        });
        JsonNode sh = get("/api/v1/metrics/customers?group=office:SH&period=month&from=2023-04&to=2023-04");
        assertThat(sh.get("data").get(0).get("churn_rate").asDouble()).isEqualTo(0.5);
        assertThat(sh.get("open_periods")).isEmpty();
    }

    @Test
    @Order(3)
    void shouldChangeNoFigureWhenTheSameFileIsIngestedAgain() throws Exception {
        JsonNode before = get("/api/v1/metrics/customers?group=office&period=day");

        assertThat(ingest(new StringWriter(), new StringWriter())).isEqualTo(1);

        // Stream time cannot move (same events); wait until the re-sent events are through, then compare.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(consumedAll()).isTrue());
        assertThat(get("/api/v1/metrics/customers?group=office&period=day")).isEqualTo(before);
    }

    @Test
    @Order(4)
    void shouldBeHealthyAndRefuseRequestsWithoutKey() throws Exception {
        assertThat(TestRuntimes.get(api, "/health", null).statusCode()).isEqualTo(200);
        assertThat(TestRuntimes.get(api, "/api/v1/metrics/customers", null).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void shouldKeepEventsWhoseTimestampsLieYearsBack() throws Exception {
        // Records carry their event time: with Kafka's default time retention, history would be deleted on arrival.
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrap()))) {
            Map<String, String> retention = new java.util.TreeMap<>();
            Map<String, String> timestamps = new java.util.TreeMap<>();
            admin.describeConfigs(Topics.all().stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList())
                    .all().get().forEach((topic, config) -> {
                        retention.put(topic.name(), config.get(TopicConfig.RETENTION_MS_CONFIG).value());
                        timestamps.put(topic.name(), config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value());
                    });
            for (String kept : List.of(Topics.ORDER_EVENTS.name(), Topics.CUSTOMER_EVENTS.name(), Topics.DEAD_LETTERS.name())) {
                assertThat(retention.get(kept)).as(kept).isEqualTo("-1");
            }
            assertThat(timestamps.get(Topics.CLOCK.name())).isEqualTo("LogAppendTime");
            assertThat(timestamps.get(Topics.SEGMENT_CHANGES.name())).isEqualTo("LogAppendTime");
        }
    }

    @Test
    @Order(5)
    void shouldFitPublishAndApplyTheChurnRiskModelThroughTheBroker() throws Exception {
        HttpResponse<String> fit = TestRuntimes.send(api, "POST", "/api/v1/models/churn-risk/fit?as_of=2023-05-15", KEY);
        assertThat(fit.statusCode()).as(fit.body()).isEqualTo(200);
        assertThat(json.readTree(fit.body()).get("customers").asLong()).isEqualTo(4);

        // The model travels through pulse.models.churn-risk into every instance's global table.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode c1 = get("/api/v1/customers/c1").get("data");
            assertThat(c1.get("model").asText()).isEqualTo("bg-nbd");
            assertThat(c1.get("p_alive").asDouble()).isBetween(0.0, 1.0);
            assertThat(c1.get("frequency").asInt()).isEqualTo(1);
            assertThat(c1.get("office").asText()).isEqualTo("SH");
        });
        // An office's at-risk list reads the office's members from its index: c2 (SH) and c3 (BJ) have churned.
        assertThat(get("/api/v1/customers/at-risk?group=office:SH").get("data")).extracting(r -> r.get("customer_id").asText()).containsExactly("c1");
        assertThat(get("/api/v1/customers/at-risk?group=office:BJ").get("data")).extracting(r -> r.get("customer_id").asText()).containsExactly("c4");
    }

    @Test
    @Order(6)
    void shouldListTheDeadLettersAndReplayEachOnce() throws Exception {
        StringWriter listed = new StringWriter();
        assertThat(new CommandLine(new IngestCommand()).setOut(new PrintWriter(listed)).setErr(new PrintWriter(new StringWriter()))
                .execute("dlq", "list", "--bootstrap", runtime.bootstrap(), "--source", "shop-orders")).isZero();
        // Two ingests of the same file (order 1 and 3): each rejection was recorded both times.
        assertThat(listed.toString().lines().toList()).hasSize(4)
                .allSatisfy(l -> assertThat(l).containsAnyOf("NEGATIVE_AMOUNT", "MALFORMED"));

        Path mapping = Path.of(getClass().getResource("/it/orders.yaml").toURI());
        StringWriter replayed = new StringWriter();
        int exit = new CommandLine(new IngestCommand()).setOut(new PrintWriter(replayed)).setErr(new PrintWriter(new StringWriter()))
                .execute("dlq", "replay", "--bootstrap", runtime.bootstrap(), "--mapping", mapping.toString());
        // The mapping cannot fix a negative amount or an unclosed quote: both go back to the dead letters.
        assertThat(exit).isEqualTo(1);
        assertThat(replayed.toString().strip()).isEqualTo("replayed 4, published 0, rejected again 4, duplicates 0");

        // The second replay sees only the four letters the first one put back, not the original four again.
        StringWriter again = new StringWriter();
        new CommandLine(new IngestCommand()).setOut(new PrintWriter(again)).setErr(new PrintWriter(new StringWriter()))
                .execute("dlq", "replay", "--bootstrap", runtime.bootstrap(), "--mapping", mapping.toString());
        assertThat(again.toString().strip()).isEqualTo("replayed 4, published 0, rejected again 4, duplicates 0");
    }

    @Test
    @Order(7)
    void shouldTakeAJsonBatchOverHttpAndDeadLetterItsBadRecords() throws Exception {
        String batch = """
                [{"order_id":"h1","customer":"c1","region_office":"SH","status":"new","created":"2023-05-10 08:00:00","total":"9.90"},
                 {"order_id":"h2","customer":"c2","region_office":"SH","status":"new","created":"2023-05-11 08:00:00","total":"-1"},
                 42]
                """;
        java.net.http.HttpRequest post = java.net.http.HttpRequest.newBuilder(api.resolve("/ingest/orders"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(batch)).build();

        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("accepted").asInt()).isEqualTo(1);
        assertThat(body.get("rejected").asInt()).isEqualTo(2);
        assertThat(body.get("errors")).extracting(e -> e.get("index").asInt() + " " + e.get("reason").asText())
                .containsExactly("1 NEGATIVE_AMOUNT", "2 MALFORMED");
        String requestId = body.get("request_id").asText();
        StringWriter listed = new StringWriter();
        new CommandLine(new IngestCommand()).setOut(new PrintWriter(listed)).setErr(new PrintWriter(new StringWriter()))
                .execute("dlq", "list", "--bootstrap", runtime.bootstrap(), "--source", "orders");
        assertThat(listed.toString()).contains("request " + requestId);

        java.net.http.HttpRequest unknown = java.net.http.HttpRequest.newBuilder(api.resolve("/ingest/nobody"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("[]")).build();
        assertThat(java.net.http.HttpClient.newHttpClient().send(unknown, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    /** docs/ADDING_A_SOURCE.md, step by step: its mapping is the shipped one, its commands print what it shows. */
    @Test
    @Order(8)
    void shouldRunTheAddingASourceTutorial() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String doc = java.nio.file.Files.readString(root.resolve("docs/ADDING_A_SOURCE.md"));
        List<String> blocks = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```(\\w*)\\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(doc);
        while (m.find()) {
            blocks.add(m.group(1) + "\n" + m.group(2));
        }
        String yaml = blocks.stream().filter(b -> b.startsWith("yaml\n")).findFirst().orElseThrow().substring("yaml\n".length());
        assertThat(yaml).isEqualTo(java.nio.file.Files.readString(root.resolve("examples/support-tickets.yaml")));

        String ingestLine = blocks.stream().filter(b -> b.startsWith("bash\n./pulse ingest --mapping")).findFirst().orElseThrow().strip();
        List<String> args = new ArrayList<>();
        for (String a : ingestLine.substring("bash\n./pulse ingest ".length()).split(" ")) {
            args.add(a.startsWith("examples/") ? root.resolve(a).toString() : a);
        }
        args.addAll(List.of("--bootstrap", runtime.bootstrap()));
        String shown = blocks.get(blocks.indexOf(blocks.stream().filter(b -> b.startsWith("bash\n./pulse ingest --mapping")).findFirst().orElseThrow()) + 1).strip();
        StringWriter printed = new StringWriter();
        int exit = new CommandLine(new IngestCommand()).setOut(new PrintWriter(printed)).setErr(new PrintWriter(new StringWriter()))
                .execute(args.toArray(String[]::new));
        assertThat(printed.toString().strip()).isEqualTo(shown).isEqualTo("read 7, published 5, rejected 2, duplicates 0");
        assertThat(exit).isEqualTo(1);

        StringWriter listed = new StringWriter();
        new CommandLine(new IngestCommand()).setOut(new PrintWriter(listed)).setErr(new PrintWriter(new StringWriter()))
                .execute("dlq", "list", "--source", "support-tickets", "--bootstrap", runtime.bootstrap());
        String example = blocks.stream().filter(b -> b.contains("\tsupport-tickets\tUNKNOWN_ENUM")).findFirst().orElseThrow();
        assertThat(listed.toString()).contains("support-tickets\tUNKNOWN_ENUM\t").contains("support-tickets.csv:8\t")
                .contains(example.substring(example.lastIndexOf('\t') + 1).strip())
                .contains("MISSING_REQUIRED");

        Path fixed = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("support-tickets", ".yaml"),
                java.nio.file.Files.readString(root.resolve("examples/support-tickets.yaml"))
                        .replace("重新打开: REOPENED }", "重新打开: REOPENED, 已关闭: RESOLVED }"));
        StringWriter replayed = new StringWriter();
        new CommandLine(new IngestCommand()).setOut(new PrintWriter(replayed)).setErr(new PrintWriter(new StringWriter()))
                .execute("dlq", "replay", "--mapping", fixed.toString(), "--bootstrap", runtime.bootstrap());
        assertThat(replayed.toString().strip()).isEqualTo("replayed 2, published 1, rejected again 1, duplicates 0");
    }

    private int ingest(StringWriter out, StringWriter err) throws URISyntaxException {
        Path mapping = Path.of(getClass().getResource("/it/orders.yaml").toURI());
        Path csv = Path.of(getClass().getResource("/it/orders.csv").toURI());
        return TestRuntimes.ingest(runtime.bootstrap(), mapping, csv, out);
    }

    /** True once the streams' consumer group has no lag on the order topic. */
    private boolean consumedAll() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", runtime.bootstrap());
        try (var admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            var committed = admin.listConsumerGroupOffsets("pulse-it").partitionsToOffsetAndMetadata().get();
            var ends = admin.listOffsets(committed.keySet().stream()
                    .filter(tp -> tp.topic().equals(Topics.ORDER_EVENTS.name()))
                    .collect(java.util.stream.Collectors.toMap(tp -> tp, tp -> org.apache.kafka.clients.admin.OffsetSpec.latest())))
                    .all().get();
            // Under exactly-once each committed transaction leaves a marker: the end offset is one past the last record.
            return ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()).offset() >= e.getValue().offset() - 1);
        }
    }

    private List<DeadLetter> deadLetters() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrap());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-dead-letters");
        var serde = SerdeFactory.named(null, Map.of()).valueSerde(DeadLetter.class);
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(p, new StringDeserializer(), serde.deserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(r.value()));
                return letters.size() >= 2;
            });
        }
        return letters;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = TestRuntimes.get(api, path, KEY);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static List<String> rows(JsonNode body) {
        List<String> rows = new ArrayList<>();
        body.get("data").forEach(r -> rows.add(r.get("group").asText() + " " + r.get("period").asText()
                + " S=" + r.get("customers_at_start").asLong() + " N=" + r.get("new").asLong() + " R=" + r.get("reactivated").asLong()
                + " C=" + r.get("churned").asLong() + " E=" + r.get("customers_at_end").asLong()));
        return rows;
    }
}
