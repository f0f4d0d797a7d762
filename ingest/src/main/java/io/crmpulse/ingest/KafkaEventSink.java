package io.crmpulse.ingest;

import io.crmpulse.records.DeadLetter;
import io.crmpulse.schemas.TopicSpec;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes through an idempotent producer with {@code acks=all}: a record counts as published only
 * once every in-sync replica has it, and retries never duplicate it.
 */
public final class KafkaEventSink implements EventSink {

    private final KafkaProducer<String, byte[]> producer;
    private final SerdeFactory serdes;
    private final String bootstrap;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final AtomicLong failures = new AtomicLong();
    private final Map<String, Serializer<?>> serializers = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param deliveryTimeout how long a record may take, retries with backoff included, before the run
     *                        gives up on the broker ({@code delivery.timeout.ms}, and {@code max.block.ms} for metadata)
     */
    public KafkaEventSink(String bootstrap, SerdeFactory serdes, java.time.Duration deliveryTimeout, Map<String, Object> overrides) {
        this.bootstrap = bootstrap;
        this.serdes = serdes;
        Properties p = producerSettings(bootstrap, deliveryTimeout);
        p.putAll(overrides);
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * The producer settings of every ingest: idempotent, {@code acks=all}, batched and compressed, giving
     * up on a record after {@code deliveryTimeout} (retries with backoff included).
     */
    public static Properties producerSettings(String bootstrap, java.time.Duration deliveryTimeout) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "pulse-ingest");
        int timeout = (int) deliveryTimeout.toMillis();
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, Math.max(1, timeout - 20)));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        return p;
    }

    @Override
    public CompletableFuture<Void> publish(TopicSpec<?> topic, String key, SpecificRecord event, long timestamp) {
        return send(topic, key, event, timestamp);
    }

    @Override
    public CompletableFuture<Void> deadLetter(DeadLetter letter) {
        return send(Topics.DEAD_LETTERS, letter.getSource(), letter, letter.getRejectedAt().toEpochMilli());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private CompletableFuture<Void> send(TopicSpec<?> topic, String key, SpecificRecord value, long timestamp) {
        Serializer serializer = serializers.computeIfAbsent(topic.name(), t -> serdes.valueSerde((Class) topic.valueType()).serializer());
        byte[] bytes = serializer.serialize(topic.name(), value);
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic.name(), null, timestamp, key, bytes), (metadata, error) -> {
                if (error != null) {
                    fail(acknowledged, error);
                } else {
                    acknowledged.complete(null);
                }
            });
        } catch (KafkaException e) {
            // send() itself gives up when it cannot even learn the topic's partitions (max.block.ms).
            fail(acknowledged, e);
        }
        return acknowledged;
    }

    private void fail(CompletableFuture<Void> acknowledged, Exception error) {
        failures.incrementAndGet();
        firstFailure.compareAndSet(null, error);
        acknowledged.completeExceptionally(error);
    }

    /**
     * Waits for every record sent so far and reports the failures since the previous flush: a sink that
     * lives long (the HTTP endpoint's) is not poisoned by an outage that is over.
     */
    @Override
    public void flush() {
        producer.flush();
        Exception failure = firstFailure.getAndSet(null);
        long failed = failures.getAndSet(0);
        if (failure != null) {
            throw new PublishException(failed + " record(s) could not be delivered to Kafka at " + bootstrap
                    + ": " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
