package io.crmpulse.streams.counters;

import io.crmpulse.streams.Groups;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads of the cohort stores, shared by the query API and the tests. */
public final class CohortReads {

    private CohortReads() {
    }

    /**
     * The cells of exactly {@code group} by cohort month and month, from a store keyed
     * {@code GROUP|YYYY-MM|YYYY-MM}: customers active (cohort-counters) or revenue (revenue-cohort-counters).
     */
    public static <V> Map<YearMonth, Map<YearMonth, V>> cells(ReadOnlyKeyValueStore<String, V> store, String group) {
        Map<YearMonth, Map<YearMonth, V>> cells = new TreeMap<>();
        try (KeyValueIterator<String, V> it = store.prefixScan(Groups.keyPrefix(group), Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, V> kv = it.next();
                if (Groups.groupOfCohortKey(kv.key).filter(group::equals).isPresent()) {
                    cells.computeIfAbsent(Groups.cohortOfCohortKey(kv.key), c -> new TreeMap<>()).put(Groups.monthOfCohortKey(kv.key), kv.value);
                }
            }
        }
        return cells;
    }
}
