package io.crmpulse.schemas;

import org.apache.avro.specific.SpecificRecord;

/**
 * A topic of the pipeline: its name, the Avro type of its values (keys are strings) and whether it is
 * a table (compacted: only the latest value per key matters) or a log of events.
 */
public record TopicSpec<V extends SpecificRecord>(String name, Class<V> valueType, boolean compacted, String doc) {
}
