package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.CustomerFlows;
import java.time.LocalDate;
import java.util.function.BiConsumer;

/**
 * What a customer moves per group and day, one customer's or the difference between two of them: its transitions
 * (METRICS.md section 3), and its entries into and exits from the conditions that ask for a contact (section 5),
 * whose count at the end of a day is the sum of entries minus exits up to it. Both travel in one record per group
 * and day, so that a day whose churn also ends an at-risk spell costs one record, not two.
 */
final class FlowTally {

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

    private static final int FLOWS = Flow.values().length;

    private final GroupDayCounts counts;

    FlowTally() {
        this(new GroupDayCounts(FLOWS + Condition.values().length));
    }

    private FlowTally(GroupDayCounts counts) {
        this.counts = counts;
    }

    void add(String group, LocalDate day, Flow flow) {
        counts.add(group, day, flow.ordinal(), 1);
    }

    /** {@code change} 1 for an entry, -1 for an exit. */
    void add(String group, LocalDate day, Condition condition, int change) {
        counts.add(group, day, FLOWS + condition.ordinal(), change);
    }

    /** This tally minus {@code other}, without the group-days where they agree. */
    FlowTally minus(FlowTally other) {
        return new FlowTally(counts.minus(other.counts));
    }

    /** Each group with its day's counts as a record. */
    void forEach(BiConsumer<String, CustomerFlows> action) {
        counts.forEach((group, day, v) -> action.accept(group, new CustomerFlows(day,
                v[Flow.NEW.ordinal()], v[Flow.REACTIVATED.ordinal()], v[Flow.CHURNED.ordinal()],
                v[Flow.TRANSFERRED_IN.ordinal()], v[Flow.TRANSFERRED_OUT.ordinal()],
                v[FLOWS + Condition.CUSTOMER.ordinal()], v[FLOWS + Condition.AT_RISK.ordinal()],
                v[FLOWS + Condition.NEGLECTED.ordinal()], v[FLOWS + Condition.OVERDUE.ordinal()])));
    }
}
