package io.crmpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmpulse.events.OrderEvent;
import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.mapping.MappingLoader;
import io.crmpulse.records.DeadLetter;
import io.crmpulse.schemas.TopicSpec;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost when the broker goes away: the run stops, its checkpoint says how many leading records
 * were delivered, and a resumed run delivers exactly the rest.
 */
class CheckpointResumeTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Mapping MAPPING = MappingLoader.parse("m.yaml", new StringReader("""
            version: 1
            source: shop
            stream: order
            event_id: { column: id }
            event_type: { value: PLACED }
            occurred_at: { column: at }
            fields:
              customer_id: { column: customer }
            """));

    @TempDir
    Path dir;

    /** Delivers the first {@code deliverable} records, then every send fails as if the broker were gone. */
    private static final class BrokerGoesAway implements EventSink {
        private final int deliverable;
        private int sent;
        private boolean failed;
        final List<SpecificRecord> delivered = new ArrayList<>();

        BrokerGoesAway(int deliverable) {
            this.deliverable = deliverable;
        }

        @Override
        public CompletableFuture<Void> publish(TopicSpec<?> topic, String key, SpecificRecord event, long timestamp) {
            if (sent++ < deliverable) {
                delivered.add(event);
                return CompletableFuture.completedFuture(null);
            }
            failed = true;
            return CompletableFuture.failedFuture(new IllegalStateException("broker unreachable"));
        }

        @Override
        public CompletableFuture<Void> deadLetter(DeadLetter letter) {
            return publish(null, null, letter, 0);
        }

        @Override
        public void flush() {
            if (failed) {
                throw new PublishException("records could not be delivered: broker unreachable", null);
            }
        }

        @Override
        public void close() {
        }
    }

    private Path file(int rows) throws IOException {
        StringBuilder csv = new StringBuilder("id,customer,at\n");
        for (int i = 0; i < rows; i++) {
            csv.append("e").append(i).append(",c").append(i % 7).append(",2024-05-01T10:00:00Z\n");
        }
        return Files.writeString(dir.resolve("orders.csv"), csv);
    }

    @Test
    void shouldStopWithACheckpointAndResumeWithoutLosingOrRepeatingARecord() throws IOException {
        Path file = file(100);
        BrokerGoesAway flaky = new BrokerGoesAway(37);

        IngestRun.Interrupted stopped = (IngestRun.Interrupted) org.assertj.core.api.Assertions.catchThrowable(() ->
                new IngestRun(MAPPING, "shop", flaky, NOW, Duration.ofDays(1), p -> { }).run(List.of(file)));

        assertThat(stopped).hasMessageContaining("broker unreachable");
        assertThat(stopped.checkpoint().done(0)).isEqualTo(37);
        Path saved = dir.resolve("run.checkpoint");
        stopped.checkpoint().save(saved);

        RecordingSink rest = new RecordingSink();
        Checkpoint checkpoint = Checkpoint.load(saved);
        assertThat(checkpoint.mismatch("shop", List.of(file))).isNull();
        IngestSummary resumed = new IngestRun(MAPPING, "shop", rest, NOW, Duration.ofDays(1), p -> { }).run(List.of(file), checkpoint);

        assertThat(resumed.resumedPast()).isEqualTo(37);
        assertThat(resumed.line()).isEqualTo("read 63, published 63, rejected 0, duplicates 0");
        Set<String> ids = new HashSet<>();
        flaky.delivered.forEach(e -> ids.add(((OrderEvent) e).getEnvelope().getEventId()));
        rest.published.forEach(p -> assertThat(ids.add(((OrderEvent) p.event()).getEnvelope().getEventId())).isTrue());
        assertThat(ids).hasSize(100);
    }

    @Test
    void shouldRefuseACheckpointOfAFileThatChanged() throws IOException {
        Path file = file(10);
        Checkpoint checkpoint = Checkpoint.start("shop", List.of(file)).withDone(0, 4);
        Files.writeString(file, "id,customer,at\ne0,c0,2024-05-01T10:00:00Z\n");

        assertThat(checkpoint.mismatch("shop", List.of(file))).contains("has changed since");
        assertThat(checkpoint.mismatch("other", List.of(file))).contains("written for source shop");
        Path damaged = Files.writeString(dir.resolve("bad.checkpoint"), "files=x\n");
        assertThatThrownBy(() -> Checkpoint.load(damaged)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damaged");
    }
}
