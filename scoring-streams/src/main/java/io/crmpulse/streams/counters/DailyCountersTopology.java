package io.crmpulse.streams.counters;

import io.crmpulse.records.CustomerFlows;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.StoreNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Per-day, per-group counters of METRICS.md section 3, from which every period and rolling window is a
 * sum over days, with the changes of the customers that need a contact (section 5); and the same summed per month,
 * from which month, quarter, half-year and year rows are read (24 months of a group instead of 730 days).
 *
 * <p>Input: flow deltas keyed by group, partitioned by group ({@link GroupDeltasTopology}). Stores:
 * {@link StoreNames#DAILY_COUNTERS}, key {@code GROUP|YYYY-MM-DD}, and {@link StoreNames#MONTHLY_COUNTERS}, key
 * {@code GROUP|YYYY-MM-01}, both updated by each delta in one step. Output: the running day totals to
 * {@code pulse.daily-counters} (compacted).
 */
public final class DailyCountersTopology {

    private final SerdeFactory serdes;

    public DailyCountersTopology(SerdeFactory serdes) {
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder, KStream<String, CustomerFlows> deltasByGroup) {
        for (String store : new String[] {StoreNames.DAILY_COUNTERS, StoreNames.MONTHLY_COUNTERS}) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                    serdes.valueSerde(CustomerFlows.class)).withCachingEnabled());
        }
        deltasByGroup.process(DaysAndMonths::new, Named.as("daily-counters"), StoreNames.DAILY_COUNTERS, StoreNames.MONTHLY_COUNTERS)
                .to(Topics.DAILY_COUNTERS.name(), Produced.with(Serdes.String(), serdes.valueSerde(CustomerFlows.class))
                        .withName("daily-counters-sink"));
    }

    /** A day's counters as a delta of its month's total: the same figures, dated the first day of the month. */
    private static CustomerFlows asMonth(CustomerFlows day) {
        return CustomerFlows.newBuilder(day).setDay(day.getDay().withDayOfMonth(1)).build();
    }

    /**
     * Adds each delta to its day's and its month's totals. Month totals kept by a version without them are missing:
     * a task that finds none while it has day totals sums its days into months once, before it applies anything.
     */
    private static final class DaysAndMonths implements Processor<String, CustomerFlows, String, CustomerFlows> {
        private ProcessorContext<String, CustomerFlows> context;
        private KeyValueStore<String, CustomerFlows> days;
        private KeyValueStore<String, CustomerFlows> months;
        private boolean monthsChecked;
        private Cancellable check;

        @Override
        public void init(ProcessorContext<String, CustomerFlows> context) {
            this.context = context;
            days = context.getStateStore(StoreNames.DAILY_COUNTERS);
            months = context.getStateStore(StoreNames.MONTHLY_COUNTERS);
            // Soon after a start even when no delta comes, so that a reader finds the months.
            check = context.schedule(Duration.ofMillis(100), PunctuationType.WALL_CLOCK_TIME, now -> checkMonths());
        }

        @Override
        public void process(Record<String, CustomerFlows> record) {
            checkMonths();
            String dayKey = CounterFamilies.FLOWS.cellOf(record.key(), record.value());
            CustomerFlows day = SummingCounters.add(days, CounterFamilies.FLOWS, dayKey, record.value());
            CustomerFlows month = asMonth(record.value());
            SummingCounters.add(months, CounterFamilies.FLOWS, CounterFamilies.FLOWS.cellOf(record.key(), month), month);
            context.forward(record.withKey(dayKey).withValue(day));
        }

        private void checkMonths() {
            if (monthsChecked) {
                return;
            }
            monthsChecked = true;
            check.cancel();
            try (KeyValueIterator<String, CustomerFlows> any = months.all()) {
                if (any.hasNext()) {
                    return;
                }
            }
            Map<String, CustomerFlows> sums = new HashMap<>();
            try (KeyValueIterator<String, CustomerFlows> all = days.all()) {
                all.forEachRemaining(kv -> Groups.groupOfDayKey(kv.key).ifPresent(group -> {
                    CustomerFlows month = asMonth(kv.value);
                    sums.merge(CounterFamilies.FLOWS.cellOf(group, month), month, CounterFamilies.FLOWS::sum);
                }));
            }
            sums.forEach(months::put);
        }
    }
}
