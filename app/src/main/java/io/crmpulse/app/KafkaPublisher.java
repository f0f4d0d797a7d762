package io.crmpulse.app;

import io.crmpulse.api.ModelPublisher;
import io.crmpulse.api.RatingPublisher;
import io.crmpulse.api.RulePublisher;
import io.crmpulse.records.AlertRule;
import io.crmpulse.records.ChurnRiskModel;
import io.crmpulse.records.ScorecardRating;
import io.crmpulse.schemas.TopicSpec;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes what the API writes (fitted models to the compacted model topic, managers' ratings to the ratings topic,
 * alert rules to the compacted rules topic) and waits for the broker's acknowledgement of each.
 */
final class KafkaPublisher implements ModelPublisher, RatingPublisher, RulePublisher, AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final SerdeFactory serdes;

    KafkaPublisher(String bootstrap, SerdeFactory serdes) {
        this.serdes = serdes;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "pulse-api-publisher");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(ChurnRiskModel model) {
        send(Topics.CHURN_RISK_MODEL, model.getModel(), model, "the churn-risk model");
    }

    /** Keyed by office group, so that the default partitioner puts it in the partition of the office's counters. */
    @Override
    public void publish(ScorecardRating rating) {
        send(Topics.SCORECARD_RATINGS, "office:" + rating.getOffice(), rating, "the rating");
    }

    @Override
    public void publish(AlertRule rule) {
        send(Topics.ALERT_RULES, rule.getRuleId(), rule, "the alert rule " + rule.getRuleId());
    }

    @Override
    public void delete(String ruleId) {
        send(Topics.ALERT_RULES, ruleId, null, "the deletion of alert rule " + ruleId);
    }

    /** {@code value} null writes a tombstone. */
    private <T extends SpecificRecord> void send(TopicSpec<T> topic, String key, T value, String what) {
        byte[] bytes = value == null ? null : serdes.valueSerde(topic.valueType()).serializer().serialize(topic.name(), value);
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, bytes)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + what, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
