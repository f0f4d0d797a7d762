package io.crmpulse.api;

import io.crmpulse.records.CustomerSegment;
import io.crmpulse.streams.segments.AbcRfm;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.LocalDate;

/** A customer's ABC class and RFM scores (METRICS.md section 7) as the API shows them, and between instances. */
@Serdeable(naming = SnakeCaseStrategy.class)
record SegmentRow(String customerId, String day, String abc, @Nullable Integer recency, @Nullable Integer frequency,
                  @Nullable Integer monetary, @Nullable String rfm) {

    static SegmentRow of(CustomerSegment s) {
        return new SegmentRow(s.getCustomerId(), s.getDay().toString(), s.getAbc(), s.getRecency(), s.getFrequency(), s.getMonetary(),
                AbcRfm.rfm(s.getRecency(), s.getFrequency(), s.getMonetary()));
    }

    CustomerSegment toRecord() {
        return new CustomerSegment(customerId, LocalDate.parse(day), abc, recency, frequency, monetary, null, null);
    }
}
