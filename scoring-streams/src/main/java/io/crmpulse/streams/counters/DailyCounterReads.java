package io.crmpulse.streams.counters;

import io.crmpulse.streams.Groups;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads of the stores keyed {@code GROUP|YYYY-MM-DD} (daily, complaint and contact counters) and {@code GROUP|LABEL}
 * (repeat and contacted counters), shared by the query API and the tests.
 */
public final class DailyCounterReads {

    private DailyCounterReads() {
    }

    /**
     * The counters of exactly {@code group} by day (a prefix scan that skips groups whose id merely starts
     * alike), from any store keyed {@code GROUP|YYYY-MM-DD}.
     */
    public static <V> Map<LocalDate, V> days(ReadOnlyKeyValueStore<String, V> store, String group) {
        Map<LocalDate, V> days = new TreeMap<>();
        try (KeyValueIterator<String, V> it = store.prefixScan(Groups.keyPrefix(group), Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, V> kv = it.next();
                if (Groups.groupOfDayKey(kv.key).filter(group::equals).isPresent()) {
                    days.put(Groups.dayOfDayKey(kv.key), kv.value);
                }
            }
        }
        return days;
    }

    /** The cells of exactly {@code group} by period label, from any store keyed {@code GROUP|LABEL}. */
    public static <V> Map<String, V> periods(ReadOnlyKeyValueStore<String, V> store, String group) {
        Map<String, V> cells = new TreeMap<>();
        try (KeyValueIterator<String, V> it = store.prefixScan(Groups.keyPrefix(group), Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, V> kv = it.next();
                if (Groups.groupOfPeriodKey(kv.key).equals(group)) {
                    cells.put(kv.key.substring(group.length() + 1), kv.value);
                }
            }
        }
        return cells;
    }

    /** Every group with counters whose key starts with {@code prefix} (e.g. {@code office:}, or empty for all). */
    public static <V> SortedSet<String> groups(ReadOnlyKeyValueStore<String, V> store, String prefix) {
        SortedSet<String> groups = new TreeSet<>();
        // prefixScan cannot take an empty prefix (it computes the upper bound from the last byte).
        try (KeyValueIterator<String, V> it = prefix.isEmpty() ? store.all() : store.prefixScan(prefix, Serdes.String().serializer())) {
            it.forEachRemaining(kv -> Groups.groupOfDayKey(kv.key).ifPresent(groups::add));
        }
        return groups;
    }
}
