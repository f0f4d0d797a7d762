package io.crmpulse.app;

import io.crmpulse.api.ModelPublisher;
import io.crmpulse.records.ChurnRiskModel;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes fitted models to the compacted model topic and waits for the broker's acknowledgement. */
final class KafkaModelPublisher implements ModelPublisher, AutoCloseable {

    private final KafkaProducer<String, ChurnRiskModel> producer;

    KafkaModelPublisher(String bootstrap, SerdeFactory serdes) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "pulse-model-publisher");
        producer = new KafkaProducer<>(p, new StringSerializer(), serdes.valueSerde(ChurnRiskModel.class).serializer());
    }

    @Override
    public void publish(ChurnRiskModel model) {
        try {
            producer.send(new ProducerRecord<>(Topics.CHURN_RISK_MODEL.name(), model.getModel(), model)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish the churn-risk model: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the churn-risk model", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
