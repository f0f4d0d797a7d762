package io.crmpulse.streams.counters;

import io.crmpulse.streams.Groups;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads of the cohort-counters store, shared by the query API and the tests. */
public final class CohortReads {

    private CohortReads() {
    }

    /** Customers active per cohort month and month, of exactly {@code group}. */
    public static Map<YearMonth, Map<YearMonth, Long>> cells(ReadOnlyKeyValueStore<String, Long> store, String group) {
        Map<YearMonth, Map<YearMonth, Long>> cells = new TreeMap<>();
        try (KeyValueIterator<String, Long> it = store.prefixScan(Groups.keyPrefix(group), Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                if (Groups.groupOfCohortKey(kv.key).filter(group::equals).isPresent()) {
                    cells.computeIfAbsent(Groups.cohortOfCohortKey(kv.key), c -> new TreeMap<>()).put(Groups.monthOfCohortKey(kv.key), kv.value);
                }
            }
        }
        return cells;
    }
}
