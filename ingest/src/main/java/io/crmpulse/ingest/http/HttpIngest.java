package io.crmpulse.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.ingest.EventSink;
import io.crmpulse.ingest.IngestRun;
import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.mapping.MappingException;
import io.crmpulse.ingest.mapping.MappingLoader;
import io.crmpulse.ingest.read.RecordReader;
import io.crmpulse.ingest.read.SourceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The HTTP adapter: a JSON array of records for a source, mapped with {@code MAPPINGS_DIR/SOURCE.yaml}
 * (read on every request, so a corrected mapping applies at once) and published through the shared
 * sink. Rejected records go to the dead-letter topic with the request id and their position.
 */
public final class HttpIngest {

    /** The request cannot be taken: {@code status} is the HTTP status to answer with. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path mappingsDir;
    private final EventSink sink;
    private final Duration maxFuture;
    private final Clock clock;

    public HttpIngest(Path mappingsDir, EventSink sink, Duration maxFuture, Clock clock) {
        this.mappingsDir = mappingsDir;
        this.sink = sink;
        this.maxFuture = maxFuture;
        this.clock = clock;
    }

    public record Answer(String requestId, IngestRun.BatchResult result) {
    }

    public Answer ingest(String source, String body) {
        if (!source.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new Refused(400, "source: '" + source + "' is not a source name (letters, digits, . _ -)");
        }
        Path file = mappingsDir.resolve(source + ".yaml");
        if (!Files.isReadable(file)) {
            throw new Refused(404, "no mapping for source " + source + ": put it in " + file);
        }
        Mapping mapping;
        try {
            mapping = MappingLoader.load(file);
        } catch (MappingException e) {
            throw new Refused(500, "the mapping of source " + source + " is invalid: " + e.getMessage());
        }
        List<SourceRecord> records = records(body);
        String requestId = UUID.randomUUID().toString();
        return new Answer(requestId, new IngestRun(mapping, source, sink, clock, maxFuture, p -> { }).runBatch(records, requestId));
    }

    private static List<SourceRecord> records(String body) {
        JsonNode array;
        try {
            array = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new Refused(400, "body: not valid JSON: " + e.getOriginalMessage());
        }
        if (array == null || !array.isArray()) {
            throw new Refused(400, "body: expected a JSON array of records");
        }
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode r = array.get(i);
            records.add(r.isObject()
                    ? new SourceRecord(null, i + 1, RecordReader.valuesOf(r), r.toString(), null, List.of())
                    : SourceRecord.malformed(null, i + 1, r.toString(), "MALFORMED", "expected a JSON object, got " + r.getNodeType(), List.of()));
        }
        return records;
    }
}
