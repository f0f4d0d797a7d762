package io.crmpulse.ingest;

import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.mapping.MappingException;
import io.crmpulse.ingest.mapping.MappingLoader;
import io.crmpulse.schemas.TopicCreator;
import io.crmpulse.schemas.serde.SerdeFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pulse ingest}: reads files through a mapping and publishes their events (CONTRACT.md). Ends with
 * the summary line on standard output; exit 0 when every record was published (or a duplicate), 1 when
 * any was rejected, 2 on a usage or configuration error, 3 when Kafka did not acknowledge every record.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false, subcommands = DeadLetterCommand.class,
        description = "Read files, validate and map each record, publish valid events, send rejected ones to the dead-letter topic.")
public final class IngestCommand implements Callable<Integer> {

    public static final int EXIT_REJECTED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_NOT_DELIVERED = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = "--source", paramLabel = "NAME", description = "Source name in events and dead letters (default: the mapping's 'source').")
    private String source;

    @Option(names = "--mapping", paramLabel = "FILE", description = "The mapping file (YAML, format 1); required to ingest.")
    private Path mappingFile;

    @Option(names = "--format", paramLabel = "csv|jsonl", description = "Overrides the mapping's built-in 'format'.")
    private Mapping.Format format;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: $PULSE_BOOTSTRAP, else the running demo's broker, else 127.0.0.1:9092).")
    private String bootstrap;

    @Option(names = "--max-future", paramLabel = "DURATION", defaultValue = "P1D",
            description = "ingest.max-future: reject events further ahead of now than this (ISO-8601, default ${DEFAULT-VALUE}).")
    private Duration maxFuture;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of topics this run has to create (default ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--delivery-timeout", paramLabel = "DURATION", defaultValue = "PT2M",
            description = "How long Kafka may take to acknowledge a record, retries with backoff included, before the run stops "
                    + "and writes a checkpoint (default ${DEFAULT-VALUE}).")
    private Duration deliveryTimeout;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Where an interrupted run records what is done (default: .pulse-ingest-SOURCE.checkpoint here).")
    private Path checkpointFile;

    @Option(names = "--hash-key-file", paramLabel = "FILE",
            description = "The key personal columns are hashed with (event_id hashes of drop columns, match_key); default $" + Pseudonyms.KEY_ENV + ".")
    private Path hashKeyFile;

    @Option(names = "--resume", description = "Continue an interrupted run from its checkpoint, without publishing its records again.")
    private boolean resume;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files to read (.gz is read compressed).")
    private List<Path> paths;

    /** The configured hash key, checked against what the mapping needs; the exception says what is missing. */
    static Pseudonyms pseudonyms(Path hashKeyFile, Mapping mapping, String source) {
        Pseudonyms pseudonyms = Pseudonyms.configured(hashKeyFile);
        Pseudonyms.check(mapping, source, pseudonyms);
        return pseudonyms;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (mappingFile == null || paths == null || paths.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give --mapping FILE and at least one PATH (or a subcommand: dlq)");
        }
        Mapping mapping;
        try {
            mapping = MappingLoader.load(mappingFile);
        } catch (MappingException e) {
            err.println("error: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (format != null) {
            mapping = new Mapping(mapping.source(), mapping.stream(), format, null, mapping.csv(), mapping.columns(), mapping.eventId(),
                    mapping.eventType(), mapping.occurredAt(), mapping.fields(), mapping.drop(), mapping.matchKey());
        }
        String sourceName = source != null ? source : mapping.source();
        Pseudonyms pseudonyms;
        try {
            pseudonyms = pseudonyms(hashKeyFile, mapping, sourceName);
        } catch (IllegalArgumentException | MappingException e) {
            err.println("error: " + e.getMessage());
            return EXIT_USAGE;
        }
        for (Path p : paths) {
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                err.println("error: " + p + ": no such readable file");
                return EXIT_USAGE;
            }
        }
        Path checkpointPath = checkpointFile != null ? checkpointFile : Path.of(".pulse-ingest-" + sourceName + ".checkpoint");
        Checkpoint start = Checkpoint.start(sourceName, paths);
        if (resume) {
            if (!Files.exists(checkpointPath)) {
                err.println("error: --resume: no checkpoint at " + checkpointPath + " (a run that finished leaves none)");
                return EXIT_USAGE;
            }
            try {
                start = Checkpoint.load(checkpointPath);
            } catch (IllegalArgumentException e) {
                err.println("error: --resume: " + e.getMessage());
                return EXIT_USAGE;
            }
            String mismatch = start.mismatch(sourceName, paths);
            if (mismatch != null) {
                err.println("error: --resume: the checkpoint " + checkpointPath + " does not fit this run: " + mismatch);
                return EXIT_USAGE;
            }
        }
        String servers = RunningDemo.bootstrap(bootstrap);
        SerdeFactory serdes = SerdeFactory.named(System.getenv("PULSE_SERDE_FACTORY"), Map.of());
        try {
            TopicCreator.ensure(servers, partitions, (short) 1, deliveryTimeout);
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return EXIT_NOT_DELIVERED;
        }
        IngestSummary summary;
        try (KafkaEventSink sink = new KafkaEventSink(servers, serdes, deliveryTimeout, Map.of());
             ProgressDisplay progress = new ProgressDisplay(err)) {
            summary = new IngestRun(mapping, sourceName, sink, Clock.systemUTC(), maxFuture, pseudonyms, progress).run(paths, start);
        } catch (IngestRun.Interrupted e) {
            e.checkpoint().save(checkpointPath);
            long done = e.checkpoint().files().stream().mapToLong(Checkpoint.FileProgress::done).sum();
            err.println("error: " + e.getMessage());
            err.println("stopped: " + done + " records are delivered; the checkpoint is " + checkpointPath
                    + "; when Kafka is back, run the same command with --resume");
            return EXIT_NOT_DELIVERED;
        }
        try {
            Files.deleteIfExists(checkpointPath);
        } catch (java.io.IOException e) {
            err.println("warning: cannot remove the finished run's checkpoint " + checkpointPath + ": " + e.getMessage());
        }
        if (summary.resumedPast() > 0) {
            err.println("resumed: skipped " + summary.resumedPast() + " records the interrupted run had delivered");
        }
        if (!summary.unmappedColumns().isEmpty()) {
            err.println("ignored columns (neither mapped nor dropped): " + String.join(", ", summary.unmappedColumns()));
        }
        out.println(summary.line());
        out.flush();
        return summary.rejected() > 0 ? EXIT_REJECTED : 0;
    }
}
