package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.CoveredCell;
import io.crmpulse.state.ActivityInstant;
import io.crmpulse.state.ContactInstant;
import io.crmpulse.state.ContactMark;
import io.crmpulse.state.CustomerState;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.figures.Period;
import io.crmpulse.streams.lifecycle.FlowTally.Condition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * A customer's contacts and the conditions that ask for one (METRICS.md section 5): when it is a customer, at risk,
 * neglected (at risk without a recent contact) or overdue (a follow-up reminder passed), as intervals of event time,
 * and the weeks and months it was contacted in.
 */
final class ContactConditions {

    /** The periods in which customers contacted are counted (METRICS.md section 5: weekly and monthly reports). */
    private static final List<Period.Calendar> PERIODS = List.of(Period.Calendar.WEEK, Period.Calendar.MONTH);

    /** [from, to) of event time; to is Long.MAX_VALUE while it lasts. */
    record Interval(long from, long to) {
    }

    /** The customer counts as contacted (1) in a group's week or month (its label). */
    record CoveredPeriod(String group, String period) implements Cells.Cell<Long> {
        @Override
        public SpecificRecord change(Long before, Long after) {
            long n = Cells.countChange(before, after);
            return n == 0 ? null : new CoveredCell(period, n);
        }
    }

    private final CustomerState state;
    private final Timelines timelines;
    private final Episodes episodes;
    private final LifecycleSettings settings;

    ContactConditions(CustomerState state, Timelines timelines, Episodes episodes, LifecycleSettings settings) {
        this.state = state;
        this.timelines = timelines;
        this.episodes = episodes;
        this.settings = settings;
    }

    /**
     * A contact at {@code at}, by anyone, setting the follow-up reminder {@code nextFollowUp} (null: none). The
     * contacts at one instant are one entry, whose reminder is the earliest they set, whatever order they come in.
     */
    void contactedAt(Instant at, Instant nextFollowUp) {
        List<ContactInstant> contacts = state.getContacts();
        int i = 0;
        while (i < contacts.size() && contacts.get(i).getAt().isBefore(at)) {
            i++;
        }
        if (i < contacts.size() && contacts.get(i).getAt().equals(at)) {
            ContactInstant existing = contacts.get(i);
            if (nextFollowUp != null && (existing.getNextFollowUpAt() == null || nextFollowUp.isBefore(existing.getNextFollowUpAt()))) {
                existing.setNextFollowUpAt(nextFollowUp);
            }
        } else {
            contacts.add(i, new ContactInstant(at, nextFollowUp));
        }
    }

    /**
     * A contact at {@code at} by {@code groups}: the customer counts once as contacted by each of them in the week and
     * month of {@code at}. Returns the marks that are new, each one more customer contacted by its group then.
     */
    List<ContactMark> markContacted(Instant at, List<String> groups) {
        LocalDate day = settings.day(at.toEpochMilli());
        List<ContactMark> added = new ArrayList<>();
        for (Period.Calendar period : PERIODS) {
            LocalDate start = period.periodOf(day);
            String label = period.label(start);
            for (String group : groups) {
                boolean marked = state.getContactMarks().stream().anyMatch(m -> m.getGroup().equals(group) && m.getPeriod().equals(label));
                if (!marked) {
                    ContactMark mark = new ContactMark(group, label, startOf(period.next(start)));
                    state.getContactMarks().add(mark);
                    added.add(mark);
                }
            }
        }
        return added;
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(settings.zone()).toInstant();
    }

