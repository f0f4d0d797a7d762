package io.crmpulse.ingest.read;

import java.util.List;
import java.util.Map;

/**
 * One record as read from a source, before mapping: its position, its values by column name, and the
 * raw text for the dead-letter topic. {@code problem} is set when the record could not be read whole
 * (malformed line or encoding); such a record is rejected with that reason. {@code columns} are the
 * column names of a delimited file (empty for JSON lines), kept with a dead letter for replay.
 */
public record SourceRecord(String file, long line, Map<String, String> values, String raw, Problem problem, List<String> columns) {

    public record Problem(String reason, String message) {
    }

    public static SourceRecord malformed(String file, long line, String raw, String reason, String message, List<String> columns) {
        return new SourceRecord(file, line, Map.of(), raw, new Problem(reason, message), columns);
    }
}
