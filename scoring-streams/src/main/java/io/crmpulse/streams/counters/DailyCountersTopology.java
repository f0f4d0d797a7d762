package io.crmpulse.streams.counters;

import io.crmpulse.records.CustomerFlows;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.StoreNames;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Per-day, per-group counters of METRICS.md section 3, from which every period and rolling window is a
 * sum over days.
 *
 * <p>Input: counter deltas keyed by group, repartitioned by group through
 * {@code <application.id>-counter-deltas-repartition} so that all days of a group live in one partition
 * (the API then reads one partition per group). Store: {@link StoreNames#DAILY_COUNTERS}, key
 * {@code GROUP|YYYY-MM-DD}. Output: the running totals to {@code pulse.daily-counters} (compacted).
 */
public final class DailyCountersTopology {

    private final SerdeFactory serdes;

    public DailyCountersTopology(SerdeFactory serdes) {
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder, KStream<String, CustomerFlows> deltasByGroup) {
        Serde<CustomerFlows> flows = serdes.valueSerde(CustomerFlows.class);
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.DAILY_COUNTERS), Serdes.String(), flows).withCachingEnabled());
        deltasByGroup
                .repartition(Repartitioned.<String, CustomerFlows>as(StoreNames.COUNTER_DELTAS_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(flows))
                .process(DailyCountersProcessor::new, Named.as("daily-counters"), StoreNames.DAILY_COUNTERS)
                .to(Topics.DAILY_COUNTERS.name(), Produced.with(Serdes.String(), flows).withName("daily-counters-sink"));
    }
}
