package io.crmpulse.bench;

import io.crmpulse.streams.alerts.AlertSettings;
import io.crmpulse.streams.scorecard.ScorecardSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.api.ApiErrors;
import io.crmpulse.api.Progress;
import io.crmpulse.api.ApiKey;
import io.crmpulse.app.PulseConfig;
import io.crmpulse.app.PulseRuntime;
import io.crmpulse.events.Envelope;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.ingest.KafkaEventSink;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import io.crmpulse.streams.risk.RiskSettings;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole product at scale on this machine: one instance with the in-process broker, exactly-once streams
 * and the HTTP API, fed every order of N customers over 24 months in event-time order (under max-lateness,
 * so customer history is settled as it goes). Prints how long the pipeline took to publish everything and
 * until the counters had applied it, whether every customer was counted and nothing dead-lettered, the
 * state it keeps on disk, and what the API's reads cost then.
 *
 * <p>Customers: 12 offices with 5 staff each; the first order uniform over the 24 months, about 4.5 more
 * orders at exponential gaps of 60 days on average, cut at the end.
 */
final class EndToEndBench {

    private static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2025-01-01T00:00:00Z");
    private static final String KEY = "bench-admin-key";
    /** {@code --rocksdb-memory} of the instance under test, in MiB: {@code -Dbench.rocksdb-memory-mib=0} runs with Kafka Streams' defaults. */
    private static final long ROCKSDB_MEMORY = Long.getLong("bench.rocksdb-memory-mib", PulseConfig.DEFAULT_ROCKSDB_MEMORY >> 20) << 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private EndToEndBench() {
    }

