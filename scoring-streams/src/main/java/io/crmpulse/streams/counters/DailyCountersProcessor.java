package io.crmpulse.streams.counters;

import io.crmpulse.records.CustomerFlows;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Adds each group's counter delta to its day's totals and forwards the new total keyed {@code GROUP|DAY}. */
final class DailyCountersProcessor implements Processor<String, CustomerFlows, String, CustomerFlows> {

    private ProcessorContext<String, CustomerFlows> context;
    private KeyValueStore<String, CustomerFlows> totals;

    @Override
    public void init(ProcessorContext<String, CustomerFlows> context) {
        this.context = context;
        totals = context.getStateStore(StoreNames.DAILY_COUNTERS);
    }

    @Override
    public void process(Record<String, CustomerFlows> record) {
        CustomerFlows delta = record.value();
        String key = Groups.dayKey(record.key(), delta.getDay());
        CustomerFlows total = totals.get(key);
        CustomerFlows updated = total == null ? delta : new CustomerFlows(delta.getDay(),
                total.getNew$() + delta.getNew$(),
                total.getReactivated() + delta.getReactivated(),
                total.getChurned() + delta.getChurned(),
                total.getTransferredIn() + delta.getTransferredIn(),
                total.getTransferredOut() + delta.getTransferredOut());
        totals.put(key, updated);
        context.forward(record.withKey(key).withValue(updated));
    }
}
