package io.crmpulse.streams.counters;

import io.crmpulse.records.CustomerFlows;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Per-day, per-group counters of METRICS.md section 3, from which every period and rolling window is a
 * sum over days, with the changes of the customers that need a contact (section 5).
 *
 * <p>Input: flow deltas keyed by group, partitioned by group ({@link GroupDeltasTopology}). Store:
 * {@link StoreNames#DAILY_COUNTERS}, key {@code GROUP|YYYY-MM-DD}. Output: the running totals to
 * {@code pulse.daily-counters} (compacted).
 */
public final class DailyCountersTopology {

    private final SerdeFactory serdes;

    public DailyCountersTopology(SerdeFactory serdes) {
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder, KStream<String, CustomerFlows> deltasByGroup) {
        new SummingCounters<>(CounterFamilies.FLOWS, StoreNames.DAILY_COUNTERS, "daily-counters")
                .addTo(builder, serdes, deltasByGroup)
                .to(Topics.DAILY_COUNTERS.name(), Produced.with(Serdes.String(), serdes.valueSerde(CustomerFlows.class))
                        .withName("daily-counters-sink"));
    }
}
