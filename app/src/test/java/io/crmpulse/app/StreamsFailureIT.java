package io.crmpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmpulse.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the streams client fails for good, the process does not stay up and useless: it stops what it runs and ends
 * with exit code 70, so that a supervisor restarts it. The failure here is a record the streams cannot read, which
 * today stops the stream thread.
 */
class StreamsFailureIT {

    private Path dataDir;
    private PulseRuntime runtime;

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        TestRuntimes.delete(dataDir);
    }

    @Test
    void shouldStopAndEndWithExitCode70WhenTheStreamsReachError() throws Exception {
        dataDir = Files.createTempDirectory("pulse-failure-");
        runtime = TestRuntimes.start(dataDir, null, "pulse-failure");
        await().atMost(Duration.ofSeconds(60)).until(() -> runtime.streams().state() == KafkaStreams.State.RUNNING);
        CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(() -> RunUntilStopped.await(runtime, () -> { }, () -> { }));

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrap()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), "c1".getBytes(StandardCharsets.UTF_8),
                    "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }

        assertThat(exitCode.get(60, TimeUnit.SECONDS)).isEqualTo(RunUntilStopped.STREAMS_FAILED);
        assertThat(runtime.streamsFailure()).isCompletedWithValueMatching(reason -> reason.contains("ERROR"));
        assertThat(runtime.streams().state()).isIn(KafkaStreams.State.ERROR, KafkaStreams.State.NOT_RUNNING);
    }
}
