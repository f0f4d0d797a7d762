package io.crmpulse.streams.matches;

import io.crmpulse.records.CustomerMatch;
import io.crmpulse.records.MatchedRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads {@code customer-matches}: the match keys that join records of more than one customer id or office. */
public final class MatchReads {

    private MatchReads() {
    }

    /** The matches of this store, at most {@code limit}, in match-key order. */
    public static List<CustomerMatch> matches(ReadOnlyKeyValueStore<String, CustomerMatch> store, int limit) {
        List<CustomerMatch> matches = new ArrayList<>();
        try (KeyValueIterator<String, CustomerMatch> it = store.all()) {
            while (it.hasNext() && matches.size() < limit) {
                CustomerMatch match = it.next().value;
                if (joinsRecords(match)) {
                    matches.add(match);
                }
            }
        }
        return matches;
    }

    /** A match key seen with two or more customer ids, or in two or more offices. */
    static boolean joinsRecords(CustomerMatch match) {
        List<MatchedRecord> records = match.getRecords();
        return records.stream().map(MatchedRecord::getCustomerId).distinct().count() > 1
                || records.stream().map(MatchedRecord::getOfficeId).distinct().count() > 1;
    }
}
