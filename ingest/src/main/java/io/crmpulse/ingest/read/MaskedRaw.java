package io.crmpulse.ingest.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.ingest.mapping.Mapping;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * A rejected record's raw text as the dead-letter topic keeps it: with the personal columns a mapping drops masked,
 * in the form {@link RecordReader#asFile} reads again for a replay.
 */
public final class MaskedRaw {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MaskedRaw() {
    }

    /** What a masked cell of a dead letter's raw record holds instead of the value. */
    public static final String MASK = "[dropped]";

    /**
     * {@code record}'s raw text with the cells of the mapping's {@code drop} columns (personal data) replaced by
     * {@link #MASK}, in the form {@link RecordReader#asFile} reads again; null when the record could not be read into columns
     * (malformed, or a custom adapter's text), so that nothing in it can be told apart to mask.
     */
    public static String of(SourceRecord record, Mapping mapping) {
        if (mapping.drop().isEmpty()) {
            return record.raw();
        }
        if (record.problem() != null) {
            return null;
        }
        if (!record.columns().isEmpty()) {
            List<String> cells = new ArrayList<>();
            for (String column : record.columns()) {
                String v = record.values().get(column);
                cells.add(mapping.drop().contains(column) && v != null && !v.isEmpty() ? MASK : v == null ? "" : v);
            }
            Character delimiter = mapping.csv().delimiter();
            return delimiter == null ? String.join(" ", cells) : CSVFormat.RFC4180.builder().setDelimiter(delimiter).get().format(cells.toArray());
        }
        try {
            JsonNode node = JSON.readTree(record.raw());
            if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                mapping.drop().stream().filter(object::has).forEach(column -> object.put(column, MASK));
                return object.toString();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            // A custom adapter's own text: it cannot be masked.
        }
        return null;
    }

}
