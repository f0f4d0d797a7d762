package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.GroupDelta;
import io.crmpulse.streams.counters.CounterFamilies;
import io.crmpulse.streams.counters.CounterFamily;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The lifecycle task's local combine: the counter deltas of the events it applies are added up per group and cell
 * ({@link CounterFamily}) in {@link io.crmpulse.streams.StoreNames#LIFECYCLE_DELTAS}, and {@link #send} forwards each
 * sum once and empties the store. A replay sends one delta per cell and interval instead of one per event and cell.
 *
 * <p>Nothing is lost when the application fails between two sends: the store is changelogged in the same
 * transaction as the input offsets and the customer states that produced its deltas, so a restarted task resumes
 * with the sums not yet sent and sends them itself. Counters are sums, so adding up before sending changes no total.
 * The sums are also held in a map, filled from the store when the task starts, so that adding one is a store write
 * and no store read.
 */
final class DeltaBuffer {

    private static final char SEPARATOR = '\u001f';

    private final KeyValueStore<String, GroupDelta> store;
    private final Map<String, GroupDelta> sums = new HashMap<>();

    DeltaBuffer(KeyValueStore<String, GroupDelta> store) {
        this.store = store;
        try (KeyValueIterator<String, GroupDelta> it = store.all()) {
            it.forEachRemaining(kv -> sums.put(kv.key, kv.value));
        }
    }

    /** Adds a counter delta of {@code group} to the sum of its cell. */
    void add(String group, SpecificRecord delta) {
        CounterFamily<?> family = CounterFamilies.of(delta);
        String key = group + SEPARATOR + family.type().getSimpleName() + SEPARATOR + family.cellOf(group, delta);
        GroupDelta sum = sums.merge(key, new GroupDelta(delta),
                (was, added) -> new GroupDelta(family.sum((SpecificRecord) was.getDelta(), delta)));
        store.put(key, sum);
    }

    /**
     * Forwards every sum, keyed by its group and stamped {@code timestamp}, and empties the store. A sum that came to
     * nothing is forwarded too, so that the counters hold exactly the cells that deltas were sent for.
     */
    void send(ProcessorContext<String, ? super GroupDelta> context, long timestamp) {
        sums.forEach((key, sum) -> {
            context.forward(new Record<>(key.substring(0, key.indexOf(SEPARATOR)), sum, timestamp));
            store.delete(key);
        });
        sums.clear();
    }
}
