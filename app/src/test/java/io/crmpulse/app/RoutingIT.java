package io.crmpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.streams.StoreNames;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances of the application share the partitions of one broker. Each answers for every
 * group: those it owns from its own stores, the others by forwarding once to the owner; the list of
 * all offices and {@code as_of} fan out to both.
 *
 * <p>Twelve offices with two customers each, new on Jan 5 and Jan 10 2023 and churned on Apr 5 and
 * Apr 10; one more order on May 15 sets stream time. In April each office's staff member visits the first
 * customer twice and calls the second once: three contacts, two customers contacted. Until then nobody
 * contacted them, so at the end of March both were at risk and neglected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingIT {

    private static final List<String> OFFICES = IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("O%02d", i)).toList();
    /** Customers of O01 who order on May 15, the last day: their ids hash to all six partitions. */
    private static final List<String> LATE_CUSTOMERS = List.of("z", "z1", "z2", "z3", "z4", "z5", "z6", "z7", "z8", "z9");

    private Path firstDir;
    private Path secondDir;
    private Path csv;
    private Path contactsCsv;
    private PulseRuntime first;
    private PulseRuntime second;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() throws Exception {
        firstDir = Files.createTempDirectory("pulse-routing-1-");
        secondDir = Files.createTempDirectory("pulse-routing-2-");
        first = TestRuntimes.start(firstDir, null, "pulse-routing");
        second = TestRuntimes.start(secondDir, first.bootstrap(), "pulse-routing");
        await().atMost(Duration.ofSeconds(60)).until(() -> ownsTasks(first.streams()) && ownsTasks(second.streams()));

        StringBuilder rows = new StringBuilder("order_id,customer,customer_name,phone,region_office,status,created,total\n");
        for (String office : OFFICES) {
            rows.append(office).append("-a,").append(office).append("-a,,,").append(office).append(",new,2023-01-05 00:00:00,10\n");
            rows.append(office).append("-b,").append(office).append("-b,,,").append(office).append(",new,2023-01-10 00:00:00,10\n");
        }
        for (String late : LATE_CUSTOMERS) {
            rows.append(late).append(',').append(late).append(",,,O01,new,2023-05-15 00:00:00,10\n");
        }
        csv = Files.writeString(firstDir.resolve("orders.csv"), rows);
        StringBuilder contacts = new StringBuilder("contact_id,customer,office,staff,kind,at\n");
        for (String office : OFFICES) {
            contacts.append(office).append("-v1,").append(office).append("-a,").append(office).append(',').append(office)
                    .append("-s,visit,2023-04-03 10:00:00\n");
            contacts.append(office).append("-v2,").append(office).append("-a,").append(office).append(',').append(office)
                    .append("-s,revisit,2023-04-20 10:00:00\n");
            contacts.append(office).append("-c1,").append(office).append("-b,").append(office).append(',').append(office)
                    .append("-s,call,2023-04-04 10:00:00\n");
        }
        contactsCsv = Files.writeString(firstDir.resolve("contacts.csv"), contacts);
    }

    @AfterAll
    void stop() throws Exception {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        TestRuntimes.delete(firstDir);
        TestRuntimes.delete(secondDir);
    }

    @Test
    void shouldAnswerEveryGroupFromEitherInstance() throws Exception {
        Path mapping = Path.of(getClass().getResource("/it/orders.yaml").toURI());
        assertThat(TestRuntimes.ingest(first.bootstrap(), mapping, csv, new StringWriter())).isZero();
        Path contactMapping = Path.of(getClass().getResource("/it/contacts.yaml").toURI());
        assertThat(TestRuntimes.ingest(first.bootstrap(), contactMapping, contactsCsv, new StringWriter())).isZero();

        // Complete through the last order only once every counter task, on either instance, has every lifecycle task's watermark.
        TestRuntimes.awaitCountedThrough(first, "2023-05-15T00:00:00Z");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (PulseRuntime instance : List.of(first, second)) {
                JsonNode offices = get(TestRuntimes.api(instance), "/api/v1/metrics/customers?group=office&period=month&from=2023-04&to=2023-04");
                assertThat(offices.get("as_of").asText()).isEqualTo("2023-05-15T00:00:00Z");
                assertThat(offices.get("data")).hasSize(OFFICES.size());
                JsonNode contacts = get(TestRuntimes.api(instance), "/api/v1/metrics/contacts?group=office&period=month&from=2023-04&to=2023-04");
                assertThat(contacts.get("data")).extracting(r -> r.get("contacts").asLong() + "/" + r.get("customers_contacted").asLong())
                        .hasSize(OFFICES.size()).containsOnly("3/2");
                // At the end of March both customers of each office were at risk, and nobody had contacted them.
                JsonNode march = get(TestRuntimes.api(instance), "/api/v1/metrics/contacts?group=office&period=month&from=2023-03&to=2023-03");
                assertThat(march.get("data")).extracting(r -> r.get("customers_and_prospects").asLong() + "/" + r.get("at_risk_customers").asLong() + "/"
                        + r.get("neglected_at_risk_customers").asLong() + "/" + r.get("not_contacted").asLong())
                        .hasSize(OFFICES.size()).containsOnly("2/2/2/2");
            }
        });

        Set<Integer> owners = new HashSet<>();
        for (String office : OFFICES) {
            String path = "/api/v1/metrics/customers?group=office:" + office + "&period=month&from=2023-04&to=2023-04";
            JsonNode fromFirst = get(TestRuntimes.api(first), path);
            JsonNode fromSecond = get(TestRuntimes.api(second), path);
            assertThat(fromSecond).isEqualTo(fromFirst);
            String cohorts = "/api/v1/metrics/cohorts?group=office:" + office;
            JsonNode cohortsFromFirst = get(TestRuntimes.api(first), cohorts);
            assertThat(get(TestRuntimes.api(second), cohorts)).isEqualTo(cohortsFromFirst);
            assertThat(cohortsFromFirst.get("data").get(0).get("size").asLong()).as(office).isEqualTo(2);
            // The other per-group stores go the same way (repeat purchase rides in the rows above).
            for (String other : List.of("/api/v1/metrics/cohorts?measure=revenue&group=office:", "/api/v1/metrics/complaints?group=office:",
                    "/api/v1/metrics/contacts?period=month&group=office:")) {
                assertThat(get(TestRuntimes.api(second), other + office)).as(other + office).isEqualTo(get(TestRuntimes.api(first), other + office));
            }
            JsonNode april = fromFirst.get("data").get(0);
            assertThat(april.get("customers_at_start").asLong()).as(office).isEqualTo(2);
            assertThat(april.get("churned").asLong()).as(office).isEqualTo(2);
            assertThat(april.get("customers_at_end").asLong()).as(office).isEqualTo(0);
            owners.add(first.streams().queryMetadataForKey(StoreNames.DAILY_COUNTERS, "office:" + office,
                    Serdes.String().serializer()).activeHost().port());
        }
        // Both instances own some offices, so both directions of forwarding were used above, each to the other's internal
        // listener (the streams' application.server), which takes the instance secret and no user key.
        assertThat(owners).containsExactlyInAnyOrder(first.config().internalPort(), second.config().internalPort());

        // At-risk lists gather the partitions of both instances: by May 15 only the customers who ordered that day
        // (of O01, on every partition) are still customers.
        for (PulseRuntime instance : List.of(first, second)) {
            for (String group : List.of("all", "office:O01")) {
                assertThat(get(TestRuntimes.api(instance), "/api/v1/customers/at-risk?group=" + group + "&size=100").get("data"))
                        .as(group).extracting(r -> r.get("customer_id").asText()).containsExactlyInAnyOrderElementsOf(LATE_CUSTOMERS);
            }
            assertThat(get(TestRuntimes.api(instance), "/api/v1/customers/at-risk?group=office:O02").get("data")).isEmpty();
        }

        // Segments live in one task: the instance without it forwards. No customer paid, so all are C. (Values reach
        // that task from every lifecycle partition in any order; one that comes after the day's run waits for the next.)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode segments = get(TestRuntimes.api(first), "/api/v1/customers/segments");
            assertThat(get(TestRuntimes.api(second), "/api/v1/customers/segments")).isEqualTo(segments);
            assertThat(segments.get("customers").asLong()).isPositive();
            assertThat(segments.get("abc").get("C").asLong()).isEqualTo(segments.get("customers").asLong());
        });
    }

    private static boolean ownsTasks(KafkaStreams streams) {
        return streams.state() == KafkaStreams.State.RUNNING
                && streams.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
    }

    /**
     * The answer without {@code unprocessed_records}: each instance measures how far the pipeline is on its own
     * schedule, and what is compared here is what they answer, not when they looked.
     */
    private JsonNode get(URI api, String path) throws Exception {
        HttpResponse<String> response = TestRuntimes.get(api, path, TestRuntimes.KEY);
        assertThat(response.statusCode()).as(api + path + ": " + response.body()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        if (body instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.remove("unprocessed_records");
        }
        return body;
    }
}
