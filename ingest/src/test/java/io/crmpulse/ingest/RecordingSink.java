package io.crmpulse.ingest;

import io.crmpulse.records.DeadLetter;
import io.crmpulse.schemas.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;

/** Keeps what a run hands over, in order, for tests of mapping and counting (the broker path has its own IT). */
final class RecordingSink implements EventSink {

    record Published(String topic, String key, SpecificRecord event, long timestamp) {
    }

    final List<Published> published = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();

    @Override
    public CompletableFuture<Void> publish(TopicSpec<?> topic, String key, SpecificRecord event, long timestamp) {
        published.add(new Published(topic.name(), key, event, timestamp));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> deadLetter(DeadLetter letter) {
        deadLetters.add(letter);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