    static void run(int customers, Map<String, Object> out) throws Exception {
        Path dir = Files.createTempDirectory("pulse-e2e-");
        try {
            long[] orders = orders(customers, new Random(11));
            out.put("e2e_customers", customers);
            out.put("e2e_orders", orders.length);
            // The runtime's defaults for a replay: segments classified at most every 30 s of wall-clock time.
            LifecycleSettings lifecycle = LifecycleSettings.defaults().withMaxLateness(Duration.ofDays(7))
                    .withRevenueTypes(EnumSet.of(OrderEventType.PLACED))
                    .withSegmentation(new LifecycleSettings.Segmentation(12, 75, 20, false, Duration.ofSeconds(30)));
            Path mappings = Files.createDirectories(dir.resolve("mappings"));
            PulseConfig config = new PulseConfig(dir.resolve("data"), freePort(), freePort(), null, freePort(), freePort(), 6, (short) 1, 2,
                    "127.0.0.1", "pulse-e2e", null, Duration.ofSeconds(1), PulseConfig.DEFAULT_SEND_INTERVAL, AlertSettings.DEFAULTS, ROCKSDB_MEMORY, lifecycle, ScorecardSettings.defaults(), RiskSettings.defaults(), mappings,
                    List.of(ApiKey.fromPlain(KEY, ApiKey.Role.ADMIN, Set.of())), List.of(), ApiKey.generate(), null);
            try (PulseRuntime runtime = PulseRuntime.start(config)) {
                long begin = System.nanoTime();
                produce(runtime.bootstrap(), orders);
                double produced = (System.nanoTime() - begin) / 1e9;
                Instant last = Instant.ofEpochSecond(orders[orders.length - 1] >>> 20);
                log("produced " + orders.length + " orders in " + produced + " s; waiting for the pipeline to publish up to " + last);
                for (int waited = 0; asOf(runtime).map(t -> t.isBefore(last)).orElse(true); waited++) {
                    Thread.sleep(1000);
                    if (waited % 15 == 0) {
                        log("as_of " + asOf(runtime).orElse(null));
                    }
                }
                double published = (System.nanoTime() - begin) / 1e9;
                out.put("e2e_produce_s", round(produced));
                out.put("e2e_published_s", round(published));
                out.put("e2e_orders_per_s", Math.round(orders.length / published));
                out.put("e2e_streams_state_mb", Math.round(size(config.dataDir().resolve("streams"), "") / 1e6));
                // The whole process (broker, streams with RocksDB off the heap, API): what the machine gives it.
                out.put("e2e_rss_mb", residentMegabytes());
                // Record data only: Kafka's index files are preallocated sparse files of 10 MB each.
                out.put("e2e_broker_log_mb", Math.round(size(config.dataDir(), ".log") / 1e6));
                URI api = URI.create("http://127.0.0.1:" + config.httpPort());
                // Stream time is how far the lifecycle has got; the counters apply its deltas after that. They are
                // complete through counted_through (the as_of of counter figures), so the figures are read once, when
                // that reaches the last order: read earlier, a client could see half-applied figures.
                long countedBy = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (progress(runtime).map(p -> p.countedThrough() == null || p.countedThrough().isBefore(last)).orElse(true)
                        && System.nanoTime() < countedBy) {
                    Thread.sleep(100);
                }
                out.put("e2e_counted_s", round((System.nanoTime() - begin) / 1e9));
                long news = newCustomers(api);
                out.put("e2e_dead_letters", deadLetters(runtime.bootstrap()));
                // What the replay wrote to the broker per order (the order itself included): every changelog,
                // repartition and output topic, records and transaction markers.
                SortedMap<String, Long> logs = BaselineBench.logRecords(runtime.bootstrap(),
                        topic -> !topic.startsWith(BaselineBench.LEAN_APPLICATION_ID));
                out.put("e2e_log_records_per_order", perOrder(logs.values().stream().mapToLong(Long::longValue).sum(), orders.length));
                Map<String, Double> byTopic = new LinkedHashMap<>();
                logs.forEach((topic, records) -> {
                    if (records > 0) {
                        byTopic.put(topic, perOrder(records, orders.length));
                    }
                });
                out.put("e2e_log_records_per_order_by_topic", byTopic);
                // Every customer ordered, so every customer must have become new exactly once: nothing was lost on the way.
                out.put("e2e_new_customers_counted", news);
                out.put("e2e_all_customers_counted", news == customers);
                if (news != customers) {
                    log("NOT EXACT: " + customers + " customers ordered, but " + news + " were counted as new");
                }
                // Two derivations of one number: customers not CHURNED now, from the contact counters (every customer
                // ordered, so none is a prospect) and from the lifecycle's flows (customers_at_end of the open month).
                JsonNode months = JSON.readTree(body(api, "/api/v1/metrics/customers?group=all&period=month")).get("data");
                long atEnd = months.get(months.size() - 1).get("customers_at_end").asLong();
                long notChurned = JSON.readTree(body(api, "/api/v1/metrics/contacts?group=all&period=month")).get("attention").get(0)
                        .get("customers_and_prospects").asLong();
                out.put("e2e_attention_customers_match_flows", atEnd == notChurned);
                if (atEnd != notChurned) {
                    log("NOT EXACT: " + atEnd + " customers at the end of the month, but " + notChurned + " customers in the contact counters");
                }
                Map<String, Object> reads = new LinkedHashMap<>();
                for (String path : List.of(
                        "/api/v1/metrics/customers?group=all&period=month",
                        "/api/v1/metrics/customers?group=office&period=month",
                        "/api/v1/metrics/customers?group=staff:O3-s2&period=rolling:30d",
                        "/api/v1/metrics/cohorts?group=all",
                        "/api/v1/metrics/cohorts?group=office:O5&measure=revenue",
                        "/api/v1/customers/" + customerId(customers / 2),
                        "/api/v1/customers/at-risk?group=office:O1",
                        "/api/v1/customers/at-risk?group=staff:O3-s2",
                        "/api/v1/metrics/contacts?group=office:O1&period=month",
                        "/api/v1/customers/segments")) {
                    reads.put(path, readMillis(api, path));
                }
                out.put("e2e_read_ms_median_of_5", reads);
                log("serving: one customer at 1,000 requests a second for 10 s");
                LiveBench.reads(api, KEY, i -> "/api/v1/customers/" + customerId((int) ((i * 7_919L) % customers)), 1000,
                        Duration.ofSeconds(10), "e2e_customer_read", out);
                log("visibility: 2,000 new orders a second for 20 s");
                LiveBench.visibility(runtime.bootstrap(), api, customers, last, 2000, Duration.ofSeconds(20), "e2e_visibility", out);

                // The yardsticks, on the same broker and topic while the instance idles: what Kafka itself costs.
                log("baselines: Kafka's consumer and a lean Kafka Streams application over the same order topic");
                double raw = BaselineBench.rawConsume(runtime.bootstrap(), orders.length);
                double lean = BaselineBench.leanStreams(runtime.bootstrap(), dir.resolve("lean"), orders.length, customers);
                double e2e = orders.length / published;
                out.put("raw_consume_orders_per_s", Math.round(raw));
                out.put("lean_streams_orders_per_s", Math.round(lean));
                // The same for the lean application: the order topic (which the visibility phase has added to) and its own.
                SortedMap<String, Long> leanLogs = BaselineBench.logRecords(runtime.bootstrap(), topic -> topic.equals(Topics.ORDER_EVENTS.name())
                        || topic.startsWith(BaselineBench.LEAN_APPLICATION_ID));
                long leanOrders = leanLogs.get(Topics.ORDER_EVENTS.name());
                out.put("lean_log_records_per_order", perOrder(leanLogs.values().stream().mapToLong(Long::longValue).sum(), leanOrders));
                out.put("e2e_to_lean_ratio", Math.round(e2e / lean * 1000) / 1000.0);
                out.put("lean_to_raw_ratio", Math.round(lean / raw * 1000) / 1000.0);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double perOrder(long records, long orders) {
        return Math.round(records * 100.0 / orders) / 100.0;
    }

    /** Every order as (epoch second << 20 | customer), sorted: event-time order. */
    private static long[] orders(int customers, Random random) {
        long span = END.getEpochSecond() - START.getEpochSecond();
        long[] orders = new long[customers * 8];
        int n = 0;
        for (int c = 0; c < customers; c++) {
            long t = START.getEpochSecond() + (long) (random.nextDouble() * span);
            int count = 1 + (int) (-Math.log(1 - random.nextDouble()) * 4.5);
            for (int k = 0; k < count && t < END.getEpochSecond(); k++) {
                if (n == orders.length) {
                    orders = Arrays.copyOf(orders, n * 2);
                }
                orders[n++] = (t << 20) | c;
                t += (long) (-Math.log(1 - random.nextDouble()) * 60 * 86_400);
            }
        }
        long[] sorted = Arrays.copyOf(orders, n);
        Arrays.sort(sorted);
        return sorted;
    }

    @SuppressWarnings("unchecked")
    private static void produce(String bootstrap, long[] orders) {
        SerdeFactory serdes = SerdeFactory.named(null, Map.of());
        Serializer<OrderEvent> values = (Serializer<OrderEvent>) serdes.valueSerde(OrderEvent.class).serializer();
        Random random = new Random(5);
        try (KafkaProducer<String, OrderEvent> producer = new KafkaProducer<>(KafkaEventSink.producerSettings(bootstrap, Duration.ofMinutes(2)),
                new StringSerializer(), values)) {
            for (int i = 0; i < orders.length; i++) {
                int c = (int) (orders[i] & ((1 << 20) - 1));
                Instant at = Instant.ofEpochSecond(orders[i] >>> 20);
                String office = "O" + c % 12;
                String customer = customerId(c);
                Envelope envelope = Envelope.newBuilder().setEventId("o" + i).setCustomerId(customer).setOccurredAt(at)
                        .setSource("bench").setOfficeId(office).setStaffId(office + "-s" + c % 5).build();
                OrderEvent event = new OrderEvent(envelope, OrderEventType.PLACED, "o" + i,
                        BigDecimal.valueOf(500 + random.nextInt(20_000), 2).setScale(4), "EUR", 1);
                producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), null, at.toEpochMilli(), customer, event));
            }
            producer.flush();
        }
    }

