package io.crmpulse.streams.counters;

import io.crmpulse.records.GroupDelta;
import io.crmpulse.records.Watermark;
import io.crmpulse.streams.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps what each counter task has applied: a lifecycle task sends a {@link Watermark} to every partition of the
 * group-deltas topic after the deltas it covers, and the records of a partition are processed in order, through
 * every counter of the task, so when this task reads one, it has applied every delta of that lifecycle task up to
 * its instant. Kept in {@link StoreNames#COUNTED_THROUGH}, changelogged with the counters themselves.
 */
final class CountedThrough implements Processor<String, GroupDelta, Void, Void> {

    private KeyValueStore<String, Long> store;
    private int partition;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(StoreNames.COUNTED_THROUGH);
        partition = context.taskId().partition();
    }

    @Override
    public void process(Record<String, GroupDelta> record) {
        Watermark watermark = (Watermark) record.value().getDelta();
        String key = StoreNames.countedThroughKey(partition, watermark.getLifecyclePartition());
        long through = watermark.getThrough().toEpochMilli();
        Long was = store.get(key);
        // A restarted lifecycle task may send an instant again; never backwards.
        if (was == null || through > was) {
            store.put(key, through);
        }
    }
}
