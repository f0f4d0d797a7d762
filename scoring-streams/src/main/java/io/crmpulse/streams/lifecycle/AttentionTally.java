package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.AttentionDay;
import java.time.LocalDate;
import java.util.function.BiConsumer;

/**
 * Entries into and exits from the conditions that ask for a contact (METRICS.md section 5), per group and
 * day: one customer's up to an instant, or the difference between two of them. The count of a condition at
 * the end of a day is the sum of its entries minus exits on that day and every day before.
 */
final class AttentionTally {

    /** The conditions counted; a customer is in each one during intervals of event time. */
    enum Condition {
        /** Customers and prospects: known (any event) and not CHURNED. */
        CUSTOMER,
        AT_RISK,
        /** AT_RISK with no contact for service.contact-gap. */
        NEGLECTED,
        /** The latest contact's follow-up reminder has passed. */
        OVERDUE
    }

    private final GroupDayCounts counts;

    AttentionTally() {
        this(new GroupDayCounts(Condition.values().length));
    }

    private AttentionTally(GroupDayCounts counts) {
        this.counts = counts;
    }

    /** {@code change} 1 for an entry, -1 for an exit. */
    void add(String group, LocalDate day, Condition condition, int change) {
        counts.add(group, day, condition.ordinal(), change);
    }

    /** This tally minus {@code other}, without the group-days where they agree. */
    AttentionTally minus(AttentionTally other) {
        return new AttentionTally(counts.minus(other.counts));
    }

    /** Each group with its day's changes as a record. */
    void forEach(BiConsumer<String, AttentionDay> action) {
        counts.forEach((group, day, v) -> action.accept(group, new AttentionDay(day, v[Condition.CUSTOMER.ordinal()],
                v[Condition.AT_RISK.ordinal()], v[Condition.NEGLECTED.ordinal()], v[Condition.OVERDUE.ordinal()])));
    }
}
