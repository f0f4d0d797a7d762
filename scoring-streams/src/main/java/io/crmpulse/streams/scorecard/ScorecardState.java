package io.crmpulse.streams.scorecard;

import io.crmpulse.records.LateEvent;
import io.crmpulse.records.OfficeScorecard;
import io.crmpulse.records.ScorecardRating;
import io.crmpulse.streams.counters.DailyCounterReads;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What the month close keeps of one office: its FINAL sheets, the ratings posted for months not closed yet, and the
 * events (and ratings) listed as late against FINAL sheets, each by month.
 */
public record ScorecardState(Map<YearMonth, OfficeScorecard> sheets, Map<YearMonth, ScorecardRating> ratings,
                             Map<YearMonth, List<LateEvent>> late) {

    public static final ScorecardState EMPTY = new ScorecardState(Map.of(), Map.of(), Map.of());

    /** Reads exactly {@code group}'s entries from the three stores of {@link ScorecardTopology}. */
    public static ScorecardState read(ReadOnlyKeyValueStore<String, OfficeScorecard> sheets, ReadOnlyKeyValueStore<String, ScorecardRating> ratings,
                                      ReadOnlyKeyValueStore<String, LateEvent> late, String group) {
        return new ScorecardState(ScorecardTopology.frozenSheets(sheets, group), ratings(ratings, group), late(late, group));
    }

    public static Map<YearMonth, ScorecardRating> ratings(ReadOnlyKeyValueStore<String, ScorecardRating> store, String group) {
        Map<YearMonth, ScorecardRating> ratings = new TreeMap<>();
        DailyCounterReads.periods(store, group).forEach((month, rating) -> ratings.put(YearMonth.parse(month), rating));
        return ratings;
    }

    public static Map<YearMonth, List<LateEvent>> late(ReadOnlyKeyValueStore<String, LateEvent> store, String group) {
        Map<YearMonth, List<LateEvent>> late = new TreeMap<>();
        try (KeyValueIterator<String, LateEvent> it = store.prefixScan(io.crmpulse.streams.Groups.keyPrefix(group), Serdes.String().serializer())) {
            it.forEachRemaining(kv -> late.computeIfAbsent(YearMonth.parse(kv.value.getMonth()), m -> new ArrayList<>()).add(kv.value));
        }
        return late;
    }
}