    /**
     * The intervals in which this customer is in each condition. With the tie rules of section 2: at-risk and churn
     * instants are exact, and an order exactly at the churn instant is a reactivation, so the customer is not without
     * one in between. The contact gap is exact too: a customer last contacted at c is neglected from c +
     * service.contact-gap.
     */
    Map<Condition, List<Interval>> intervals() {
        List<ActivityInstant> instants = episodes.instants();
        List<Long> activity = new ArrayList<>(instants.size() + 1);
        Long settledLast = episodes.settledLast();
        if (settledLast != null) {
            activity.add(settledLast);
        }
        instants.forEach(a -> activity.add(a.getAt().toEpochMilli()));
        List<Interval> customer = new ArrayList<>();
        List<Interval> atRisk = new ArrayList<>();
        long knownFrom = state.getFirstSeen().toEpochMilli();
        for (int i = 0; i < activity.size(); i++) {
            long at = activity.get(i);
            long next = i + 1 < activity.size() ? activity.get(i + 1) : Long.MAX_VALUE;
            LifecycleSettings.Windows windows = episodes.windowsAt(at);
            long riskAt = at + windows.atRiskAfter().toMillis();
            long churnAt = at + windows.churnAfter().toMillis();
            long riskEnds = Math.min(next, churnAt);
            if (riskAt < riskEnds) {
                atRisk.add(new Interval(riskAt, riskEnds));
            }
            if (next > churnAt) {
                customer.add(new Interval(knownFrom, churnAt));
                knownFrom = next;
            }
        }
        if (knownFrom != Long.MAX_VALUE) {
            customer.add(new Interval(knownFrom, Long.MAX_VALUE));
        }
        List<ContactInstant> contacts = state.getContacts();
        List<Interval> covered = new ArrayList<>();
        List<Interval> overdue = new ArrayList<>();
        long gap = settings.service().contactGap().toMillis();
        for (int i = 0; i < contacts.size(); i++) {
            long at = contacts.get(i).getAt().toEpochMilli();
            long next = i + 1 < contacts.size() ? contacts.get(i + 1).getAt().toEpochMilli() : Long.MAX_VALUE;
            int last = covered.size() - 1;
            if (last >= 0 && at <= covered.get(last).to()) {
                covered.set(last, new Interval(covered.get(last).from(), at + gap));
            } else {
                covered.add(new Interval(at, at + gap));
            }
            Instant reminder = contacts.get(i).getNextFollowUpAt();
            long overdueFrom = reminder == null ? Long.MAX_VALUE : Math.max(at, reminder.toEpochMilli());
            if (overdueFrom < next) {
                overdue.add(new Interval(overdueFrom, next));
            }
        }
        Map<Condition, List<Interval>> conditions = new EnumMap<>(Condition.class);
        conditions.put(Condition.CUSTOMER, customer);
        conditions.put(Condition.AT_RISK, atRisk);
        conditions.put(Condition.NEGLECTED, without(atRisk, covered));
        conditions.put(Condition.OVERDUE, overdue);
        return conditions;
    }

    /** The parts of {@code intervals} outside {@code cover}; both ascending, and the cover's intervals disjoint. */
    private static List<Interval> without(List<Interval> intervals, List<Interval> cover) {
        List<Interval> out = new ArrayList<>();
        for (Interval interval : intervals) {
            long from = interval.from();
            for (Interval c : cover) {
                if (c.to() <= from) {
                    continue;
                }
                if (c.from() >= interval.to()) {
                    break;
                }
                if (c.from() > from) {
                    out.add(new Interval(from, c.from()));
                }
                from = Math.max(from, c.to());
            }
            if (from < interval.to()) {
                out.add(new Interval(from, interval.to()));
            }
        }
        return out;
    }

    /**
     * Counts the entries into and exits from each condition up to {@code now}: in all, and in each office and staff
     * member the customer belonged to during an interval (a reassignment is an exit from the old one and an entry
     * into the new one). Returns the next instant after {@code now} at which one of them changes (null: none).
     */
    Long count(FlowTally tally, Map<Condition, List<Interval>> conditions, long now) {
        List<List<Timelines.Run>> runs = Timelines.ATTENTION.stream().map(timelines::runs).toList();
        Long next = null;
        for (Map.Entry<Condition, List<Interval>> c : conditions.entrySet()) {
            for (Interval interval : c.getValue()) {
                count(tally, c.getKey(), interval, now, runs);
                next = earlierDeadline(next, interval.from(), now);
                next = earlierDeadline(next, interval.to(), now);
            }
        }
        return next;
    }

