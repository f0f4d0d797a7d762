package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.CustomerValue;
import io.crmpulse.state.ActivityInstant;
import io.crmpulse.state.CustomerState;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.lifecycle.FlowTally.Condition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * One customer's state and the parts that own it: its assignment {@link Timelines}, activity {@link Episodes},
 * {@link Cohorts}, {@link Revenue}, {@link RepeatPurchase}, {@link Complaints} and {@link ContactConditions}. Events
 * change the parts; the figures are derived from them, before and after an event, and their difference is what the
 * event changed.
 */
final class CustomerHistory {

    private final CustomerState state;
    private final LifecycleSettings settings;
    private final Timelines timelines;
    private final Episodes episodes;
    private final Cohorts cohorts;
    private final Revenue revenue;
    private final RepeatPurchase repeat;
    private final Complaints complaints;
    private final ContactConditions contacts;

    CustomerHistory(CustomerState state, LifecycleSettings settings) {
        this.state = state;
        this.settings = settings;
        timelines = new Timelines(state);
        episodes = new Episodes(state, timelines, settings);
        cohorts = new Cohorts(state, timelines, settings);
        revenue = new Revenue(state, settings);
        repeat = new RepeatPurchase(state, timelines, settings);
        complaints = new Complaints(state, timelines, settings);
        contacts = new ContactConditions(state, timelines, episodes, settings);
    }

    /** A customer seen first at {@code firstSeen}, of whom nothing has been published: it is recognised up to just before then. */
    static CustomerState newState(String customerId, long firstSeen) {
        return CustomerState.newBuilder().setCustomerId(customerId).setFirstSeen(Instant.ofEpochMilli(firstSeen))
                .setActivity(new ArrayList<>()).setOffice(new ArrayList<>()).setStaff(new ArrayList<>())
                .setSegment(new ArrayList<>()).setRegion(new ArrayList<>()).setComplaints(new ArrayList<>()).setRevenue(new ArrayList<>())
                .setContactMarks(new ArrayList<>()).setContacts(new ArrayList<>())
                .setRecognizedUntil(Instant.ofEpochMilli(firstSeen - 1)).setDueAt(null).build();
    }

    CustomerState state() {
        return state;
    }

    Timelines timelines() {
        return timelines;
    }

    Episodes episodes() {
        return episodes;
    }

    Revenue revenue() {
        return revenue;
    }

    Complaints complaints() {
        return complaints;
    }

    ContactConditions contacts() {
        return contacts;
    }

    /** An event at {@code at}: the customer is known from then on, if not from earlier. */
    void seenAt(long at) {
        if (at < state.getFirstSeen().toEpochMilli()) {
            state.setFirstSeen(Instant.ofEpochMilli(at));
        }
    }

    /** The figures that only events move and that {@code scope} says the event can change, as of stream time {@code now}. */
    EventFigures figures(EventFigures.Scope scope, long now) {
        ComplaintTally complaintTally = scope.complaints() ? complaints.tally() : null;
        if (!scope.cells()) {
            return new EventFigures(null, null, null, null, complaintTally);
        }
        CustomerValue value = value(now, settings.segmentation().windowMonths());
        Cohorts.Acquisition acquisition = cohorts.acquisition();
        if (scope.everything()) {
            return new EventFigures(value, cohorts.cells(acquisition, null), revenue.cells(acquisition, null), repeat.cells(null),
                    complaintTally);
        }
        Set<LocalDate> activityMonths = new HashSet<>();
        scope.instants().forEach(at -> activityMonths.add(settings.day(at).withDayOfMonth(1)));
        return new EventFigures(value, cohorts.cells(acquisition, activityMonths), revenue.cells(acquisition, scope.months()),
                repeat.cells(scope.instants()), complaintTally);
    }

    /**
     * Whether an activity instant added at {@code at} or removed from {@code removed} (null: none) may move the
     * customer's acquisition: while its first activity has not been settled, an instant before the first kept one,
     * or the removal of that one.
     */
    boolean mayMoveAcquisition(long at, Long removed) {
        if (state.getSettled() != null && state.getSettled().getFirstActivity() != null) {
            return false;
        }
        List<ActivityInstant> kept = episodes.instants();
        if (kept.isEmpty()) {
            return true;
        }
        long first = kept.get(0).getAt().toEpochMilli();
        return at < first || (removed != null && removed == first);
    }

    /**
     * What segmentation needs of this customer (METRICS.md section 7): its office now, and revenue by month and
     * distinct activity days from {@code monthsBack} months before the month of {@code now} on.
     */
    private CustomerValue value(long now, int monthsBack) {
        LocalDate from = settings.day(now).withDayOfMonth(1).minusMonths(monthsBack);
        TreeSet<LocalDate> days = new TreeSet<>();
        for (ActivityInstant a : episodes.instants()) {
            LocalDate d = settings.day(a.getAt().toEpochMilli());
            if (!d.isBefore(from)) {
                days.add(d);
            }
        }
        return new CustomerValue(state.getCustomerId(), timelines.valueAt(Groups.OFFICE, now), revenue.since(from), new ArrayList<>(days));
    }

    /**
     * What of this customer moves with stream time, as recognised up to {@code now}: its transitions with its entries
     * into and exits from the conditions that ask for a contact, the weeks and months it was contacted in, and the
     * next instant after {@code now} at which one of these changes without any event (null: none); and whether it is
     * AT_RISK with no contact for service.contact-gap at {@code now}.
     */
    record Recognized(FlowTally flows, Cells<ContactConditions.CoveredPeriod, Long> covered, Long nextDeadline, boolean neglected) {

        /** Each counter delta from {@code before} to this, with the group it counts in. */
        void forEachChangeSince(Recognized before, BiConsumer<String, SpecificRecord> delta) {
            flows.minus(before.flows).forEach(delta::accept);
            covered.forEachChangeSince(before.covered, delta);
        }
    }

    Recognized recognizedUntil(long now) {
        FlowTally flows = episodes.flowsUntil(now);
        Map<Condition, List<ContactConditions.Interval>> conditions = contacts.intervals();
        Long next = contacts.count(flows, conditions, now);
        boolean neglected = conditions.get(Condition.NEGLECTED).stream().anyMatch(i -> i.from() <= now && now < i.to());
        return new Recognized(flows, contacts.covered(conditions.get(Condition.CUSTOMER), now), next, neglected);
    }

    /** Settles what no event at or after {@code horizon} can change ({@link Settlement}). */
    void settle(long horizon) {
        new Settlement(settings).settle(this, horizon);
    }
}
