package io.crmpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.streams.StoreNames;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The counter deltas a lifecycle task has added up but not yet sent are not lost when the instance stops and its
 * local state is gone: each record's deltas were committed to the changelog of {@code lifecycle-delta-log} with the
 * offsets of the events behind them, and the instance that takes over restores the entries, adds them up and sends them. The first instance here never
 * sends (an hour's send interval); the second starts on an empty data directory.
 */
class DeltaRestoreIT {

    private static final String MONTHS = "/api/v1/metrics/customers?group=all&period=month";

    private final ObjectMapper json = new ObjectMapper();
    private Path brokerDir;
    private Path firstDir;
    private Path secondDir;
    private PulseRuntime broker;
    private PulseRuntime instance;

    @AfterEach
    void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
        if (broker != null) {
            broker.close();
        }
        for (Path dir : new Path[] {brokerDir, firstDir, secondDir}) {
            TestRuntimes.delete(dir);
        }
    }

    private JsonNode months() throws Exception {
        HttpResponse<String> response = TestRuntimes.get(TestRuntimes.api(instance), MONTHS, TestRuntimes.KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void shouldCountTheDeltasNotYetSentAfterARestartWithoutLocalState() throws Exception {
        brokerDir = Files.createTempDirectory("pulse-restore-broker-");
        firstDir = Files.createTempDirectory("pulse-restore-1-");
        secondDir = Files.createTempDirectory("pulse-restore-2-");
        broker = TestRuntimes.start(brokerDir, null, "pulse-restore-broker");
        instance = TestRuntimes.start(firstDir, broker.bootstrap(), "pulse-restore", Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> instance.streams().state() == KafkaStreams.State.RUNNING);

        Path mapping = Path.of(getClass().getResource("/it/orders.yaml").toURI());
        Path orders = Path.of(getClass().getResource("/it/orders.csv").toURI());
        TestRuntimes.ingest(broker.bootstrap(), mapping, orders, new StringWriter());

        // Every event is applied (stream time reached the last order, nothing is left to process), and nothing was sent:
        // the counters are complete through no instant, and count no one.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode health = TestRuntimes.health(instance);
            assertThat(health.get("stream_time").asText()).isEqualTo("2023-05-15T00:00:00Z");
            assertThat(health.get("unprocessed_records").asLong()).isZero();
        });
        assertThat(TestRuntimes.health(instance).get("counted_through").isNull()).isTrue();
        assertThat(instance.streams().store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(StoreNames.DAILY_COUNTERS,
                org.apache.kafka.streams.state.QueryableStoreTypes.keyValueStore())).approximateNumEntries()).isZero();
        Thread.sleep(1_000); // more than the 100 ms commit interval: the sums are in the changelog
        instance.close();
        instance = TestRuntimes.start(secondDir, broker.bootstrap(), "pulse-restore");

        // The figures of the README example, as PipelineIT has them with nothing held back, once they are complete.
        await().atMost(Duration.ofSeconds(90)).until(() -> instance.streams().state() == KafkaStreams.State.RUNNING);
        TestRuntimes.awaitCountedThrough(instance, "2023-05-15T00:00:00Z");
        assertThat(TestRuntimes.rows(months())).containsExactly(
                "all 2023-01 S=0 N=2 R=0 C=0 E=2", "all 2023-02 S=2 N=1 R=0 C=0 E=3", "all 2023-03 S=3 N=0 R=0 C=0 E=3",
                "all 2023-04 S=3 N=0 R=0 C=1 E=2", "all 2023-05 S=2 N=1 R=0 C=1 E=2");
    }
}
