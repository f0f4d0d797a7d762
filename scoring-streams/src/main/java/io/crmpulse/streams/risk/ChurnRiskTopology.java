package io.crmpulse.streams.risk;

import io.crmpulse.records.ChurnRiskModel;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The newest churn-risk model on every instance. Input: {@code pulse.models.churn-risk} (compacted,
 * written by the fit). Store: {@link StoreNames#CHURN_RISK_MODEL}, a global table, so scoring any
 * customer needs no routing for the parameters.
 */
public final class ChurnRiskTopology {

    private final SerdeFactory serdes;

    public ChurnRiskTopology(SerdeFactory serdes) {
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder) {
        builder.globalTable(Topics.CHURN_RISK_MODEL.name(),
                Consumed.with(Serdes.String(), serdes.valueSerde(ChurnRiskModel.class)).withName("churn-risk-model-source"),
                Materialized.<String, ChurnRiskModel, KeyValueStore<Bytes, byte[]>>as(StoreNames.CHURN_RISK_MODEL)
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.valueSerde(ChurnRiskModel.class)));
    }
}
