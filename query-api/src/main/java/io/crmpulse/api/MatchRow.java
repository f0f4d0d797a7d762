package io.crmpulse.api;

import io.crmpulse.records.CustomerMatch;
import io.crmpulse.records.MatchedRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/** One person's records across offices as the API shows them, and between instances. */
@Serdeable(naming = SnakeCaseStrategy.class)
record MatchRow(String matchKey, List<Entry> records, boolean truncated) {

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Entry(String customerId, @Nullable String office) {
    }

    static MatchRow of(CustomerMatch m) {
        return new MatchRow(m.getMatchKey(), m.getRecords().stream().map(r -> new Entry(r.getCustomerId(), r.getOfficeId())).toList(),
                m.getTruncated());
    }

    CustomerMatch toRecord() {
        return new CustomerMatch(matchKey, records.stream().map(e -> new MatchedRecord(e.customerId(), e.office())).toList(), truncated);
    }
}
