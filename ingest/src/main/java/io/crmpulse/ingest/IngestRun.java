package io.crmpulse.ingest;

import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.read.MaskedRaw;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One ingest run over files: read, map, publish; every record ends as published, rejected (to the
 * dead-letter topic with its reason) or a duplicate of an identical record earlier in the run, so
 * read = published + rejected + duplicates always holds. The run returns only after the broker has
 * acknowledged everything; when it cannot, the run stops and hands back a checkpoint to resume from.
 */
public final class IngestRun {

    private final Mapping mapping;
    private final String source;
    private final EventSink sink;
    private final RecordMapper mapper;
    private final Clock clock;
    private final TopicSpec<?> topic;
    private final Consumer<Progress> progress;

    /** Records read so far, and bytes taken from the files against their total size. */
    public record Progress(long records, long bytesRead, long bytesTotal) {
    }

    /** A run of a mapping that hashes no personal data ({@link Mapping#hashesPersonalData()}). */
    public IngestRun(Mapping mapping, String source, EventSink sink, Clock clock, Duration maxFuture, Consumer<Progress> progress) {
        this(mapping, source, sink, clock, maxFuture, null, progress);
    }

    /** {@code pseudonyms}: the keyed hash of personal data, or null when no hash key is configured. */
    public IngestRun(Mapping mapping, String source, EventSink sink, Clock clock, Duration maxFuture, Pseudonyms pseudonyms,
                     Consumer<Progress> progress) {
        this.mapping = mapping;
        this.source = source;
        this.sink = sink;
        this.clock = clock;
        this.progress = progress;
        this.mapper = new RecordMapper(mapping, source, clock, maxFuture, pseudonyms);
        this.topic = Topics.eventTopic(mapping.stream());
    }

    public IngestSummary run(List<Path> files) {
        return run(files, Checkpoint.start(source, files));
    }

