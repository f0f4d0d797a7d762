package io.crmpulse.ingest;

import io.crmpulse.records.DeadLetter;
import io.crmpulse.schemas.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Keeps what a run hands over, in order, for tests of mapping and counting (the broker path has its own IT). */
final class RecordingSink implements EventSink {

    record Published(String topic, String key, SpecificRecord event, long timestamp) {
    }

    final List<Published> published = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();

    @Override
    public void publish(TopicSpec<?> topic, String key, SpecificRecord event, long timestamp) {
        published.add(new Published(topic.name(), key, event, timestamp));
    }

    @Override
    public void deadLetter(DeadLetter letter) {
        deadLetters.add(letter);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
