package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.DeltaBatch;
import io.crmpulse.records.GroupDelta;
import io.crmpulse.state.DeltaLogEntry;
import io.crmpulse.state.GroupedDelta;
import io.crmpulse.streams.counters.CounterFamilies;
import io.crmpulse.streams.counters.CounterFamily;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The lifecycle task's local combine: the counter deltas of the records it processes are added up per group and
 * cell ({@link CounterFamily}) in memory, and {@link #send} forwards the sums of each group as one record and starts
 * again. A replay sends one record per group and interval instead of one per event and cell.
 *
 * <p>Nothing is lost when the application fails between two sends. The deltas of each input record are also
 * written, as one entry, to {@link io.crmpulse.streams.StoreNames#LIFECYCLE_DELTA_LOG} ({@link #endOfRecord}),
 * changelogged in the same transaction as the input offsets and the customer states that produced them; a
 * restarted task adds the entries it finds up again and sends them itself, and a send deletes the entries it
 * covered. One entry per record rather than one write per cell: an order changes some forty cells, and each store
 * write serialises and caches its value.
 */
final class DeltaBuffer {

    private static final char SEPARATOR = '\u001f';

    private final KeyValueStore<Long, DeltaLogEntry> log;
    /** Per group, the sum of each cell (family and cell) since the last send. */
    private final Map<String, Map<String, SpecificRecord>> sums = new HashMap<>();
    private final List<GroupedDelta> pending = new ArrayList<>();
    private final List<Long> entries = new ArrayList<>();
    private long nextEntry;

    DeltaBuffer(KeyValueStore<Long, DeltaLogEntry> log) {
        this.log = log;
        try (KeyValueIterator<Long, DeltaLogEntry> it = log.all()) {
            it.forEachRemaining(kv -> {
                kv.value.getDeltas().forEach(d -> addUp(d.getGroup(), (SpecificRecord) d.getDelta().getDelta()));
                entries.add(kv.key);
                nextEntry = Math.max(nextEntry, kv.key + 1);
            });
        }
    }

    /** Adds a counter delta of {@code group} to the sum of its cell. */
    void add(String group, SpecificRecord delta) {
        addUp(group, delta);
        pending.add(new GroupedDelta(group, new GroupDelta(delta)));
    }

    private void addUp(String group, SpecificRecord delta) {
        CounterFamily<?> family = CounterFamilies.of(delta);
        String cell = family.type().getSimpleName() + SEPARATOR + family.cellOf(group, delta);
        sums.computeIfAbsent(group, g -> new HashMap<>()).merge(cell, delta, family::sum);
    }

    /** Writes the deltas added since the last call as one entry; called once the input record has been processed. */
    void endOfRecord() {
        if (!pending.isEmpty()) {
            log.put(nextEntry, new DeltaLogEntry(new ArrayList<>(pending)));
            entries.add(nextEntry++);
            pending.clear();
        }
    }

    /**
     * Forwards the sums of each group as one {@link DeltaBatch}, keyed by the group and stamped {@code timestamp}, and
     * deletes the entries they came from. A sum that came to nothing is sent too, so that the counters hold exactly
     * the cells that deltas were sent for.
     */
    void send(ProcessorContext<String, ? super GroupDelta> context, long timestamp) {
        endOfRecord();
        sums.forEach((group, cells) -> context.forward(new Record<>(group, new GroupDelta(new DeltaBatch(new ArrayList<>(cells.values()))), timestamp)));
        sums.clear();
        entries.forEach(log::delete);
        entries.clear();
    }
}