    /**
     * Reads {@code files}, skipping the records {@code resumeFrom} says are done. Stops reading at the
     * first record the broker cannot take, and throws {@link Interrupted} with the checkpoint to resume
     * from once every record sent before has been acknowledged or has failed.
     */
    public IngestSummary run(List<Path> files, Checkpoint resumeFrom) {
        Counts counts = new Counts();
        long skipped = 0;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long bytesTotal = 0;
        for (Path p : files) {
            bytesTotal += p.toFile().length();
        }
        long bytesBefore = 0;
        List<AckedPrefix> donePerFile = new ArrayList<>();
        reading:
        for (int f = 0; f < files.size(); f++) {
            long alreadyDone = resumeFrom.done(f);
            AckedPrefix acked = new AckedPrefix(alreadyDone);
            donePerFile.add(acked);
            try (RecordReader reader = RecordReader.open(files.get(f), mapping)) {
                for (long index = 0; reader.hasNext(); index++) {
                    SourceRecord record = reader.next();
                    if (index < alreadyDone) {
                        skipped++;
                        continue;
                    }
                    if (failure.get() != null) {
                        break reading;
                    }
                    long number = index;
                    handle(record, counts, null).ack().whenComplete((ok, error) -> {
                        if (error == null) {
                            acked.ack(number);
                        } else {
                            failure.compareAndSet(null, error);
                        }
                    });
                    if (counts.read % 1_000 == 0) {
                        progress.accept(new Progress(counts.read, bytesBefore + reader.bytesRead(), bytesTotal));
                    }
                }
                bytesBefore += files.get(f).toFile().length();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + files.get(f) + ": " + e.getMessage(), e);
            }
        }
        try {
            sink.flush();
        } catch (EventSink.PublishException e) {
            Checkpoint checkpoint = resumeFrom;
            for (int f = 0; f < donePerFile.size(); f++) {
                checkpoint = checkpoint.withDone(f, donePerFile.get(f).prefix());
            }
            throw new Interrupted(e.getMessage(), checkpoint, e);
        }
        progress.accept(new Progress(counts.read, bytesTotal, bytesTotal));
        return counts.summary(skipped, unmapped(counts.columnsSeen));
    }

    /**
     * Maps dead letters again, with this run's (corrected) mapping: what maps now is published, what
     * still does not goes back to the dead-letter topic with its original file and line.
     */
    public IngestSummary replay(List<DeadLetter> letters) {
        Counts counts = new Counts();
        for (DeadLetter letter : letters) {
            String text = RecordReader.asFile(letter.getRaw(), letter.getColumns(), mapping);
            try (RecordReader reader = RecordReader.over(letter.getFile(), new java.io.StringReader(text), mapping)) {
                SourceRecord reread = reader.hasNext() ? reader.next()
                        : SourceRecord.malformed(letter.getFile(), 0, letter.getRaw(), Reason.MALFORMED.name(), "no record in the raw text", List.of());
                handle(new SourceRecord(letter.getFile(), letter.getLine() == null ? 0 : letter.getLine(), reread.values(),
                        letter.getRaw(), reread.problem(), letter.getColumns()), counts, letter.getRequestId());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        sink.flush();
        return counts.summary(0, Set.of());
    }

    /** What became of one record: its acknowledgement, and the reason when it was rejected. */
    private record Outcome(CompletableFuture<Void> ack, Reason rejectedFor, String message) {
    }

    /**
     * Publishes one record, dead-letters it, or counts it as a duplicate of an identical earlier one.
     * {@code requestId} names the HTTP request a record came in (null for files).
     */
    private Outcome handle(SourceRecord record, Counts counts, String requestId) {
        counts.read++;
        if (record.columns().isEmpty() || record.columns() != counts.lastColumns) {
            // Delimited files share one column list for all their records: collect its names once.
            counts.columnsSeen.addAll(record.values().keySet());
            counts.lastColumns = record.columns();
        }
        try {
            RecordMapper.Mapped m = mapper.map(record);
            long previous = counts.seen.remember(m.eventId(), record.raw().hashCode());
            if (previous != SeenEventIds.NEW) {
                if (previous != record.raw().hashCode()) {
                    throw new RecordMapper.Rejected(Reason.DUPLICATE_EVENT_ID,
                            "event_id " + m.eventId() + " was already used in this run by a different record");
                }
                counts.duplicates++;
                return new Outcome(CompletableFuture.completedFuture(null), null, null);
            }
            counts.published++;
            return new Outcome(sink.publish(topic, m.customerId(), m.event(), m.occurredAt().toEpochMilli()), null, null);
        } catch (RecordMapper.Rejected r) {
            counts.rejected++;
            return new Outcome(sink.deadLetter(deadLetter(record, r.reason(), r.getMessage(), requestId)), r.reason(), r.getMessage());
        }
    }

    /** A record of an HTTP batch that was not published, by its position in the batch. */
    public record BatchError(int index, String reason, String message) {
    }

    public record BatchResult(IngestSummary summary, List<BatchError> errors) {
    }

    /**
     * One HTTP batch: each element a record (top-level fields as columns), position {@code index + 1}
     * as its line. Returns once the broker has acknowledged every record.
     */
    public BatchResult runBatch(List<SourceRecord> records, String requestId) {
        Counts counts = new Counts();
        List<BatchError> errors = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Outcome outcome = handle(records.get(i), counts, requestId);
            if (outcome.rejectedFor() != null) {
                errors.add(new BatchError(i, outcome.rejectedFor().name(), outcome.message()));
            }
        }
        sink.flush();
        return new BatchResult(counts.summary(0, unmapped(counts.columnsSeen)), errors);
    }

    /**
     * The positions of the records that map to an event outside {@code offices} (or naming no office), for a caller
     * who may publish for those offices only; records that do not map are left to the run to reject.
     */
    public List<Integer> outsideOffices(List<SourceRecord> records, Set<String> offices) {
        List<Integer> outside = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            try {
                String office = mapper.map(records.get(i)).officeId();
                if (office == null || !offices.contains(office)) {
                    outside.add(i);
                }
            } catch (RecordMapper.Rejected notMapped) {
                // Rejected with its reason when the batch runs; a record that names no event names no office either.
            }
        }
        return outside;
    }

    private static final class Counts {
        long read;
        long published;
        long rejected;
        long duplicates;
        final SeenEventIds seen = new SeenEventIds();
        final Set<String> columnsSeen = new HashSet<>();
        List<String> lastColumns;

        IngestSummary summary(long resumedPast, Set<String> unmapped) {
            return new IngestSummary(read, published, rejected, duplicates, resumedPast, unmapped);
        }
    }

    /** The broker did not take every record; {@link #checkpoint()} says what is done. */
    public static final class Interrupted extends RuntimeException {
        private final transient Checkpoint checkpoint;

        Interrupted(String message, Checkpoint checkpoint, Throwable cause) {
            super(message, cause);
            this.checkpoint = checkpoint;
        }

        public Checkpoint checkpoint() {
            return checkpoint;
        }
    }

    /**
     * The dead letter of a rejected record. Its raw text keeps the mapping's {@code drop} columns masked, as the
     * dead-letter topic is kept and read by operators; a record whose columns cannot be told apart is kept without
     * its raw text, and the message says where to find it.
     */
    private DeadLetter deadLetter(SourceRecord record, Reason reason, String message, String requestId) {
        String raw = MaskedRaw.of(record, mapping);
        if (raw == null) {
            raw = "";
            message = message + " (raw record withheld: it could not be read into columns, so its personal columns "
                    + mapping.drop() + " could not be masked; see " + (record.file() != null ? record.file() + " line " + record.line()
                    : "the sender's record " + record.line()) + ")";
        }
        if (raw.length() > 64 * 1024) {
            raw = new String(raw.getBytes(StandardCharsets.UTF_8), 0, 64 * 1024, StandardCharsets.UTF_8) + "…";
        }
        return DeadLetter.newBuilder().setSource(source).setStream(mapping.stream()).setFile(record.file())
                .setLine(record.line()).setRequestId(requestId).setReason(reason.name()).setMessage(message)
                .setRaw(raw).setColumns(record.columns()).setRejectedAt(clock.instant()).build();
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
