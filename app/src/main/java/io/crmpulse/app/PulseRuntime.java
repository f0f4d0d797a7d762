package io.crmpulse.app;

import io.crmpulse.api.ApiSettings;
import io.crmpulse.schemas.TopicCreator;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.PulseStreamsConfig;
import io.crmpulse.streams.PulseTopology;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.Map;
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
    private final ApplicationContext http;

    private PulseRuntime(PulseConfig config, EmbeddedKafka broker, String bootstrap, KafkaStreams streams, ApplicationContext http) {
        this.config = config;
        this.broker = broker;
        this.bootstrap = bootstrap;
        this.streams = streams;
        this.http = http;
    }

    public static PulseRuntime start(PulseConfig config) {
        EmbeddedKafka broker = config.embedded() ? EmbeddedKafka.start(config.dataDir(), config.kafkaPort(), config.controllerPort()) : null;
        String bootstrap = broker != null ? broker.bootstrap() : config.bootstrap();
        KafkaStreams streams = null;
        try {
            TopicCreator.ensure(bootstrap, config.partitions(), config.replication());
            SerdeFactory serdes = SerdeFactory.named(config.serdeFactory(), Map.of());
            String server = config.advertisedHost() + ":" + config.httpPort();
            streams = new KafkaStreams(PulseTopology.build(config.lifecycle(), serdes, config.clockInterval()),
                    PulseStreamsConfig.properties(config.applicationId(), bootstrap, config.dataDir().resolve("streams"),
                            server, config.replication(), config.streamThreads()));
            KafkaStreams running = streams;
            streams.setUncaughtExceptionHandler(e -> {
                LOG.error("stream thread failed; replacing it", e);
                return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            streams.start();
            ApplicationContext http = ApplicationContext.builder()
                    .singletons(running, new ApiSettings(config.apiKeys(), server, config.lifecycle().zone()))
                    .properties(Map.of("micronaut.server.port", config.httpPort()))
                    .start();
            http.getBean(EmbeddedServer.class).start();
            return new PulseRuntime(config, broker, bootstrap, streams, http);
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

    public String bootstrap() {
        return bootstrap;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public PulseConfig config() {
        return config;
    }

    @Override
    public void close() {
        http.close();
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        if (broker != null) {
            broker.close();
        }
    }
}
