package io.crmpulse.app;

import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.ingest.EventSink;
import io.crmpulse.records.DeadLetter;
import io.crmpulse.schemas.TopicSpec;
import io.crmpulse.streams.PipelineDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;

/** Ingest's output piped straight into the topology on a test driver: the ingest path without a broker. */
final class DriverSink implements EventSink {

    private final PipelineDriver pipeline;
    final List<DeadLetter> deadLetters = new ArrayList<>();

    DriverSink(PipelineDriver pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public CompletableFuture<Void> publish(TopicSpec<?> topic, String key, SpecificRecord event, long timestamp) {
        if (event instanceof OrderEvent order) {
            pipeline.send(order);
        } else if (event instanceof CustomerEvent customer) {
            pipeline.send(customer);
        } else {
            throw new IllegalArgumentException("the lifecycle does not read " + topic.name());
        }
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
