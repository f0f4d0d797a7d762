package io.crmpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.events.Envelope;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.ingest.KafkaEventSink;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a user of the running product waits for, at a fixed rate (open loop: each request or event has its intended
 * time, and its latency counts from then, so a stall delays every one behind it rather than hiding them):
 * <ul>
 *   <li>one customer's answer, at a steady rate of requests;</li>
 *   <li>an event's visibility: from its publication until the API's {@code counted_through} (the {@code as_of} of
 *       counter figures, on /health) covers it, at a steady rate of new orders.</li>
 * </ul>
 */
final class LiveBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Connections of the steady reads: enough for 1,000 a second at up to 32 ms each without falling behind. */
    private static final int CLIENTS = 32;

    private LiveBench() {
    }

    /**
     * GET {@code path(i)} at {@code rate} a second for {@code length}, from {@link #CLIENTS} connections (a request
     * whose time has come waits for a free one, and that wait counts); prints the latency percentiles under {@code key}.
     */
    static void reads(URI api, String apiKey, IntFunction<String> path, int rate, Duration length, String key, Map<String, Object> out)
            throws Exception {
        Histogram latency = new Histogram(Duration.ofMinutes(1).toNanos(), 3);
        AtomicLong errors = new AtomicLong();
        int n = (int) (rate * length.toSeconds());
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime() + 10_000_000;
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    long intended = start + i * 1_000_000_000L / rate;
                    waitUntil(intended);
                    HttpRequest request = HttpRequest.newBuilder(api.resolve(path.apply(i))).header("Authorization", "Bearer " + apiKey).build();
                    try {
                        if (HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    synchronized (latency) {
                        latency.recordValue(Math.max(0, System.nanoTime() - intended));
                    }
                }
                return null;
            });
        }
        clients.shutdown();
        clients.awaitTermination(length.toSeconds() + 120, TimeUnit.SECONDS);
        out.put(key + "_rate_per_s", rate);
        putPercentiles(latency, key, out);
        out.put(key + "_errors", errors.get());
    }

    /**
     * Publishes new orders of existing customers at {@code rate} a second for {@code length}, their event times going
     * on from {@code after} at the pace of the wall clock, and polls /health; an order is visible once
     * {@code counted_through} reaches its event time. Prints the visibility percentiles under {@code key}.
     */
    @SuppressWarnings("unchecked")
    static void visibility(String bootstrap, URI api, int customers, Instant after, int rate, Duration length, String key,
                           Map<String, Object> out) throws Exception {
        int n = (int) (rate * length.toSeconds());
        long[] sentAt = new long[n];
        long[] eventTime = new long[n];
        List<long[]> polls = java.util.Collections.synchronizedList(new ArrayList<>());
        // A flag, not an interrupt: an interrupt that lands inside HttpClient.send is swallowed with its exception
        // below, and the poller would then poll forever.
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                countedThrough(api).ifPresent(t -> polls.add(new long[] {System.nanoTime(), t}));
                LockSupport.parkNanos(20_000_000);
            }
        }, "visibility-poller");
        poller.setDaemon(true);
        poller.start();
        SerdeFactory serdes = SerdeFactory.named(null, Map.of());
        Serializer<OrderEvent> values = (Serializer<OrderEvent>) serdes.valueSerde(OrderEvent.class).serializer();
        Random random = new Random(17);
        long start = System.nanoTime() + 10_000_000;
        long firstEvent = after.toEpochMilli() + 1000;
        try (KafkaProducer<String, OrderEvent> producer = new KafkaProducer<>(KafkaEventSink.producerSettings(bootstrap, Duration.ofMinutes(2)),
                new StringSerializer(), values)) {
            for (int i = 0; i < n; i++) {
                long intended = start + i * 1_000_000_000L / rate;
                waitUntil(intended);
                int c = random.nextInt(customers);
                String customer = String.format("C%07d", c);
                String office = "O" + c % 12;
                // Event time goes on with the wall clock (1 ms apart at most rates), so stream time moves as in live use.
                eventTime[i] = firstEvent + Math.max(i, (intended - start) / 1_000_000);
                Envelope envelope = Envelope.newBuilder().setEventId("v" + i).setCustomerId(customer)
                        .setOccurredAt(Instant.ofEpochMilli(eventTime[i])).setSource("bench-live").setOfficeId(office)
                        .setStaffId(office + "-s" + c % 5).build();
                OrderEvent event = new OrderEvent(envelope, OrderEventType.PLACED, "v" + i,
                        BigDecimal.valueOf(500 + random.nextInt(20_000), 2).setScale(4), "EUR", 1);
                producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), null, eventTime[i], customer, event));
                sentAt[i] = intended;
            }
            producer.flush();
        }
        long last = eventTime[n - 1];
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline && (polls.isEmpty() || polls.get(polls.size() - 1)[1] < last)) {
            Thread.sleep(20);
        }
        polling.set(false);
        poller.join();
        Histogram latency = new Histogram(Duration.ofMinutes(5).toNanos(), 3);
        long unseen = 0;
        List<long[]> seen = new ArrayList<>(polls);
        int p = 0;
        for (int i = 0; i < n; i++) {
            while (p < seen.size() && seen.get(p)[1] < eventTime[i]) {
                p++;
            }
            if (p == seen.size()) {
                unseen++;
            } else {
                latency.recordValue(Math.max(0, seen.get(p)[0] - sentAt[i]));
            }
        }
        out.put(key + "_rate_per_s", rate);
        putPercentiles(latency, key, out);
        out.put(key + "_not_visible_after_2_min", unseen);
    }

    private static java.util.Optional<Long> countedThrough(URI api) {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(api.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode through = JSON.readTree(health.body()).path("counted_through");
            return through.isTextual() ? java.util.Optional.of(Instant.parse(through.asText()).toEpochMilli()) : java.util.Optional.empty();
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    private static void putPercentiles(Histogram latency, String key, Map<String, Object> out) {
        out.put(key + "_p50_ms", millis(latency.getValueAtPercentile(50)));
        out.put(key + "_p99_ms", millis(latency.getValueAtPercentile(99)));
        out.put(key + "_p999_ms", millis(latency.getValueAtPercentile(99.9)));
        out.put(key + "_max_ms", millis(latency.getMaxValue()));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    private static void waitUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
