package io.crmpulse.app;

import io.crmpulse.api.ApiKey;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.ingest.Pseudonyms;
import io.crmpulse.records.AlertRule;
import io.crmpulse.streams.alerts.AlertRules;
import io.crmpulse.streams.alerts.AlertSettings;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import io.crmpulse.streams.scorecard.ScorecardRules;
import io.crmpulse.streams.scorecard.ScorecardSettings;
import io.crmpulse.streams.risk.RiskSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options {@code demo} and {@code serve} share; {@link #config} turns them into the typed {@link PulseConfig}. */
final class RuntimeOptions {

    @Option(names = "--port", defaultValue = "${env:PULSE_PORT:-8080}", description = "HTTP port of the API (default: $PULSE_PORT or 8080).")
    int port;

    @Option(names = "--internal-port", defaultValue = "${env:PULSE_INTERNAL_PORT:-8081}",
            description = "Port of the internal listener other instances forward requests to, bound to --advertised-host "
                    + "(default: $PULSE_INTERNAL_PORT or 8081).")
    int internalPort;

    @Option(names = "--instance-secret-file", paramLabel = "FILE",
            description = "File holding the secret instances show each other on the internal listener; every instance needs the same "
                    + "(or $PULSE_INSTANCE_SECRET; default: a random one, which serves a single instance only).")
    Path instanceSecretFile;

    @Option(names = "--hash-key-file", paramLabel = "FILE",
            description = "Key of the hash of personal columns for POST /ingest/SOURCE, as for ingest (default $PULSE_HASH_KEY).")
    Path hashKeyFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keeps broker data and streams state between runs (default: a temporary folder removed on exit).")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "${env:PULSE_PARTITIONS:-6}", description = "Partitions of each pipeline topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads of this instance (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--advertised-host", defaultValue = "${env:PULSE_ADVERTISED_HOST:-127.0.0.1}",
            description = "Host other instances reach this instance's API at (default ${DEFAULT-VALUE}).")
    String advertisedHost;

    @Option(names = "--application-id", defaultValue = "crm-pulse", description = "Kafka Streams application id (default ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--at-risk-after", defaultValue = "P60D", description = "lifecycle.at-risk-after (ISO-8601 duration, default ${DEFAULT-VALUE}).")
    Duration atRiskAfter;

    @Option(names = "--churn-after", defaultValue = "P90D", description = "lifecycle.churn-after (default ${DEFAULT-VALUE}).")
    Duration churnAfter;

    @Option(names = "--activity-types", split = ",", defaultValue = "PLACED,PAID",
            description = "lifecycle.activity-types: order events that are activity (default ${DEFAULT-VALUE}).")
    Set<OrderEventType> activityTypes;

    @Option(names = "--revenue-types", split = ",", defaultValue = "PAID",
            description = "revenue.event-types: order events whose amount is paid revenue, the first per order (default ${DEFAULT-VALUE}).")
    Set<OrderEventType> revenueTypes;

    @Option(names = "--contact-gap", defaultValue = "P30D",
            description = "service.contact-gap: an AT_RISK customer without a contact this long is neglected (default ${DEFAULT-VALUE}).")
    Duration contactGap;

    @Option(names = "--monthly-record-target", defaultValue = "5",
            description = "service.monthly-record-target: customer records each staff member completes a month (default ${DEFAULT-VALUE}).")
    int monthlyRecordTarget;

    @Option(names = "--abc-shares", split = ",", defaultValue = "75,20", paramLabel = "A,B",
            description = "segments.abc.shares: percent of the paid amount the A and then the B customers make up; C the rest (default ${DEFAULT-VALUE}).")
    List<Integer> abcShares;

    @Option(names = "--abc-window-months", defaultValue = "12",
            description = "segments.abc.window: calendar months of paid amount and activity the ABC and RFM ranks use (default ${DEFAULT-VALUE}).")
    int abcWindowMonths;

    @Option(names = "--abc-within", defaultValue = "all", paramLabel = "all|office",
            description = "segments.abc.within: rank ABC in the whole company or within each office (default ${DEFAULT-VALUE}).")
    String abcWithin;

    @Option(names = "--segments-catch-up-interval", defaultValue = "PT30S",
            description = "segments.catch-up-interval: while stream time crosses days faster than this much wall-clock time (replaying "
                    + "history), skip the days in between and classify the latest; PT0S classifies every day (default ${DEFAULT-VALUE}).")
    Duration segmentsCatchUpInterval;

    @Option(names = "--send-interval",
            description = "How often each lifecycle task sends the counter deltas it has added up since the last send: longer adds up "
                    + "more events per send, and figures appear up to this much later (default ${DEFAULT-VALUE}).")
    Duration sendInterval = PulseConfig.DEFAULT_SEND_INTERVAL;

    @Option(names = "--rocksdb-memory", paramLabel = "MIB",
            description = "Memory all RocksDB stores of the instance share, in MiB: one block cache, half of it for memtables; 0 gives "
                    + "each store Kafka Streams' defaults, unbounded in total (default ${DEFAULT-VALUE}).")
    long rocksDbMemoryMib = PulseConfig.DEFAULT_ROCKSDB_MEMORY >> 20;

    @Option(names = "--segment-at-risk-after", paramLabel = "SEGMENT=DURATION",
            description = "lifecycle.segments.SEGMENT.at-risk-after: the at-risk window of one segment (repeatable).")
    Map<String, Duration> segmentAtRiskAfter = Map.of();

    @Option(names = "--segment-churn-after", paramLabel = "SEGMENT=DURATION",
            description = "lifecycle.segments.SEGMENT.churn-after: the churn window of one segment (repeatable).")
    Map<String, Duration> segmentChurnAfter = Map.of();

    @Option(names = "--max-lateness", paramLabel = "DURATION",
            description = "lifecycle.max-lateness: reject events further behind the latest event of their partition as LATE (default: accept any lateness).")
    Duration maxLateness;

    @Option(names = "--order-lifetime", paramLabel = "DURATION",
            description = "lifecycle.order-lifetime, with --max-lateness: how long after an order's first activity its events still belong to it;"
                    + " a later event of the same order id is a new order (default P365D).")
    Duration orderLifetime;

    @Option(names = "--resolve-sla", defaultValue = "PT4H",
            description = "complaints.resolve-sla: a complaint first resolved within this of its opening meets the SLA (default ${DEFAULT-VALUE}).")
    Duration resolveSla;

    @Option(names = "--zone", defaultValue = "UTC", description = "analytics.zone: where days and months are cut (default ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--risk-model", defaultValue = "bg-nbd", description = "risk.model: bg-nbd or mbg-nbd (default ${DEFAULT-VALUE}).")
    String riskModel;

    @Option(names = "--risk-horizon", defaultValue = "P91D", description = "risk.horizon of expected purchases and value (default ${DEFAULT-VALUE}, 13 weeks).")
    Duration riskHorizon;

    @Option(names = "--fit-every", defaultValue = "P1D", description = "risk.fit-every: refit the churn-risk model this often (default ${DEFAULT-VALUE}).")
    Duration fitEvery;

    @Option(names = "--mappings", paramLabel = "DIR", defaultValue = "mappings",
            description = "Where POST /ingest/SOURCE finds SOURCE.yaml (default ./${DEFAULT-VALUE}).")
    Path mappingsDir;

    @Option(names = "--scorecard-rules", paramLabel = "FILE",
            description = "scorecard.rules: YAML rules of the office scorecard (default: the sales department's scheme, docs/SCORECARD.md).")
    Path scorecardRules;

    @Option(names = "--scorecard-close-day", defaultValue = "5",
            description = "scorecard.close-day: a month's scorecard is FINAL from this day of the next month (default ${DEFAULT-VALUE}).")
    int scorecardCloseDay;

    @Option(names = "--scorecard-quiet-partition-after", defaultValue = "P7D", paramLabel = "DURATION",
            description = "scorecard.quiet-partition-after: a partition whose events lag stream time this long closes months on stream "
                    + "time less this (default ${DEFAULT-VALUE}).")
    Duration scorecardQuietPartitionAfter;

    @Option(names = "--alert-rules", paramLabel = "FILE",
            description = "Alert rules (YAML, docs/ALERTS.md) published at start; rules added through the API stay (default: none; the demo has its own).")
    Path alertRules;

    @Option(names = "--alert-interval", defaultValue = "PT1S", paramLabel = "DURATION",
            description = "How often each counter task evaluates the alert rules (default ${DEFAULT-VALUE}).")
    Duration alertInterval;

    @Option(names = "--alert-neglected-segments", split = ",", defaultValue = "A", paramLabel = "SEGMENT",
            description = "A customer of these segments that is AT_RISK with no contact for --contact-gap raises an alert to its account "
                    + "manager (default ${DEFAULT-VALUE}; 'none' for no such alerts).")
    List<String> alertNeglectedSegments;

    /** Rules to use when {@code --alert-rules} names none: a resource of the application (the demo's), or none. */
    String defaultAlertRules;

    @Option(names = "--serde-factory", defaultValue = "${env:PULSE_SERDE_FACTORY}", paramLabel = "CLASS",
            description = "SerdeFactory class (default: Avro single-object encoding).")
    String serdeFactory;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The lifecycle settings these options give; a usage error (exit 2) naming the key when they do not
     * fit together. The commands call it before anything else, so a bad option leaves nothing behind.
     */
    LifecycleSettings lifecycle() {
        Map<String, LifecycleSettings.Windows> segments = new TreeMap<>();
        java.util.Set<String> named = new java.util.TreeSet<>(segmentAtRiskAfter.keySet());
        named.addAll(segmentChurnAfter.keySet());
        for (String segment : named) {
            segments.put(segment, new LifecycleSettings.Windows(segmentAtRiskAfter.getOrDefault(segment, atRiskAfter),
                    segmentChurnAfter.getOrDefault(segment, churnAfter)));
        }
        try {
            return new LifecycleSettings(atRiskAfter, churnAfter, activityTypes, zone, maxLateness, orderLifetime, resolveSla, segments, revenueTypes,
                    new LifecycleSettings.Service(contactGap, monthlyRecordTarget), segmentation());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }

    private LifecycleSettings.Segmentation segmentation() {
        if (abcShares.size() != 2) {
            throw new IllegalArgumentException("--abc-shares takes two percentages, A and B (C is the rest), got " + abcShares);
        }
        if (!abcWithin.equals("all") && !abcWithin.equals("office")) {
            throw new IllegalArgumentException("--abc-within is all or office, got '" + abcWithin + "'");
        }
        return new LifecycleSettings.Segmentation(abcWindowMonths, abcShares.get(0), abcShares.get(1), abcWithin.equals("office"),
                segmentsCatchUpInterval);
    }

    /** The scorecard settings these options give; a usage error (exit 2) naming what is wrong in the rules file. */
    ScorecardSettings scorecard() {
        try {
            return new ScorecardSettings(scorecardCloseDay, scorecardQuietPartitionAfter,
                    scorecardRules == null ? ScorecardRules.defaults() : ScorecardRules.load(scorecardRules));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }

    /** The rules of {@code --alert-rules}, or of {@link #defaultAlertRules}; a usage error naming what is wrong in them. */
    List<AlertRule> alertRules() {
        try {
            if (alertRules != null) {
                return AlertRules.load(alertRules);
            }
            if (defaultAlertRules == null) {
                return List.of();
            }
            try (java.io.Reader reader = new java.io.InputStreamReader(RuntimeOptions.class.getResourceAsStream(defaultAlertRules),
                    java.nio.charset.StandardCharsets.UTF_8)) {
                return AlertRules.read(reader, defaultAlertRules);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    PulseConfig config(Path resolvedDataDir, String bootstrap, int kafkaPort, int controllerPort, short replication, List<ApiKey> keys) {
        LifecycleSettings lifecycle = lifecycle();
        ScorecardSettings scorecard = scorecard();
        List<AlertRule> rules = alertRules();
        AlertSettings alerts;
        try {
            alerts = new AlertSettings(alertInterval, alertNeglectedSegments.equals(List.of("none")) ? Set.of() : Set.copyOf(alertNeglectedSegments));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
        RiskSettings risk = new RiskSettings(RiskSettings.variantNamed(riskModel), riskHorizon, fitEvery);
        return new PulseConfig(resolvedDataDir, port, internalPort, bootstrap, kafkaPort, controllerPort, partitions, replication, threads,
                advertisedHost, applicationId, serdeFactory, Duration.ofSeconds(1), sendInterval(), alerts, rocksDbMemory(), lifecycle, scorecard, risk, mappingsDir, keys, rules,
                instanceSecret(),
                pseudonyms());
    }

    private long rocksDbMemory() {
        if (rocksDbMemoryMib < 0) {
            throw new ParameterException(command.commandLine(), "--rocksdb-memory must be 0 (Kafka Streams' defaults) or more MiB, got "
                    + rocksDbMemoryMib);
        }
        return rocksDbMemoryMib << 20;
    }

    private Duration sendInterval() {
        if (sendInterval.isNegative() || sendInterval.isZero()) {
            throw new ParameterException(command.commandLine(), "--send-interval must be positive, got " + sendInterval);
        }
        return sendInterval;
    }

    /** From --instance-secret-file, else $PULSE_INSTANCE_SECRET, else a random one; a usage error when too short. */
    private String instanceSecret() {
        String secret;
        String from;
        if (instanceSecretFile != null) {
            try {
                secret = java.nio.file.Files.readString(instanceSecretFile).strip();
            } catch (java.io.IOException e) {
                throw new ParameterException(command.commandLine(), "--instance-secret-file: cannot read " + instanceSecretFile + ": " + e.getMessage());
            }
            from = "--instance-secret-file " + instanceSecretFile;
        } else if (System.getenv("PULSE_INSTANCE_SECRET") != null) {
            secret = System.getenv("PULSE_INSTANCE_SECRET").strip();
            from = "$PULSE_INSTANCE_SECRET";
        } else {
            return ApiKey.generate();
        }
        String weakness = ApiKey.weakness(secret, "the instance secret");
        if (weakness != null) {
            throw new ParameterException(command.commandLine(), from + ": " + weakness);
        }
        return secret;
    }

    private Pseudonyms pseudonyms() {
        try {
            return Pseudonyms.configured(hashKeyFile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), "--hash-key-file (or $PULSE_HASH_KEY): " + e.getMessage());
        }
    }

    /** The problem with the HTTP ports, or null: each must be free, and they must differ. */
    String portProblem() {
        if (port == internalPort) {
            return "--port and --internal-port are both " + port + "; the internal listener needs a port of its own";
        }
        String problem = Ports.problem(port, "--port (or PULSE_PORT)");
        return problem != null ? problem : Ports.problem(internalPort, "--internal-port (or PULSE_INTERNAL_PORT)");
    }
}
