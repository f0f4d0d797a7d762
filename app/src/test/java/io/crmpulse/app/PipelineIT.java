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
        // Read once, no retry: once the counters are complete through the last order, the figures are final.
        TestRuntimes.awaitCountedThrough(runtime, "2023-05-15T00:00:00Z");
        JsonNode all = get("/api/v1/metrics/customers?group=all&period=month");
        assertThat(all.get("as_of").asText()).isEqualTo("2023-05-15T00:00:00Z");
        assertThat(TestRuntimes.rows(all)).containsExactly(
                "all 2023-01 S=0 N=2 R=0 C=0 E=2", "all 2023-02 S=2 N=1 R=0 C=0 E=3", "all 2023-03 S=3 N=0 R=0 C=0 E=3",
                "all 2023-04 S=3 N=0 R=0 C=1 E=2", "all 2023-05 S=2 N=1 R=0 C=1 E=2");
        assertThat(TestRuntimes.rows(get("/api/v1/metrics/customers?group=office&period=month&from=2023-04"))).containsExactly(
                "office:BJ 2023-04 S=1 N=0 R=0 C=0 E=1", "office:BJ 2023-05 S=1 N=1 R=0 C=1 E=1",
                "office:SH 2023-04 S=2 N=0 R=0 C=1 E=1", "office:SH 2023-05 S=1 N=0 R=0 C=0 E=1");
        JsonNode sh = get("/api/v1/metrics/customers?group=office:SH&period=month&from=2023-04&to=2023-04");
        assertThat(sh.get("data").get(0).get("churn_rate").asDouble()).isEqualTo(0.5);
        assertThat(sh.get("open_periods")).isEmpty();
    }

    @Test
    @Order(3)
    void shouldChangeNoFigureWhenTheSameFileIsIngestedAgain() throws Exception {
        JsonNode before = get("/api/v1/metrics/customers?group=office&period=day");

        assertThat(ingest(new StringWriter(), new StringWriter())).isEqualTo(1);

        // Stream time cannot move (same events); wait until the re-sent events are through, then compare the figures
        // (not unprocessed_records, which says how far the pipeline is, not what it counted).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(consumedAll()).isTrue());
        JsonNode after = get("/api/v1/metrics/customers?group=office&period=day");
        assertThat(after.get("as_of")).isEqualTo(before.get("as_of"));
        assertThat(after.get("data")).isEqualTo(before.get("data"));
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

    /**
     * Every route the server has, public and internal, as the router lists them, asked with a viewer key of SH for
     * BJ, for every office, for the company and for every other kind of group: no answer names BJ or its customers
     * (c3, c4), and the internal listener answers nothing to a user's key.
     */
    @Test
    @Order(9)
    void shouldShowAnOfficeScopedViewerNothingOutsideItsOfficesOnAnyRoute() throws Exception {
        List<io.micronaut.web.router.UriRouteInfo<?, ?>> routes = runtime.httpContext().getBean(io.micronaut.web.router.Router.class)
                .uriRoutes().toList();
        assertThat(routes).extracting(r -> r.getUriMatchTemplate().toString())
                .contains("/internal/v1/days", "/internal/v1/customers/{id}", "/api/v1/customers/{id}", "/ingest/{source}");
        long asOf = java.time.Instant.parse("2023-05-15T00:00:00Z").toEpochMilli();
        List<String> asked = new ArrayList<>();
        for (io.micronaut.web.router.UriRouteInfo<?, ?> route : routes) {
            String template = route.getUriMatchTemplate().expand(Map.of("id", "c3", "source", "orders", "office", "BJ"));
            String path = template.contains("{") ? template.substring(0, template.indexOf('{')) : template;
            for (String group : List.of("all", "office", "office:BJ", "staff", "segment", "region")) {
                String target = path + "?group=" + java.net.URLEncoder.encode(group, java.nio.charset.StandardCharsets.UTF_8)
                        + "&dimension=office&as_of=" + asOf + "&period=month";
                String method = route.getHttpMethodName();
                for (String accept : List.of("application/json", "text/csv")) {
                    HttpResponse<String> publicAnswer = TestRuntimes.send(api, method, target, TestRuntimes.SH_VIEWER, accept);
                    if (publicAnswer.statusCode() / 100 == 2) {
                        assertThat(publicAnswer.body()).as(method + " " + target + " " + accept).doesNotContain("BJ", "c3", "c4");
                    }
                    assertThat(publicAnswer.statusCode()).as(method + " " + target + ": " + publicAnswer.body()).isLessThan(500);
                }
                HttpResponse<String> internalAnswer = TestRuntimes.send(TestRuntimes.internal(runtime), method, target, TestRuntimes.SH_VIEWER);
                assertThat(internalAnswer.statusCode()).as("internal " + method + " " + target).isIn(401, 404);
                asked.add(method + " " + path);
            }
        }
        assertThat(asked).contains("GET /internal/v1/customers/c3", "GET /api/v1/customers/c3", "POST /ingest/orders");
    }

    @Test
    @Order(10)
    void shouldLetAnOfficeScopedAdminPublishEventsOfItsOfficesOnly() throws Exception {
        String mixed = """
                [{"order_id":"s1","customer":"c1","region_office":"SH","status":"new","created":"2023-05-12 08:00:00","total":"5"},
                 {"order_id":"s2","customer":"c9","region_office":"BJ","status":"new","created":"2023-05-12 08:00:00","total":"5"}]
                """;
        HttpResponse<String> refused = post("/ingest/orders", TestRuntimes.SH_ADMIN, mixed);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json.readTree(refused.body()).get("detail").asText()).contains("index 1").contains("nothing of this batch was published");
        HttpResponse<String> own = post("/ingest/orders", TestRuntimes.SH_ADMIN, mixed.substring(0, mixed.indexOf("},") + 1) + "]");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(202);
        assertThat(json.readTree(own.body()).get("accepted").asInt()).isEqualTo(1);
        assertThat(post("/ingest/orders", TestRuntimes.SH_VIEWER, "[]").statusCode()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(consumedAll()).isTrue());
        assertThat(TestRuntimes.get(api, "/api/v1/customers/c9", KEY).statusCode()).as("the refused batch's BJ customer").isEqualTo(404);
    }

    /**
     * The README's example file (it/orders.csv) and a customer export with names, phones and addresses have both been
     * ingested, rejects and replays included: not one topic (events, dead letters, repartition and changelog topics)
     * holds a name, a phone number or an address. The same person registered by two offices carries one match key.
     */
    @Test
    @Order(11)
    void shouldKeepNoNameOrPhoneInAnyTopic() throws Exception {
        Path keyFile = Files.writeString(dataDir.resolve("hash.key"), TestRuntimes.HASH_KEY);
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new IngestCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter())).execute(
                "--mapping", resource("/it/customers.yaml").toString(), "--bootstrap", runtime.bootstrap(),
                "--hash-key-file", keyFile.toString(), resource("/it/customers.csv").toString());
        assertThat(out.toString().strip()).isEqualTo("read 4, published 3, rejected 1, duplicates 0");
        assertThat(exit).isEqualTo(1);

        Map<String, String> matchKeys = new java.util.TreeMap<>();
        forEachRecord(List.of(Topics.CUSTOMER_EVENTS.name()), (topic, key, value) -> {
            var event = SerdeFactory.named(null, Map.of()).valueSerde(io.crmpulse.events.CustomerEvent.class).deserializer()
                    .deserialize(topic, value);
            matchKeys.put(event.getEnvelope().getCustomerId(), event.getEnvelope().getMatchKey());
        });
        assertThat(matchKeys.get("c1")).as("one person, registered by SH and BJ: " + matchKeys).isNotNull().isEqualTo(matchKeys.get("b1"));
        assertThat(matchKeys.get("b2")).isNotNull().isNotEqualTo(matchKeys.get("c1"));
        // ... and the figures join them, with no phone in sight.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode matches = get("/api/v1/customers/matches");
            assertThat(matches.get("people").asInt()).isEqualTo(1);
            assertThat(matches.get("data").get(0).get("match_key").asText()).isEqualTo(matchKeys.get("c1"));
            assertThat(matches.get("data").get(0).get("records")).extracting(r -> r.get("customer_id").asText() + "@" + r.get("office").asText())
                    .containsExactly("c1@SH", "b1@BJ");
        });
        assertThat(TestRuntimes.get(api, "/api/v1/customers/matches", TestRuntimes.SH_VIEWER).statusCode()).isEqualTo(403);

        List<String> personal = List.of("Wang Wei", "WANG Wei", "Li Na", "Zhang Min", "Liu Yang", "Chen Jie", "Zhao Lei", "Sun Li", "Guo Jing",
                "1380000000", "138-0000", "1390000000", "Huaihai", "Chang'an", "Wangfujing", "Xidan");
        List<String> topics;
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrap()))) {
            topics = admin.listTopics().names().get().stream().sorted().toList();
        }
        assertThat(topics).contains(Topics.DEAD_LETTERS.name(), "pulse-it-customer-state-changelog", "pulse-it-group-deltas-repartition");
        java.util.concurrent.atomic.AtomicLong records = new java.util.concurrent.atomic.AtomicLong();
        forEachRecord(topics, (topic, key, value) -> {
            records.incrementAndGet();
            String text = (key == null ? "" : new String(key, java.nio.charset.StandardCharsets.UTF_8)) + "\u0000"
                    + (value == null ? "" : new String(value, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(text).as(topic).doesNotContain(personal);
        });
        assertThat(records.get()).isGreaterThan(100);
    }

    private interface RecordCheck {
        void check(String topic, byte[] key, byte[] value) throws Exception;
    }

    /** Every record of {@code topics} from the beginning, committed or not. */
    private void forEachRecord(List<String> topics, RecordCheck check) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        var bytes = new org.apache.kafka.common.serialization.ByteArrayDeserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, bytes, bytes)) {
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new org.apache.kafka.common.TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    check.check(r.topic(), r.key(), r.value());
                }
            }
        }
    }

    private Path resource(String name) throws URISyntaxException {
        return Path.of(getClass().getResource(name).toURI());
    }

    private HttpResponse<String> post(String path, String key, String body) throws IOException, InterruptedException {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(api.resolve(path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
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
}
