package io.crmpulse.ingest;

import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.read.RecordReader;
import io.crmpulse.ingest.read.SourceRecord;
import io.crmpulse.records.DeadLetter;
import io.crmpulse.schemas.TopicSpec;
import io.crmpulse.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One ingest run over files: read, map, publish; every record ends as published, rejected (to the
 * dead-letter topic with its reason) or a duplicate of an identical record earlier in the run, so
 * read = published + rejected + duplicates always holds. The run returns only after the broker has
 * acknowledged everything.
 */
public final class IngestRun {

    private final Mapping mapping;
    private final String source;
    private final EventSink sink;
    private final RecordMapper mapper;
    private final Clock clock;
    private final TopicSpec<?> topic;
    private final Consumer<Long> progress;

    public IngestRun(Mapping mapping, String source, EventSink sink, Clock clock, Duration maxFuture, Consumer<Long> progress) {
        this.mapping = mapping;
        this.source = source;
        this.sink = sink;
        this.clock = clock;
        this.progress = progress;
        this.mapper = new RecordMapper(mapping, source, clock, maxFuture);
        this.topic = Topics.eventTopic(mapping.stream());
    }

    public IngestSummary run(List<Path> files) {
        long read = 0;
        long published = 0;
        long rejected = 0;
        long duplicates = 0;
        Map<String, Integer> seen = new HashMap<>();
        Set<String> columnsSeen = new HashSet<>();
        for (Path file : files) {
            try (RecordReader reader = RecordReader.open(file, mapping)) {
                while (reader.hasNext()) {
                    SourceRecord record = reader.next();
                    read++;
                    columnsSeen.addAll(record.values().keySet());
                    try {
                        RecordMapper.Mapped m = mapper.map(record);
                        Integer previous = seen.putIfAbsent(m.eventId(), record.raw().hashCode());
                        if (previous != null) {
                            if (previous != record.raw().hashCode()) {
                                throw new RecordMapper.Rejected(Reason.DUPLICATE_EVENT_ID,
                                        "event_id " + m.eventId() + " was already used in this run by a different record");
                            }
                            duplicates++;
                        } else {
                            sink.publish(topic, m.customerId(), m.event(), m.occurredAt().toEpochMilli());
                            published++;
                        }
                    } catch (RecordMapper.Rejected r) {
                        sink.deadLetter(deadLetter(record, r.reason(), r.getMessage()));
                        rejected++;
                    }
                    if (read % 10_000 == 0) {
                        progress.accept(read);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        sink.flush();
        progress.accept(read);
        return new IngestSummary(read, published, rejected, duplicates, unmapped(columnsSeen));
    }

    private DeadLetter deadLetter(SourceRecord record, Reason reason, String message) {
        String raw = record.raw();
        if (raw.length() > 64 * 1024) {
            raw = new String(raw.getBytes(StandardCharsets.UTF_8), 0, 64 * 1024, StandardCharsets.UTF_8) + "…";
        }
        return DeadLetter.newBuilder().setSource(source).setStream(mapping.stream()).setFile(record.file())
                .setLine(record.line()).setRequestId(null).setReason(reason.name()).setMessage(message)
                .setRaw(raw).setRejectedAt(clock.instant()).build();
    }

    /** Columns neither mapped nor dropped: ignored, and listed once in the summary. */
    private Set<String> unmapped(Set<String> columns) {
        Set<String> used = new HashSet<>(mapping.drop());
        mapping.fields().values().forEach(f -> used.add(f.column()));
        used.add(mapping.occurredAt().column());
        used.add(mapping.eventId().column());
        used.addAll(mapping.eventId().hash());
        used.add(mapping.eventType().column());
        Set<String> out = new TreeSet<>(columns);
        out.removeAll(used);
        return out;
    }
}
