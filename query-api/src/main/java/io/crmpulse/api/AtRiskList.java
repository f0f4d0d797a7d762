package io.crmpulse.api;

import io.crmpulse.records.ChurnRiskModel;
import io.crmpulse.state.CustomerState;
import io.crmpulse.state.MemberRanking;
import io.crmpulse.streams.lifecycle.CustomerStatus;
import io.crmpulse.streams.lifecycle.GroupMembers;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import io.crmpulse.streams.risk.CustomerRisk;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * One at-risk list as it is gathered: the customers of a group that are still customers (ACTIVE or AT_RISK) at an
 * instant, ranked by {@link CustomerRows#BY_RISK}. Each candidate is ranked from what the index of group members keeps
 * of it ({@code MemberRanking}: its last activity, purchase days and timelines) without building its row; only the
 * first {@code top} are kept, and only they are read in full and made rows. Each instance answers its part this way,
 * and the parts are merged.
 */
final class AtRiskList {

    /** The first {@code top} customers of a list by rank, and how many the list has in all. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record Part(long total, List<CustomerRow> top) {

        /** The parts of every instance as one list, its first {@code top} rows ranked. */
        static Part merge(List<Part> parts, int top) {
            List<CustomerRow> rows = parts.stream().flatMap(p -> p.top().stream()).sorted(CustomerRows.BY_RISK).limit(top).toList();
            return new Part(parts.stream().mapToLong(Part::total).sum(), rows);
        }
    }

    /** A ranked candidate: its score as {@link CustomerRows#BY_RISK} orders it (none: negative infinity). */
    private record Candidate(double score, String customerId) {
    }

    /** Worst first, so that the head is the one to drop when a better candidate comes. */
    private static final Comparator<Candidate> WORST_FIRST = Comparator.comparingDouble(Candidate::score)
            .thenComparing(Candidate::customerId, Comparator.reverseOrder());

    private final String group;
    private final Instant asOf;
    private final LifecycleSettings lifecycle;
    private final Optional<ChurnRiskModel> model;
    private final double horizonWeeks;
    private final int top;
    private final PriorityQueue<Candidate> kept = new PriorityQueue<>(WORST_FIRST);
    private long total;

    AtRiskList(String group, Instant asOf, LifecycleSettings lifecycle, Optional<ChurnRiskModel> model, double horizonWeeks, int top) {
        this.group = group;
        this.asOf = asOf;
        this.lifecycle = lifecycle;
        this.model = model;
        this.horizonWeeks = horizonWeeks;
        this.top = top;
    }

    /** Ranks one candidate from its state. */
    void offer(CustomerState customer) {
        rank(GroupMembers.Standing.of(customer, asOf, lifecycle));
    }

    /**
     * Ranks one candidate from what the index of group members keeps of it; false when the list's instant lies before
     * its last activity, where only its state tells (the caller then offers that).
     */
    boolean offer(MemberRanking ranking) {
        Optional<GroupMembers.Standing> standing = GroupMembers.Standing.of(ranking, asOf, lifecycle);
        standing.ifPresent(this::rank);
        return standing.isPresent();
    }

    /** A candidate counts when it is in the group and still a customer (ACTIVE or AT_RISK) at the list's instant. */
    private void rank(GroupMembers.Standing customer) {
        boolean stillCustomer = customer.state() == CustomerStatus.State.ACTIVE || customer.state() == CustomerStatus.State.AT_RISK;
        if (!stillCustomer || !CustomerRows.inGroup(customer.office(), customer.staff(), group)) {
            return;
        }
        total++;
        // The score CustomerRow.of gives the same customer, from the same functions of the same figures.
        double score = customer.purchases() == null ? Double.NEGATIVE_INFINITY
                : model.map(m -> CustomerRisk.of(customer.purchases(), m, horizonWeeks).riskScore()).filter(Double::isFinite)
                        .orElse(Double.NEGATIVE_INFINITY);
        Candidate candidate = new Candidate(score, customer.customerId());
        if (kept.size() < top) {
            kept.add(candidate);
        } else if (top > 0 && WORST_FIRST.compare(candidate, kept.peek()) > 0) {
            kept.poll();
            kept.add(candidate);
        }
    }

    /** This part of the list: the rows of the customers kept, each from its whole state ({@code stateOf}), ranked. */
    Part part(Function<String, CustomerState> stateOf, Function<CustomerState, CustomerRow> row) {
        List<CustomerRow> rows = new ArrayList<>(kept.size());
        for (Candidate c : kept) {
            CustomerState state = stateOf.apply(c.customerId());
            if (state != null) {
                rows.add(row.apply(state));
            }
        }
        rows.sort(CustomerRows.BY_RISK);
        return new Part(total, rows);
    }
}
