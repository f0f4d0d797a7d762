package io.crmpulse.app;

import io.crmpulse.api.ApiKey;
import io.crmpulse.ingest.Pseudonyms;
import io.crmpulse.records.AlertRule;
import io.crmpulse.streams.alerts.AlertSettings;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import io.crmpulse.streams.scorecard.ScorecardSettings;
import io.crmpulse.streams.risk.RiskSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of a running application, in one typed place; built by the commands from their options
 * and environment variables, and handed to each part.
 *
 * @param dataDir          Kafka logs (embedded) and streams state
 * @param httpPort         port of the HTTP API ({@code --port}, {@code PULSE_PORT})
 * @param internalPort     port of the internal listener other instances forward to, bound to {@code advertisedHost}
 * @param bootstrap        external cluster, or null for the embedded broker
 * @param kafkaPort        embedded broker's client port
 * @param controllerPort   embedded broker's controller port
 * @param partitions       partitions of the pipeline's topics ({@code pulse.partitions})
 * @param replication      replication of the streams' internal topics
 * @param advertisedHost   host other instances reach this one's API at
 * @param applicationId    Kafka Streams application id (state, consumer group, internal topic prefix)
 * @param serdeFactory     class of the {@code SerdeFactory}, null for Avro single-object encoding
 * @param clockInterval    how often each lifecycle task broadcasts its stream time
 * @param sendInterval     how often each lifecycle task sends the counter deltas it added up since the last send
 *                         ({@link #DEFAULT_SEND_INTERVAL}): longer adds up more events per send, and figures lag by up to it
 * @param alerts           how often the counter tasks evaluate the alert rules, whose neglect raises a customer alert
 * @param rocksDbMemory    bytes of the one block cache and write-buffer budget every RocksDB store of the instance shares
 *                         ({@link #DEFAULT_ROCKSDB_MEMORY}); 0 leaves each store Kafka Streams' defaults (unbounded in total)
 * @param scorecard        the office scorecard's rules and month close
 * @param risk             churn-risk model, horizon and refit interval
 * @param mappingsDir      where {@code POST /ingest/SOURCE} finds {@code SOURCE.yaml}
 * @param apiKeys          the API keys (hashed) with their roles and offices
 * @param alertRules       the alert rules of {@code --alert-rules}, published at start (rules added through the API stay)
 * @param instanceSecret   what instances show each other on the internal listener; the same on every instance
 * @param pseudonyms       the keyed hash of personal data for {@code POST /ingest/SOURCE}, null without a hash key
 */
public record PulseConfig(
        Path dataDir,
        int httpPort,
        int internalPort,
        String bootstrap,
        int kafkaPort,
        int controllerPort,
        int partitions,
        short replication,
        int streamThreads,
        String advertisedHost,
        String applicationId,
        String serdeFactory,
        Duration clockInterval,
        Duration sendInterval,
        AlertSettings alerts,
        long rocksDbMemory,
        LifecycleSettings lifecycle,
        ScorecardSettings scorecard,
        RiskSettings risk,
        Path mappingsDir,
        List<ApiKey> apiKeys,
        List<AlertRule> alertRules,
        String instanceSecret,
        Pseudonyms pseudonyms) {

    /** The default of {@code --send-interval}: adds up a replay's deltas over hundreds of events, and keeps figures within a second of their events. */
    public static final Duration DEFAULT_SEND_INTERVAL = Duration.ofMillis(250);

    /** The default of {@code --rocksdb-memory}: 512 MiB, half of it for memtables (see the README's sizing). */
    public static final long DEFAULT_ROCKSDB_MEMORY = 512L * 1024 * 1024;

    public boolean embedded() {
        return bootstrap == null;
    }
}
