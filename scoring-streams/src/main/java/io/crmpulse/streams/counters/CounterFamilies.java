package io.crmpulse.streams.counters;

import io.crmpulse.records.ActivityCell;
import io.crmpulse.records.CohortCell;
import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.ContactDay;
import io.crmpulse.records.ContactedCell;
import io.crmpulse.records.CoveredCell;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.LateEvent;
import io.crmpulse.records.ResolveTime;
import io.crmpulse.records.RevenueCell;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.scorecard.ScorecardTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/** Every counter family the lifecycle sends deltas of (the union of {@code GroupDelta}), with its cells and sums. */
public final class CounterFamilies {

    /** Lifecycle flows and the conditions that ask for a contact, per group and day (METRICS.md sections 3 and 5). */
    public static final CounterFamily<CustomerFlows> FLOWS = new CounterFamily<>(CustomerFlows.class,
            (group, delta) -> Groups.dayKey(group, delta.getDay()), CounterFamilies::plus);
    /** Customers of a cohort active in a month, per group (section 3). */
    public static final CounterFamily<CohortCell> COHORTS = new CounterFamily<>(CohortCell.class,
            (group, delta) -> Groups.cohortKey(group, delta.getCohort(), delta.getMonth()),
            (a, b) -> new CohortCell(a.getCohort(), a.getMonth(), a.getCustomers() + b.getCustomers()));
    /** Complaint counts and times to resolve, per group and day (section 4). */
    public static final CounterFamily<ComplaintDay> COMPLAINTS = new CounterFamily<>(ComplaintDay.class,
            (group, delta) -> Groups.dayKey(group, delta.getDay()), CounterFamilies::plus);
    /** Repeat purchase per group and period label (section 3). */
    public static final CounterFamily<ActivityCell> ACTIVITY = new CounterFamily<>(ActivityCell.class,
            (group, delta) -> Groups.periodKey(group, delta.getPeriod()),
            (a, b) -> new ActivityCell(a.getPeriod(), a.getActive() + b.getActive(), a.getRepeat() + b.getRepeat()));
    /** Revenue of a cohort in a month, net of refunds, per group (section 3). */
    public static final CounterFamily<RevenueCell> REVENUE = new CounterFamily<>(RevenueCell.class,
            (group, delta) -> Groups.cohortKey(group, delta.getCohort(), delta.getMonth()),
            (a, b) -> new RevenueCell(a.getCohort(), a.getMonth(), a.getAmount().add(b.getAmount())));
    /** Contact work per group and day (section 5). */
    public static final CounterFamily<ContactDay> CONTACTS = new CounterFamily<>(ContactDay.class,
            (group, delta) -> Groups.dayKey(group, delta.getDay()),
            (a, b) -> new ContactDay(a.getDay(), a.getVisits() + b.getVisits(), a.getRevisits() + b.getRevisits(),
                    a.getOtherContacts() + b.getOtherContacts(), a.getFollowUpsSet() + b.getFollowUpsSet(),
                    a.getRecordsCompleted() + b.getRecordsCompleted()));
    /** Customers a group contacted, per week and month (section 5). */
    public static final CounterFamily<ContactedCell> CONTACTED = new CounterFamily<>(ContactedCell.class,
            (group, delta) -> Groups.periodKey(group, delta.getPeriod()),
            (a, b) -> new ContactedCell(a.getPeriod(), a.getCustomers() + b.getCustomers()));
    /** A group's customers contacted in a week or month (section 5). */
    public static final CounterFamily<CoveredCell> COVERED = new CounterFamily<>(CoveredCell.class,
            (group, delta) -> Groups.periodKey(group, delta.getPeriod()),
            (a, b) -> new CoveredCell(a.getPeriod(), a.getCustomers() + b.getCustomers()));

    /**
     * Not a counter: an event applied after its month closed, for the office's FINAL scorecard (section 6). Each event
     * is a cell of its own, and an event is applied once, so two never meet in a sum.
     */
    public static final CounterFamily<LateEvent> LATE = new CounterFamily<>(LateEvent.class,
            (group, e) -> ScorecardTopology.lateKey(group, e.getMonth(), e.getStream(), e.getSource(), e.getEventId()), (a, b) -> a);

    private static final Map<Class<?>, CounterFamily<?>> BY_TYPE = List.of(FLOWS, COHORTS, COMPLAINTS, ACTIVITY, REVENUE, CONTACTS,
            CONTACTED, COVERED, LATE).stream().collect(Collectors.toUnmodifiableMap(CounterFamily::type, Function.identity()));

    private CounterFamilies() {
    }

    /** The family of {@code delta}; an exception for a record that is no counter delta. */
    public static CounterFamily<?> of(SpecificRecord delta) {
        CounterFamily<?> family = BY_TYPE.get(delta.getClass());
        if (family == null) {
            throw new IllegalArgumentException(delta.getClass().getSimpleName() + " is not a counter delta");
        }
        return family;
    }

    private static CustomerFlows plus(CustomerFlows total, CustomerFlows delta) {
        return new CustomerFlows(delta.getDay(),
                total.getNew$() + delta.getNew$(),
                total.getReactivated() + delta.getReactivated(),
                total.getChurned() + delta.getChurned(),
                total.getTransferredIn() + delta.getTransferredIn(),
                total.getTransferredOut() + delta.getTransferredOut(),
                total.getCustomers() + delta.getCustomers(),
                total.getAtRisk() + delta.getAtRisk(),
                total.getNeglected() + delta.getNeglected(),
                total.getOverdue() + delta.getOverdue());
    }

    /** The sum of two day records of one day (a total and a delta); durations whose count reaches 0 disappear. */
    private static ComplaintDay plus(ComplaintDay a, ComplaintDay b) {
        TreeMap<Long, Long> times = new TreeMap<>();
        for (List<ResolveTime> side : List.of(a.getResolveTimes(), b.getResolveTimes())) {
            for (ResolveTime t : side) {
                times.merge(t.getMillis(), t.getComplaints(), (x, y) -> x + y == 0 ? null : x + y);
            }
        }
        List<ResolveTime> merged = new ArrayList<>();
        times.forEach((millis, n) -> merged.add(new ResolveTime(millis, n)));
        return new ComplaintDay(a.getDay(), a.getOpened() + b.getOpened(), a.getResolved() + b.getResolved(),
                a.getFirstResolved() + b.getFirstResolved(), a.getAnswered() + b.getAnswered(), a.getSatisfied() + b.getSatisfied(),
                a.getSlaMet() + b.getSlaMet(), a.getReopened() + b.getReopened(), merged);
    }
}
