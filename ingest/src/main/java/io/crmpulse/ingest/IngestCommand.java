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
import java.util.function.Consumer;
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
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Read files, validate and map each record, publish valid events, send rejected ones to the dead-letter topic.")
public final class IngestCommand implements Callable<Integer> {

    public static final int EXIT_REJECTED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_NOT_DELIVERED = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = "--source", paramLabel = "NAME", description = "Source name in events and dead letters (default: the mapping's 'source').")
    private String source;

    @Option(names = "--mapping", required = true, paramLabel = "FILE", description = "The mapping file (YAML, format 1).")
    private Path mappingFile;

    @Option(names = "--format", paramLabel = "csv|jsonl", description = "Overrides the mapping's 'format'.")
    private Mapping.Format format;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: $PULSE_BOOTSTRAP, else the running demo's broker, else 127.0.0.1:9092).")
    private String bootstrap;

    @Option(names = "--max-future", paramLabel = "DURATION", defaultValue = "P1D",
            description = "ingest.max-future: reject events further ahead of now than this (ISO-8601, default ${DEFAULT-VALUE}).")
    private Duration maxFuture;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of topics this run has to create (default ${DEFAULT-VALUE}).")
    private int partitions;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files to read (.gz is read compressed).")
    private List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Mapping mapping;
        try {
            mapping = MappingLoader.load(mappingFile);
        } catch (MappingException e) {
            err.println("error: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (format != null) {
            mapping = new Mapping(mapping.source(), mapping.stream(), format, mapping.csv(), mapping.columns(), mapping.eventId(),
                    mapping.eventType(), mapping.occurredAt(), mapping.fields(), mapping.drop());
        }
        for (Path p : paths) {
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                err.println("error: " + p + ": no such readable file");
                return EXIT_USAGE;
            }
        }
        String servers = bootstrap != null ? bootstrap : RunningDemo.defaultBootstrap();
        String sourceName = source != null ? source : mapping.source();
        SerdeFactory serdes = SerdeFactory.named(System.getenv("PULSE_SERDE_FACTORY"), Map.of());
        try {
            TopicCreator.ensure(servers, partitions, (short) 1);
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return EXIT_NOT_DELIVERED;
        }
        IngestSummary summary;
        try (KafkaEventSink sink = new KafkaEventSink(servers, serdes, Map.of())) {
            summary = new IngestRun(mapping, sourceName, sink, Clock.systemUTC(), maxFuture, progress(err)).run(paths);
        } catch (EventSink.PublishException e) {
            err.println("error: " + e.getMessage());
            return EXIT_NOT_DELIVERED;
        }
        if (!summary.unmappedColumns().isEmpty()) {
            err.println("ignored columns (neither mapped nor dropped): " + String.join(", ", summary.unmappedColumns()));
        }
        out.println(summary.line());
        out.flush();
        return summary.rejected() > 0 ? EXIT_REJECTED : 0;
    }

    /** On a terminal one line rewritten in place; otherwise a plain line at most every five seconds. */
    private static Consumer<Long> progress(PrintWriter err) {
        boolean terminal = System.console() != null;
        long started = System.nanoTime();
        long[] lastPrinted = {started};
        return read -> {
            long now = System.nanoTime();
            if (terminal || now - lastPrinted[0] >= Duration.ofSeconds(5).toNanos()) {
                double seconds = Math.max(1e-3, (now - started) / 1e9);
                err.print(String.format(java.util.Locale.ROOT, "%sread %,d records (%,.0f/s)%s",
                        terminal ? "\r" : "", read, read / seconds, terminal ? "" : System.lineSeparator()));
                err.flush();
                lastPrinted[0] = now;
            }
        };
    }
}
