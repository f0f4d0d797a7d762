package io.crmpulse.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.ingest.EventSink;
import io.crmpulse.ingest.IngestRun;
import io.crmpulse.ingest.Pseudonyms;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
    private final Pseudonyms pseudonyms;

    /** {@code pseudonyms}: the keyed hash of personal data, or null when no hash key is configured. */
    public HttpIngest(Path mappingsDir, EventSink sink, Duration maxFuture, Clock clock, Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
        this.mappingsDir = mappingsDir;
        this.sink = sink;
        this.maxFuture = maxFuture;
        this.clock = clock;
    }

    public record Answer(String requestId, IngestRun.BatchResult result) {
    }

    /**
     * Maps and publishes one batch. {@code offices} are the offices the caller may publish for, empty for all: a
     * batch with any record of another office, or of none, is refused whole (403) and nothing of it is published.
     */
    public Answer ingest(String source, String body, Set<String> offices) {
        if (!source.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new Refused(400, "source: '" + source + "' is not a source name (letters, digits, . _ -)");
        }
        Path file = mappingsDir.resolve(source + ".yaml");
        if (!Files.isReadable(file)) {
            throw new Refused(404, "no mapping for source " + source + ": put it in " + file);
        }
        IngestRun run;
        try {
            run = new IngestRun(MappingLoader.load(file), source, sink, clock, maxFuture, pseudonyms, p -> { });
        } catch (MappingException e) {
            // The server's configuration, not the caller's request, is at fault; the caller can only wait for a fix.
            throw new Refused(503, "source " + source + " cannot be taken now: " + e.getMessage());
        }
        List<SourceRecord> records = records(body);
        if (!offices.isEmpty()) {
            List<Integer> outside = run.outsideOffices(records, offices);
            if (!outside.isEmpty()) {
                throw new Refused(403, "this key publishes for offices " + new TreeSet<>(offices) + " only; records at index "
                        + outside.stream().limit(20).map(String::valueOf).collect(Collectors.joining(", "))
                        + (outside.size() > 20 ? " (and " + (outside.size() - 20) + " more)" : "")
                        + " name another office or none; nothing of this batch was published");
            }
        }
        String requestId = UUID.randomUUID().toString();
        return new Answer(requestId, run.runBatch(records, requestId));
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