    /** {@code end} when it is a deadline after {@code now} earlier than {@code next}, else {@code next}. */
    private static Long earlierDeadline(Long next, long end, long now) {
        return end > now && end != Long.MAX_VALUE && (next == null || end < next) ? Long.valueOf(end) : next;
    }

    private void count(FlowTally tally, Condition condition, Interval interval, long now, List<List<Timelines.Run>> runs) {
        countPart(tally, Groups.ALL, condition, interval.from(), interval.to(), now);
        for (List<Timelines.Run> dimension : runs) {
            // The first run that ends after the interval starts; runs are ascending and adjacent.
            int low = 0;
            int high = dimension.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (dimension.get(mid).to() <= interval.from()) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            for (int i = low; i < dimension.size() && dimension.get(i).from() < interval.to(); i++) {
                Timelines.Run run = dimension.get(i);
                long from = Math.max(run.from(), interval.from());
                long to = Math.min(run.to(), interval.to());
                if (from < to) {
                    countPart(tally, run.group(), condition, from, to, now);
                }
            }
        }
    }

    private void countPart(FlowTally tally, String group, Condition condition, long from, long to, long now) {
        if (from <= now) {
            tally.add(group, settings.day(from), condition, 1);
        }
        if (to <= now) {
            tally.add(group, settings.day(to), condition, -1);
        }
    }

    /**
     * The weeks and months this customer was contacted in, per group: it counts in the groups it belongs to at the
     * period's end (its last millisecond, or {@code now} while the period is open) when it is a customer or prospect
     * then ({@code customer} holds that instant) and had a contact, by anyone, in the period.
     */
    Cells<CoveredPeriod, Long> covered(List<Interval> customer, long now) {
        Cells<CoveredPeriod, Long> cells = new Cells<>();
        for (ContactInstant contact : state.getContacts()) {
            long at = contact.getAt().toEpochMilli();
            LocalDate day = settings.day(at);
            for (Period.Calendar period : PERIODS) {
                LocalDate start = period.periodOf(day);
                long end = Math.min(startOf(period.next(start)).toEpochMilli() - 1, now);
                if (at <= end && customer.stream().anyMatch(c -> c.from() <= end && end < c.to())) {
                    String label = period.label(start);
                    cells.put(new CoveredPeriod(Groups.ALL, label), 1L);
                    for (String dimension : Timelines.ATTENTION) {
                        String value = timelines.valueAt(dimension, end);
                        if (value != null) {
                            cells.put(new CoveredPeriod(Groups.of(dimension, value), label), 1L);
                        }
                    }
                }
            }
        }
        return cells;
    }

    /** Drops the contact marks of weeks and months that ended by {@code horizon}: no contact can fall in them any more. */
    void dropMarksEndedBy(long horizon) {
        if (state.getContactMarks().stream().anyMatch(m -> m.getEnds().toEpochMilli() <= horizon)) {
            state.setContactMarks(new ArrayList<>(state.getContactMarks().stream().filter(m -> m.getEnds().toEpochMilli() > horizon).toList()));
        }
    }

    /**
     * Drops the contacts that no figure from {@code until} on reads: those before the week and the month of
     * {@code until} and before the contact gap reaching it, except the last of them, whose reminder still stands.
     */
    void settle(long until) {
        LocalDate day = settings.day(until);
        long keepFrom = until - settings.service().contactGap().toMillis();
        for (Period.Calendar period : PERIODS) {
            keepFrom = Math.min(keepFrom, startOf(period.periodOf(day)).toEpochMilli());
        }
        List<ContactInstant> contacts = state.getContacts();
        int last = 0;
        while (last + 1 < contacts.size() && contacts.get(last + 1).getAt().toEpochMilli() < keepFrom) {
            last++;
        }
        if (last > 0) {
            state.setContacts(new ArrayList<>(contacts.subList(last, contacts.size())));
        }
    }
}
