package io.crmpulse.app;

import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.ingest.EventSink;
import io.crmpulse.records.DeadLetter;
import io.crmpulse.schemas.TopicSpec;
import io.crmpulse.streams.PipelineDriver;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Ingest's output piped straight into the topology on a test driver: the ingest path without a broker. */
final class DriverSink implements EventSink {

    private final PipelineDriver pipeline;
    final List<DeadLetter> deadLetters = new ArrayList<>();

    DriverSink(PipelineDriver pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void publish(TopicSpec<?> topic, String key, SpecificRecord event, long timestamp) {
        if (event instanceof OrderEvent order) {
            pipeline.send(order);
        } else if (event instanceof CustomerEvent customer) {
            pipeline.send(customer);
        } else {
            throw new IllegalArgumentException("the lifecycle does not read " + topic.name());
        }
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
