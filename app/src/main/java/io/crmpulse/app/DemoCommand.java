package io.crmpulse.app;

import io.crmpulse.api.ApiKey;
import io.crmpulse.ingest.KafkaEventSink;
import io.crmpulse.ingest.RunningDemo;
import io.crmpulse.schemas.serde.SerdeFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pulse demo}: the embedded default. A real Kafka broker in this JVM, the streams, the API, and
 * (unless {@code --empty}) a seeded demo history: everything up to a month ago at once, then the last
 * month replayed over two minutes so the figures move while you watch.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run everything in one process on an embedded Kafka broker, with demo data flowing in.")
final class DemoCommand implements Callable<Integer> {

    static final long DEFAULT_SEED = 20240501;
    static final int DEFAULT_CUSTOMERS = 3000;
    /** The demo publishes its history up to this long before its start at once, then replays the rest over {@link #LIVE_REPLAY}. */
    static final Duration LIVE_WINDOW = Duration.ofDays(30);
    private static final Duration LIVE_REPLAY = Duration.ofMinutes(2);
    /** The demo's alert rules, tuned so that one is raised and resolved while the last 30 days replay. */
    static final String DEMO_ALERT_RULES = "/demo/alert-rules.yaml";

    @Spec
    private CommandSpec spec;

    @Mixin
    private RuntimeOptions options;

    @Option(names = "--empty", description = "Start without the demo data, for your own files.")
    private boolean empty;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Port of the embedded broker (default ${DEFAULT-VALUE}).")
    private int kafkaPort;

    @Option(names = "--controller-port", defaultValue = "9093", description = "Controller port of the embedded broker (default ${DEFAULT-VALUE}).")
    private int controllerPort;

    @Option(names = "--seed", defaultValue = "" + DEFAULT_SEED, description = "Seed of the demo data (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--customers", defaultValue = "" + DEFAULT_CUSTOMERS, description = "Customers in the demo data (default ${DEFAULT-VALUE}).")
    private int customers;

    private static String keyProblem(String key) {
        String weakness = ApiKey.weakness(key);
        return weakness == null ? null : "PULSE_DEMO_KEY: " + weakness;
    }

    @Override
    public Integer call() throws Exception {
        options.lifecycle();
        PrintWriter out = spec.commandLine().getOut();
        String key = System.getenv().getOrDefault("PULSE_DEMO_KEY", ApiKey.generate());
        for (String problem : new String[] {Ports.problem(kafkaPort, "--kafka-port"), Ports.problem(controllerPort, "--controller-port"),
                options.portProblem(), keyProblem(key)}) {
            if (problem != null) {
                spec.commandLine().getErr().println("error: " + problem);
                return 2;
            }
        }
        boolean temporary = options.dataDir == null;
        Path dataDir = temporary ? Files.createTempDirectory("crm-pulse-") : Files.createDirectories(options.dataDir);
        options.defaultAlertRules = DEMO_ALERT_RULES;
        PulseConfig config = options.config(dataDir, null, kafkaPort, controllerPort, (short) 1,
                List.of(ApiKey.fromPlain(key, ApiKey.Role.ADMIN, Set.of())));
        long started = System.nanoTime();
        PulseRuntime runtime = PulseRuntime.start(config);
        RunningDemo.announce(runtime.bootstrap());
        String api = "http://127.0.0.1:" + config.httpPort();
        out.printf("CRM Pulse demo is running (started in %.1f s)%n", (System.nanoTime() - started) / 1e9);
        out.printf("  Kafka broker (embedded, KRaft): %s%n", runtime.bootstrap());
        out.printf("  HTTP API:                       %s   (health: %s/health)%n", api, api);
        out.printf("  Demo API key (admin, all offices): %s%n", key);
        out.printf("  Data directory: %s%s%n", dataDir, temporary ? " (temporary; --data-dir DIR keeps it)" : "");
        out.printf("  Try: curl -H 'Authorization: Bearer %s' '%s/api/v1/metrics/customers?group=office&period=month'%n", key, api);
        out.printf("  Your own files: ./pulse ingest --mapping MAPPING.yaml FILE...   (Ctrl-C stops everything)%n");
        out.flush();

        AtomicBoolean stopping = new AtomicBoolean();
        Thread feeder = null;
        if (!empty) {
            feeder = new Thread(() -> feed(runtime, config, stopping, out), "pulse-demo-feeder");
            feeder.setDaemon(true);
            feeder.start();
        }
        Thread feederThread = feeder;
        return RunUntilStopped.await(runtime, () -> {
            stopping.set(true);
            if (feederThread != null) {
                feederThread.interrupt();
            }
            RunningDemo.withdraw();
        }, () -> {
            if (temporary) {
                deleteRecursively(dataDir);
            }
        });
    }

    private void feed(PulseRuntime runtime, PulseConfig config, AtomicBoolean stopping, PrintWriter out) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<DemoData.Event> events = new DemoData(seed, end, 24, customers).generate();
        Instant liveFrom = end.minus(LIVE_WINDOW);
        try (KafkaEventSink sink = new KafkaEventSink(runtime.bootstrap(), SerdeFactory.named(config.serdeFactory(), Map.of()),
                Duration.ofMinutes(2), Map.of())) {
            int i = 0;
            for (; i < events.size() && events.get(i).at().isBefore(liveFrom); i++) {
                publish(sink, events.get(i));
            }
            sink.flush();
            out.printf("demo: published %,d events of 24 months of history; replaying the last 30 days over %d minutes%n",
                    i, LIVE_REPLAY.toMinutes());
            out.flush();
            fitOnceCaughtUp(runtime, liveFrom, out);
            long replayStart = System.nanoTime();
            double speed = (double) LIVE_WINDOW.toMillis() / LIVE_REPLAY.toMillis();
            for (; i < events.size() && !stopping.get(); i++) {
                DemoData.Event e = events.get(i);
                long dueNanos = (long) (Duration.between(liveFrom, e.at()).toNanos() / speed);
                long wait = dueNanos - (System.nanoTime() - replayStart);
                if (wait > 0) {
                    sink.flush();
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                publish(sink, e);
            }
            sink.flush();
            if (!stopping.get()) {
                out.printf("demo: all %,d events published; stream time is %s%n", events.size(), end);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first churn-risk fit, once the streams have processed the history (later ones follow the schedule). */
    private static void fitOnceCaughtUp(PulseRuntime runtime, Instant historyEnd, PrintWriter out) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try {
                if (java.util.Optional.ofNullable(runtime.progress().streamTime()).filter(t -> !t.isBefore(historyEnd.minus(Duration.ofDays(1)))).isPresent()) {
                    runtime.fitChurnRisk();
                    out.printf("demo: fitted the churn-risk model; see /api/v1/models/churn-risk and /api/v1/customers/at-risk?group=office:SH%n");
                    out.flush();
                    return;
                }
            } catch (RuntimeException notQueryableYet) {
                // Stores still restoring or rebalancing: try again in a second.
            }
            Thread.sleep(1000);
        }
        out.printf("demo: the streams have not caught up with the history after 5 minutes; the scheduled fit will follow%n");
        out.flush();
    }

    private static void publish(KafkaEventSink sink, DemoData.Event e) {
        sink.publish(e.topic(), e.key(), e.value(), e.at().toEpochMilli());
    }

    private static void deleteRecursively(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
