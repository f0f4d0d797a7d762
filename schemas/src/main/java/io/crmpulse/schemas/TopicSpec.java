package io.crmpulse.schemas;

import org.apache.avro.specific.SpecificRecord;

/**
 * A topic of the pipeline: its name, the Avro type of its values (keys are strings) and how long Kafka keeps
 * what it holds.
 */
public record TopicSpec<V extends SpecificRecord>(String name, Class<V> valueType, Retention retention, String doc) {

    /**
     * Records carry their event time as timestamp, which for history lies years back: Kafka's default time
     * retention (7 days) would delete such records within minutes of their writing, before the streams read them.
     */
    public enum Retention {
        /** Accepted events and rejects: kept until an operator sets a limit (retention.ms -1), so nothing accepted is lost. */
        KEEP,
        /** A table: compacted, only the latest value per key matters. */
        COMPACT,
        /** Derived notices (clock ticks, segment changes): the default retention, counted from when Kafka appended them. */
        FROM_APPEND
    }
}