    /** New customers over all years, company-wide. */
    private static long newCustomers(URI api) throws IOException, InterruptedException {
        long news = 0;
        for (JsonNode year : JSON.readTree(body(api, "/api/v1/metrics/customers?group=all&period=year")).get("data")) {
            news += year.get("new").asLong();
        }
        return news;
    }

    /** Records in the dead-letter topic (committed ones: the streams write it in transactions). */
    private static long deadLetters(String bootstrap) {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTERS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long n = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                n += consumer.poll(Duration.ofSeconds(1)).count();
            }
            return n;
        }
    }

    /** How far the pipeline has got; empty while the stores cannot be queried (the streams start or rebalance). */
    private static java.util.Optional<Progress> progress(PulseRuntime runtime) {
        try {
            return java.util.Optional.of(runtime.progress());
        } catch (ApiErrors.Unavailable e) {
            return java.util.Optional.empty();
        }
    }

    /** The lifecycle's stream time (the as_of of customer answers); empty while it cannot be asked. */
    private static java.util.Optional<Instant> asOf(PulseRuntime runtime) {
        return progress(runtime).map(Progress::streamTime);
    }

    private static String customerId(int c) {
        return String.format("C%07d", c);
    }

    /** Median of five reads of {@code path}, in milliseconds, after one unmeasured read. */
    private static double readMillis(URI api, String path) throws IOException, InterruptedException {
        double[] ms = new double[5];
        for (int i = -1; i < ms.length; i++) {
            long start = System.nanoTime();
            body(api, path);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        log(path + ": " + ms[2] + " ms");
        return round(ms[2]);
    }

    private static String body(URI api, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path)).header("Authorization", "Bearer " + KEY).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** The process's resident memory (VmRSS of /proc/self/status), in MB; -1 where there is no /proc. */
    private static long residentMegabytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1);
    }

    /** Bytes of the files under {@code dir} whose names end with {@code suffix}. */
    private static long size(Path dir, String suffix) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void log(String message) {
        System.err.println("bench: " + message);
    }
}
