package io.crmpulse.app;

import io.crmpulse.streams.alerts.AlertSettings;
import io.crmpulse.api.ApiListeners;
import io.crmpulse.api.ApiSettings;
import io.crmpulse.api.ChurnRiskFits;
import io.crmpulse.ingest.KafkaEventSink;
import io.crmpulse.ingest.http.HttpIngest;
import io.crmpulse.schemas.TopicCreator;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.PulseStreamsConfig;
import io.crmpulse.streams.PulseTopology;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application: broker (when embedded), topics, the streams, the HTTP API. Started in that
 * order and stopped in the reverse one: HTTP, streams (leaving the group, so a restart need not wait
 * for the session timeout), broker.
 */
public final class PulseRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PulseRuntime.class);

    private final PulseConfig config;
    private final EmbeddedKafka broker;
    private final String bootstrap;
    private final KafkaStreams streams;
    private final KafkaPublisher models;
    private final KafkaEventSink httpIngest;
    private final KafkaAlertFeed alerts;
    private final ApplicationContext http;
    private final ScheduledExecutorService fits;
    private final CompletableFuture<String> failure;

    private PulseRuntime(PulseConfig config, EmbeddedKafka broker, String bootstrap, KafkaStreams streams,
                         KafkaPublisher models, KafkaEventSink httpIngest, KafkaAlertFeed alerts, ApplicationContext http,
                         CompletableFuture<String> failure) {
        this.failure = failure;
        this.config = config;
        this.broker = broker;
        this.bootstrap = bootstrap;
        this.streams = streams;
        this.models = models;
        this.httpIngest = httpIngest;
        this.alerts = alerts;
        this.http = http;
        this.fits = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "pulse-churn-risk-fit"));
        long every = config.risk().fitEvery().toMillis();
        fits.scheduleAtFixedRate(this::scheduledFit, every, every, TimeUnit.MILLISECONDS);
    }

    public static PulseRuntime start(PulseConfig config) {
        EmbeddedKafka broker = config.embedded() ? EmbeddedKafka.start(config.dataDir(), config.kafkaPort(), config.controllerPort()) : null;
        String bootstrap = broker != null ? broker.bootstrap() : config.bootstrap();
        KafkaStreams streams = null;
        CompletableFuture<String> failure = new CompletableFuture<>();
        try {
            int partitions = TopicCreator.ensure(bootstrap, config.partitions(), config.replication());
            SerdeFactory serdes = SerdeFactory.named(config.serdeFactory(), Map.of());
            ApiSettings.Internal internal = new ApiSettings.Internal(config.advertisedHost(), config.internalPort(), config.instanceSecret());
            streams = new KafkaStreams(PulseTopology.build(config.lifecycle(), config.scorecard(), config.alerts(), serdes,
                    config.clockInterval(), config.sendInterval(), partitions),
                    PulseStreamsConfig.properties(config.applicationId(), bootstrap, config.dataDir().resolve("streams"),
                            internal.server(), config.replication(), config.streamThreads(), config.rocksDbMemory()));
            KafkaStreams running = streams;
            streams.setUncaughtExceptionHandler(e -> {
                // A failure that repeats would repeat on a new thread too: stop, and let /health say so.
                LOG.error("stream thread failed; stopping the streams (health reports it)", e);
                return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.ERROR) {
                    failure.complete("state " + before + " -> ERROR");
                }
            });
            streams.start();
            KafkaPublisher models = new KafkaPublisher(bootstrap, serdes);
            // The file's rules are the baseline at each start; rules added through the API since stay in the topic.
            config.alertRules().forEach(models::publish);
            KafkaAlertFeed alerts = new KafkaAlertFeed(bootstrap, serdes);
            KafkaEventSink httpSink = new KafkaEventSink(bootstrap, serdes, Duration.ofMinutes(2), Map.of());
            HttpIngest httpIngest = new HttpIngest(config.mappingsDir(), httpSink, Duration.ofDays(1), Clock.systemUTC(), config.pseudonyms());
            ApplicationContext http = ApplicationContext.builder()
                    .singletons(running, models, httpIngest, alerts,
                            new ApiSettings(config.apiKeys(), internal, ApiSettings.Limits.DEFAULT, config.lifecycle(), config.risk(),
                                    config.scorecard()))
                    .properties(ApiListeners.properties(config.httpPort(), internal))
                    .start();
            http.getBean(EmbeddedServer.class).start();
            return new PulseRuntime(config, broker, bootstrap, streams, models, httpSink, alerts, http, failure);
        } catch (RuntimeException e) {
            if (streams != null) {
                streams.close(Duration.ofSeconds(10));
            }
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    /** Refits the churn-risk model at the current stream time and publishes it (what the schedule does). */
    public void fitChurnRisk() {
        http.getBean(ChurnRiskFits.class).fitNow();
    }

    /** How far the pipeline has got (what /health says): counters complete through, stream time, records not processed. */
    public io.crmpulse.api.Progress progress() {
        return http.getBean(io.crmpulse.api.FiguresSource.class).progress();
    }

    private void scheduledFit() {
        try {
            fitChurnRisk();
        } catch (RuntimeException e) {
            // Next interval tries again; the API keeps serving the previous model meanwhile.
            LOG.warn("scheduled churn-risk fit failed: {}", e.getMessage());
        }
    }

    /** Completes, with what happened, when the streams client reaches ERROR: it will not process again in this process. */
    public CompletableFuture<String> streamsFailure() {
        return failure;
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** The HTTP server's context (its router, beans). */
    ApplicationContext httpContext() {
        return http;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public PulseConfig config() {
        return config;
    }

    @Override
    public void close() {
        fits.shutdownNow();
        http.close();
        httpIngest.close();
        try {
            alerts.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        models.close();
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        if (broker != null) {
            broker.close();
        }
    }
}
