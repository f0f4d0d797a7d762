package io.crmpulse.streams.counters;

import io.crmpulse.records.CustomerFlows;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Per-day, per-group counters of METRICS.md section 3, from which every period and rolling window is a
 * sum over days, with the changes of the customers that need a contact (section 5).
 *
 * <p>Input: counter deltas keyed by group, repartitioned by group through
 * {@code <application.id>-counter-deltas-repartition}. Store: {@link StoreNames#DAILY_COUNTERS}, key
 * {@code GROUP|YYYY-MM-DD}. Output: the running totals to {@code pulse.daily-counters} (compacted).
 */
public final class DailyCountersTopology {

    private final SerdeFactory serdes;

    public DailyCountersTopology(SerdeFactory serdes) {
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder, KStream<String, CustomerFlows> deltasByGroup) {
        new SummingCounters<>(CustomerFlows.class, StoreNames.DAILY_COUNTERS, StoreNames.COUNTER_DELTAS_REPARTITION, "daily-counters",
                (group, delta) -> Groups.dayKey(group, delta.getDay()), DailyCountersTopology::plus)
                .addTo(builder, serdes, deltasByGroup)
                .to(Topics.DAILY_COUNTERS.name(), Produced.with(Serdes.String(), serdes.valueSerde(CustomerFlows.class))
                        .withName("daily-counters-sink"));
    }

    private static CustomerFlows plus(CustomerFlows total, CustomerFlows delta) {
        return new CustomerFlows(delta.getDay(),
                total.getNew$() + delta.getNew$(),
                total.getReactivated() + delta.getReactivated(),
                total.getChurned() + delta.getChurned(),
                total.getTransferredIn() + delta.getTransferredIn(),
                total.getTransferredOut() + delta.getTransferredOut(),
                total.getCustomers() + delta.getCustomers(),
                total.getAtRisk() + delta.getAtRisk(),
                total.getNeglected() + delta.getNeglected(),
                total.getOverdue() + delta.getOverdue());
    }
}
