package io.crmpulse.ingest;

import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.mapping.MappingException;
import io.crmpulse.ingest.mapping.MappingLoader;
import io.crmpulse.records.DeadLetter;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pulse ingest dlq list|show|replay}: inspect rejected records and replay them once the mapping is fixed. */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "Inspect and replay the dead-letter topic.",
        subcommands = {DeadLetterCommand.ListLetters.class, DeadLetterCommand.Show.class, DeadLetterCommand.Replay.class})
public final class DeadLetterCommand {

    /** Options every dlq subcommand takes. */
    static final class Selection {
        @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (default as for ingest).")
        String bootstrap;

        @Option(names = "--source", paramLabel = "NAME", description = "Only dead letters of this source.")
        String source;

        @Option(names = "--reason", paramLabel = "CODE", description = "Only dead letters with this reason code.")
        String reason;

        boolean selects(DeadLetter d) {
            return (source == null || source.equals(d.getSource())) && (reason == null || reason.equals(d.getReason()));
        }

        String servers() {
            return RunningDemo.bootstrap(bootstrap);
        }
    }

    /** A dead letter with where it lies on the topic ({@code partition:offset}, the id {@code show} takes). */
    record Located(int partition, long offset, DeadLetter letter) {
        String id() {
            return partition + ":" + offset;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per dead letter: id, source, reason, file:line, message.")
    static final class ListLetters implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Selection selection;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Located> letters = readAll(selection.servers(), null);
            int shown = 0;
            for (Located l : letters) {
                if (selection.selects(l.letter())) {
                    DeadLetter d = l.letter();
                    String where = d.getFile() != null ? d.getFile() + ":" + d.getLine() : "request " + d.getRequestId();
                    out.printf("%s\t%s\t%s\t%s\t%s%n", l.id(), d.getSource(), d.getReason(), where, d.getMessage());
                    shown++;
                }
            }
            out.flush();
            spec.commandLine().getErr().printf("%d dead letter(s)%n", shown);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One dead letter in full, with its raw record.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Selection selection;
        @Parameters(paramLabel = "PARTITION:OFFSET", description = "The id that 'list' printed.")
        String id;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Located l : readAll(selection.servers(), null)) {
                if (l.id().equals(id)) {
                    out.println(l.letter().toString());
                    out.flush();
                    return 0;
                }
            }
            spec.commandLine().getErr().println("error: no dead letter " + id);
            return IngestCommand.EXIT_USAGE;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Map the selected dead letters again with a (corrected) mapping and publish what maps now; "
                    + "what still does not goes back to the dead-letter topic. Each dead letter is replayed once.")
    static final class Replay implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Selection selection;
        @Option(names = "--mapping", required = true, paramLabel = "FILE", description = "The corrected mapping.")
        Path mappingFile;
        @Option(names = "--max-future", defaultValue = "P1D", paramLabel = "DURATION", description = "As for ingest (default ${DEFAULT-VALUE}).")
        Duration maxFuture;
        @Option(names = "--hash-key-file", paramLabel = "FILE", description = "As for ingest (default $" + Pseudonyms.KEY_ENV + ").")
        Path hashKeyFile;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Mapping mapping;
            try {
                mapping = MappingLoader.load(mappingFile);
            } catch (MappingException e) {
                err.println("error: " + e.getMessage());
                return IngestCommand.EXIT_USAGE;
            }
            String source = selection.source != null ? selection.source : mapping.source();
            Pseudonyms pseudonyms;
            try {
                pseudonyms = IngestCommand.pseudonyms(hashKeyFile, mapping, source);
            } catch (IllegalArgumentException | MappingException e) {
                err.println("error: " + e.getMessage());
                return IngestCommand.EXIT_USAGE;
            }
            String group = "pulse-dlq-replay-" + source;
            List<Located> all = readAll(selection.servers(), group);
            List<DeadLetter> chosen = all.stream().map(Located::letter)
                    .filter(d -> d.getSource().equals(source) && (selection.reason == null || selection.reason.equals(d.getReason())))
                    .toList();
            IngestSummary summary;
            try (KafkaEventSink sink = new KafkaEventSink(selection.servers(), serdes(), Duration.ofMinutes(2), Map.of())) {
                summary = new IngestRun(mapping, source, sink, Clock.systemUTC(), maxFuture, pseudonyms, p -> { }).replay(chosen);
            } catch (EventSink.PublishException e) {
                err.println("error: " + e.getMessage() + "; nothing was marked as replayed, run the replay again");
                return IngestCommand.EXIT_NOT_DELIVERED;
            }
            commit(selection.servers(), group, all);
            PrintWriter out = spec.commandLine().getOut();
            out.println("replayed " + summary.read() + ", published " + summary.published() + ", rejected again " + summary.rejected()
                    + ", duplicates " + summary.duplicates());
            out.flush();
            return summary.rejected() > 0 ? IngestCommand.EXIT_REJECTED : 0;
        }
    }

    private static SerdeFactory serdes() {
        return SerdeFactory.named(System.getenv("PULSE_SERDE_FACTORY"), Map.of());
    }

    /**
     * Every dead letter up to the current end of the topic: from the beginning, or with {@code group}
     * from where that replay group stopped last time.
     */
    static List<Located> readAll(String bootstrap, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        List<Located> letters = new ArrayList<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                serdes().valueSerde(DeadLetter.class).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTERS.name(), Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = group == null ? Map.of() : consumer.committed(new java.util.HashSet<>(partitions));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata from = committed.get(tp);
                if (from != null) {
                    consumer.seek(tp, from.offset());
                } else {
                    consumer.seekToBeginning(List.of(tp));
                }
            }
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, DeadLetter> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        letters.add(new Located(r.partition(), r.offset(), r.value()));
                    }
                }
            }
        }
        return letters;
    }

    /** Marks everything read as replayed for this group: the next replay starts after it. */
    private static void commit(String bootstrap, String group, List<Located> read) {
        Map<TopicPartition, OffsetAndMetadata> next = new java.util.HashMap<>();
        for (Located l : read) {
            next.merge(new TopicPartition(Topics.DEAD_LETTERS.name(), l.partition()), new OffsetAndMetadata(l.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        if (next.isEmpty()) {
            return;
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                serdes().valueSerde(DeadLetter.class).deserializer())) {
            consumer.commitSync(next);
        }
    }
}
