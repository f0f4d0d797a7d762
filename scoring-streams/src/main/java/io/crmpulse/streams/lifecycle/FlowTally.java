package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.CustomerFlows;
import java.time.LocalDate;
import java.util.function.BiConsumer;

/** Counts of transitions per group and day: one customer's, or the difference between two of them. */
final class FlowTally {

    private final GroupDayCounts counts;

    FlowTally() {
        this(new GroupDayCounts(Flow.values().length));
    }

    private FlowTally(GroupDayCounts counts) {
        this.counts = counts;
    }

    void add(String group, LocalDate day, Flow flow) {
        counts.add(group, day, flow.ordinal(), 1);
    }

    /** This tally minus {@code other}, without the group-days where they agree. */
    FlowTally minus(FlowTally other) {
        return new FlowTally(counts.minus(other.counts));
    }

    /** Each group with its day's counts as a record. */
    void forEach(BiConsumer<String, CustomerFlows> action) {
        counts.forEach((group, day, v) -> action.accept(group, new CustomerFlows(day,
                v[Flow.NEW.ordinal()], v[Flow.REACTIVATED.ordinal()], v[Flow.CHURNED.ordinal()],
                v[Flow.TRANSFERRED_IN.ordinal()], v[Flow.TRANSFERRED_OUT.ordinal()])));
    }
}
