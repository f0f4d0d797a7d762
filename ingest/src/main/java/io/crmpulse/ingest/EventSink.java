package io.crmpulse.ingest;

import io.crmpulse.records.DeadLetter;
import io.crmpulse.schemas.TopicSpec;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;

/** Where ingest publishes: events to their stream's topic, rejects to the dead-letter topic. */
public interface EventSink extends AutoCloseable {

    /** Completes when the broker has acknowledged the event, exceptionally when it cannot be delivered. */
    CompletableFuture<Void> publish(TopicSpec<?> topic, String key, SpecificRecord event, long timestamp);

    /** Completes when the broker has acknowledged the dead letter. */
    CompletableFuture<Void> deadLetter(DeadLetter letter);

    /**
     * Returns once every record handed over so far is acknowledged by the broker.
     *
     * @throws PublishException if any of them could not be delivered
     */
    void flush();

    @Override
    void close();

    /** Records could not be delivered; the message says how many and why. */
    final class PublishException extends RuntimeException {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
