package io.crmpulse.app;

import io.crmpulse.api.AlertFeed;
import io.crmpulse.records.AlertEvent;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Sinks;

/**
 * The alerts of {@code pulse.alerts} from the moment this instance started, for the API's server-sent events: one
 * consumer per instance (no group: every instance sees every alert), reading committed records only, since the
 * streams write alerts in transactions.
 */
final class KafkaAlertFeed implements AlertFeed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAlertFeed.class);

    private final KafkaConsumer<String, AlertEvent> consumer;
    private final Sinks.Many<AlertEvent> sink = Sinks.many().multicast().directBestEffort();
    private final Thread thread;

    KafkaAlertFeed(String bootstrap, SerdeFactory serdes) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "pulse-alert-feed");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), serdes.valueSerde(AlertEvent.class).deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name(), Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end offsets now, so that an alert published right after start is not skipped.
        partitions.forEach(consumer::position);
        thread = new Thread(this::run, "pulse-alert-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, AlertEvent> record : consumer.poll(Duration.ofSeconds(1))) {
                    // No subscriber, or a slow one: it misses the event, which GET /api/v1/alerts still shows.
                    sink.tryEmitNext(record.value());
                }
            }
        } catch (WakeupException e) {
            // close() asked to stop.
        } catch (RuntimeException e) {
            LOG.error("the alert feed stopped; /api/v1/alerts/stream gets no more events", e);
            sink.tryEmitError(e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public Publisher<AlertEvent> live() {
        return sink.asFlux();
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
        sink.tryEmitComplete();
    }
}
