package io.crmpulse.streams.lifecycle;

import io.crmpulse.events.ComplaintEvent;
import io.crmpulse.events.Envelope;
import io.crmpulse.records.CustomerValue;
import io.crmpulse.records.MonthAmount;
import io.crmpulse.state.ActivityInstant;
import io.crmpulse.state.Assignment;
import io.crmpulse.state.Complaint;
import io.crmpulse.state.ContactInstant;
import io.crmpulse.state.ContactMark;
import io.crmpulse.state.MonthRevenue;
import io.crmpulse.state.Resolution;
import io.crmpulse.state.SettledHistory;
import io.crmpulse.state.CustomerState;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.lifecycle.FlowTally.Condition;
import io.crmpulse.streams.counters.RepeatCountersTopology;
import io.crmpulse.streams.figures.Period;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lifecycle of one customer (METRICS.md section 2) derived from its activity instants and
 * assignment timelines, never from arrival order: whatever order the events came in, the same state
 * gives the same transitions. Activity instants form episodes, maximal runs whose gaps are shorter
 * than churn-after; the first episode starts with NEW, each later one with REACTIVATED, and an
 * episode whose churn instant (last activity + churn-after) stream time has reached ends with CHURNED.
 * Assignment changes strictly inside an episode's active span are transfers.
 *
 * <p>Tie rules at one instant, from the spec: deadlines apply before events (an order exactly at the
 * churn instant is a reactivation, an assignment exactly then does not move the churn); an assignment
 * applies before the activity at its instant (a customer new through office B is new in B).
 */
final class CustomerHistory {

    private static final BigDecimal NO_AMOUNT = BigDecimal.ZERO.setScale(4);

    private static final Map<String, java.util.function.Function<CustomerState, List<Assignment>>> DIMENSIONS = Map.of(
            Groups.OFFICE, CustomerState::getOffice,
            Groups.STAFF, CustomerState::getStaff,
            Groups.SEGMENT, CustomerState::getSegment,
            Groups.REGION, CustomerState::getRegion);

    private final CustomerState state;
    private final LifecycleSettings settings;

    CustomerHistory(CustomerState state, LifecycleSettings settings) {
        this.state = state;
        this.settings = settings;
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

    void seenAt(long at) {
        if (at < state.getFirstSeen().toEpochMilli()) {
            state.setFirstSeen(Instant.ofEpochMilli(at));
        }
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

    /** The periods in which customers contacted are counted (METRICS.md section 5: weekly and monthly reports). */
    private static final List<Period.Calendar> CONTACT_PERIODS = List.of(Period.Calendar.WEEK, Period.Calendar.MONTH);

    /**
     * A contact at {@code at} by {@code groups}: the customer counts once as contacted by each of them in the week and
     * month of {@code at}. Returns the marks that are new, each one more customer contacted by its group then.
     */
    List<ContactMark> markContacted(Instant at, List<String> groups) {
        LocalDate day = day(at.toEpochMilli());
        List<ContactMark> added = new ArrayList<>();
        for (Period.Calendar period : CONTACT_PERIODS) {
            LocalDate start = period.periodOf(day);
            String label = period.label(start);
            for (String group : groups) {
                boolean marked = state.getContactMarks().stream().anyMatch(m -> m.getGroup().equals(group) && m.getPeriod().equals(label));
                if (!marked) {
                    ContactMark mark = new ContactMark(group, label, period.next(start).atStartOfDay(settings.zone()).toInstant());
                    state.getContactMarks().add(mark);
                    added.add(mark);
                }
            }
        }
        return added;
    }

    /** One more order whose activity lies at {@code at}, spending {@code amount}. */
    void addActivity(long at, BigDecimal amount) {
        List<ActivityInstant> activity = state.getActivity();
        int i = 0;
        while (i < activity.size() && activity.get(i).getAt().toEpochMilli() < at) {
            i++;
        }
        if (i < activity.size() && activity.get(i).getAt().toEpochMilli() == at) {
            ActivityInstant existing = activity.get(i);
            existing.setOrders(existing.getOrders() + 1);
            existing.setAmount(existing.getAmount().add(amount));
        } else {
            activity.add(i, new ActivityInstant(Instant.ofEpochMilli(at), 1, amount));
        }
    }

    /** An order's activity moved away from {@code at} (an earlier event of the same order arrived late). */
    void removeActivity(long at, BigDecimal amount) {
        List<ActivityInstant> activity = state.getActivity();
        for (int i = 0; i < activity.size(); i++) {
            ActivityInstant a = activity.get(i);
            if (a.getAt().toEpochMilli() == at) {
                if (a.getOrders() > 1) {
                    a.setOrders(a.getOrders() - 1);
                    a.setAmount(a.getAmount().subtract(amount));
                } else {
                    activity.remove(i);
                }
                return;
            }
        }
        throw new IllegalStateException("customer " + state.getCustomerId() + " has no activity at " + Instant.ofEpochMilli(at));
    }

    /**
     * From {@code at} on the customer belongs to {@code value} of {@code dimension}. One entry per instant:
     * an explicit assignment (customer stream) wins over one taken from an order, and between equals the
     * larger id wins, so the outcome never depends on arrival order.
     */
    void assign(String dimension, long at, String value, boolean explicit) {
        List<Assignment> timeline = DIMENSIONS.get(dimension).apply(state);
        int i = 0;
        while (i < timeline.size() && timeline.get(i).getAt().toEpochMilli() < at) {
            i++;
        }
        Assignment entry = new Assignment(Instant.ofEpochMilli(at), value, explicit);
        if (i < timeline.size() && timeline.get(i).getAt().toEpochMilli() == at) {
            Assignment existing = timeline.get(i);
            boolean wins = explicit != existing.getExplicit() ? explicit : value.compareTo(existing.getValue()) > 0;
            if (wins) {
                timeline.set(i, entry);
            }
        } else {
            timeline.add(i, entry);
        }
    }

    /**
     * Episodes as {first, last} activity instants, ascending. A gap ends an episode when it reaches the
     * churn window of the segment the customer had at the activity before it (lifecycle.segments). When
     * history has been settled, the first episode is the one of the last settled activity, {last settled,
     * last}: it started before the settled instant, and the instants kept may go on with it.
     */
    List<long[]> episodes() {
        List<long[]> episodes = new ArrayList<>();
        Instant settledLast = settledLastActivity();
        if (settledLast != null) {
            episodes.add(new long[] {settledLast.toEpochMilli(), settledLast.toEpochMilli()});
        }
        for (ActivityInstant a : state.getActivity()) {
            long at = a.getAt().toEpochMilli();
            long[] current = episodes.isEmpty() ? null : episodes.get(episodes.size() - 1);
            if (current != null && at < current[1] + churnMillisAt(current[1])) {
                current[1] = at;
            } else {
                episodes.add(new long[] {at, at});
            }
        }
        return episodes;
    }

    /** The windows that apply after an activity at {@code at}: those of the segment the customer had then. */
    private LifecycleSettings.Windows windowsAt(long at) {
        return settings.windowsFor(valueAt(state.getSegment(), at));
    }

    private long churnMillisAt(long at) {
        return windowsAt(at).churnAfter().toMillis();
    }

    /**
     * Every transition with an instant at or before {@code now}, counted per group and day. Of an episode
     * carried over from settled history, only what can still change is derived: its transfers after the
     * last settled activity and its churn; its start and earlier transfers were published and are final.
     */
    private FlowTally flowsUntil(long now) {
        FlowTally tally = new FlowTally();
        List<long[]> episodes = episodes();
        boolean carried = settledLastActivity() != null;
        for (int e = 0; e < episodes.size(); e++) {
            long first = episodes.get(e)[0];
            long churnAt = episodes.get(e)[1] + churnMillisAt(episodes.get(e)[1]);
            if (first > now) {
                break;
            }
            Flow start = e > 0 ? Flow.REACTIVATED : Flow.NEW;
            boolean started = e == 0 && carried;
            if (!started) {
                tally.add(Groups.ALL, day(first), start);
            }
            boolean churned = churnAt <= now;
            if (churned) {
                tally.add(Groups.ALL, day(churnAt), Flow.CHURNED);
            }
            for (Map.Entry<String, java.util.function.Function<CustomerState, List<Assignment>>> d : DIMENSIONS.entrySet()) {
                countDimension(tally, d.getKey(), d.getValue().apply(state), first, churnAt, churned, now, started ? null : start);
            }
        }
        return tally;
    }

    /** {@code start} null: the episode started before {@code first} (carried over), so its start is not counted. */
    private void countDimension(FlowTally tally, String dimension, List<Assignment> timeline,
                                long first, long churnAt, boolean churned, long now, Flow start) {
        String current = null;
        int i = 0;
        while (i < timeline.size() && timeline.get(i).getAt().toEpochMilli() <= first) {
            current = timeline.get(i).getValue();
            i++;
        }
        if (current != null && start != null) {
            tally.add(Groups.of(dimension, current), day(first), start);
        }
        long activeUntil = Math.min(churnAt, now + 1);
        for (; i < timeline.size() && timeline.get(i).getAt().toEpochMilli() < activeUntil; i++) {
            Assignment next = timeline.get(i);
            if (!Objects.equals(next.getValue(), current)) {
                LocalDate day = day(next.getAt().toEpochMilli());
                if (current != null) {
                    tally.add(Groups.of(dimension, current), day, Flow.TRANSFERRED_OUT);
                }
                tally.add(Groups.of(dimension, next.getValue()), day, Flow.TRANSFERRED_IN);
                current = next.getValue();
            }
        }
        if (churned && current != null) {
            tally.add(Groups.of(dimension, current), day(churnAt), Flow.CHURNED);
        }
    }

    /**
     * Cohort cells of this customer (METRICS.md section 3): its cohort is the month of its first
     * activity, and it counts once in every month with activity, in {@code all} and in the office it
     * was acquired through. Activity never lies after stream time, so this does not depend on it.
     */
    Map<List<Object>, Long> cohortCells() {
        Map<List<Object>, Long> cells = new java.util.HashMap<>();
        Acquisition acquisition = acquisition();
        if (acquisition == null) {
            return cells;
        }
        java.util.Set<LocalDate> months = new java.util.TreeSet<>();
        for (ActivityInstant a : state.getActivity()) {
            months.add(day(a.getAt().toEpochMilli()).withDayOfMonth(1));
        }
        for (LocalDate month : months) {
            for (String group : acquisition.groups()) {
                cells.put(List.of(group, acquisition.cohort(), month), 1L);
            }
        }
        return cells;
    }

    /** The cohort month of a customer and the groups it counts in there: all, and the office of its first activity. */
    private record Acquisition(LocalDate cohort, List<String> groups) {
    }

    /** Null for a customer without activity, which belongs to no cohort. */
    private Acquisition acquisition() {
        SettledHistory settled = state.getSettled();
        if (settled != null && settled.getFirstActivity() != null) {
            LocalDate cohort = day(settled.getFirstActivity().toEpochMilli()).withDayOfMonth(1);
            String office = settled.getAcquisitionOffice();
            return new Acquisition(cohort, office == null ? List.of(Groups.ALL) : List.of(Groups.ALL, Groups.of(Groups.OFFICE, office)));
        }
        List<ActivityInstant> activity = state.getActivity();
        if (activity.isEmpty()) {
            return null;
        }
        long first = activity.get(0).getAt().toEpochMilli();
        String office = valueAt(state.getOffice(), first);
        return new Acquisition(day(first).withDayOfMonth(1),
                office == null ? List.of(Groups.ALL) : List.of(Groups.ALL, Groups.of(Groups.OFFICE, office)));
    }

    /** The calendar periods over which repeat purchase is kept (a day has one day, so no repeat). */
    private static final List<Period.Calendar> REPEAT_PERIODS = List.of(
            Period.Calendar.WEEK, Period.Calendar.MONTH, Period.Calendar.QUARTER, Period.Calendar.HALF_YEAR, Period.Calendar.YEAR);

    /**
     * Repeat purchase of this customer (METRICS.md section 3): per group and period (and over its whole
     * history), 1 when it had activity there while in the group, 2 when that activity fell on at least two
     * distinct days. Activity never lies after stream time, so this does not depend on it.
     */
    Map<List<String>, Integer> activityCells() {
        Map<List<String>, java.util.Set<LocalDate>> days = new java.util.HashMap<>();
        for (ActivityInstant a : state.getActivity()) {
            long at = a.getAt().toEpochMilli();
            LocalDate day = day(at);
            List<String> groups = groupsAt(at, null, null);
            List<String> labels = new ArrayList<>(REPEAT_PERIODS.size() + 1);
            labels.add(RepeatCountersTopology.LIFETIME);
            for (Period.Calendar period : REPEAT_PERIODS) {
                labels.add(period.label(period.periodOf(day)));
            }
            for (String group : groups) {
                for (String label : labels) {
                    days.computeIfAbsent(List.of(group, label), k -> new java.util.HashSet<>()).add(day);
                }
            }
        }
        // Settled days are earlier than every day kept, so whole-history counts simply add up.
        Map<String, Integer> settledDays = state.getSettled() == null ? Map.of() : state.getSettled().getDays();
        settledDays.forEach((group, n) -> days.computeIfAbsent(List.of(group, RepeatCountersTopology.LIFETIME), k -> new java.util.HashSet<>()));
        Map<List<String>, Integer> cells = new java.util.HashMap<>();
        days.forEach((cell, distinct) -> {
            int n = distinct.size() + (cell.get(1).equals(RepeatCountersTopology.LIFETIME) ? settledDays.getOrDefault(cell.get(0), 0) : 0);
            cells.put(cell, n >= 2 ? 2 : 1);
        });
        return cells;
    }

    /** Paid minus refunded changes by {@code delta} in the month of {@code at}. */
    void addRevenue(long at, BigDecimal delta) {
        LocalDate month = day(at).withDayOfMonth(1);
        List<MonthRevenue> revenue = state.getRevenue();
        int i = 0;
        while (i < revenue.size() && revenue.get(i).getMonth().isBefore(month)) {
            i++;
        }
        if (i < revenue.size() && revenue.get(i).getMonth().equals(month)) {
            BigDecimal sum = revenue.get(i).getAmount().add(delta);
            if (sum.signum() == 0) {
                revenue.remove(i);
            } else {
                revenue.get(i).setAmount(sum);
            }
        } else if (delta.signum() != 0) {
            revenue.add(i, new MonthRevenue(month, delta));
        }
    }

    /**
     * Revenue cohort cells of this customer (METRICS.md section 3): its revenue by month, net of refunds,
     * in the cohort of its first activity, in {@code all} and in the office it was acquired through (as for
     * {@link #cohortCells()}). A customer without activity belongs to no cohort and counts in none.
     */
    Map<List<Object>, BigDecimal> revenueCells() {
        Map<List<Object>, BigDecimal> cells = new java.util.HashMap<>();
        Acquisition acquisition = acquisition();
        if (acquisition == null) {
            return cells;
        }
        for (MonthRevenue r : state.getRevenue()) {
            for (String group : acquisition.groups()) {
                cells.put(List.of(group, acquisition.cohort(), r.getMonth()), r.getAmount());
            }
        }
        return cells;
    }

    /**
     * What segmentation needs of this customer (METRICS.md section 7): its office now, and revenue by month and
     * distinct activity days from {@code monthsBack} months before the month of {@code now} on.
     */
    CustomerValue value(long now, int monthsBack) {
        LocalDate from = day(now).withDayOfMonth(1).minusMonths(monthsBack);
        List<MonthAmount> revenue = new ArrayList<>();
        for (MonthRevenue r : state.getRevenue()) {
            if (!r.getMonth().isBefore(from)) {
                revenue.add(new MonthAmount(r.getMonth(), r.getAmount()));
            }
        }
        java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>();
        for (ActivityInstant a : state.getActivity()) {
            LocalDate d = day(a.getAt().toEpochMilli());
            if (!d.isBefore(from)) {
                days.add(d);
            }
        }
        return new CustomerValue(state.getCustomerId(), valueAt(state.getOffice(), now), revenue, new ArrayList<>(days));
    }

    /** One complaint event applied to its complaint, whatever order the complaint's events come in. */
    void complaint(ComplaintEvent event) {
        Envelope envelope = event.getEnvelope();
        Instant at = envelope.getOccurredAt();
        List<Complaint> complaints = state.getComplaints();
        Complaint complaint = complaints.stream().filter(c -> c.getComplaintId().equals(event.getComplaintId())).findFirst()
                .orElseGet(() -> {
                    Complaint c = new Complaint(event.getComplaintId(), null, null, null, new ArrayList<>(), new ArrayList<>());
                    complaints.add(c);
                    return c;
                });
        switch (event.getType()) {
            case OPENED -> {
                if (complaint.getOpenedAt() == null || at.isBefore(complaint.getOpenedAt())) {
                    complaint.setOpenedAt(at);
                    complaint.setOfficeId(envelope.getOfficeId());
                    complaint.setStaffId(envelope.getStaffId());
                }
            }
            case RESOLVED -> {
                List<Resolution> resolutions = complaint.getResolutions();
                int i = 0;
                while (i < resolutions.size() && !resolutions.get(i).getAt().isAfter(at)) {
                    i++;
                }
                resolutions.add(i, new Resolution(at, event.getSatisfied()));
            }
            case REOPENED -> {
                List<Instant> reopens = complaint.getReopens();
                int i = 0;
                while (i < reopens.size() && !reopens.get(i).isAfter(at)) {
                    i++;
                }
                reopens.add(i, at);
            }
        }
    }

    /**
     * The complaint counts of this customer (METRICS.md section 4). A complaint counts in the groups its
     * customer belonged to when it was opened (or, before its OPENED event has arrived, at its first
     * event); where the customer had no office or staff then, in the office and staff the OPENED event names.
     */
    ComplaintTally complaintTally() {
        ComplaintTally tally = new ComplaintTally();
        for (Complaint c : state.getComplaints()) {
            for (String group : groupsAt(anchor(c).toEpochMilli(), c.getOfficeId(), c.getStaffId())) {
                countComplaint(tally, group, c);
            }
        }
        return tally;
    }

    /** The instant whose groups a complaint counts in: its opening, or before that has arrived, its first event. */
    private static Instant anchor(Complaint c) {
        List<Resolution> resolutions = c.getResolutions();
        return c.getOpenedAt() != null ? c.getOpenedAt() : !resolutions.isEmpty() ? resolutions.get(0).getAt() : c.getReopens().get(0);
    }

    private void countComplaint(ComplaintTally tally, String group, Complaint c) {
        if (c.getOpenedAt() != null) {
            tally.add(group, day(c.getOpenedAt().toEpochMilli()), ComplaintTally.Count.OPENED);
        }
        for (int i = 0; i < c.getResolutions().size(); i++) {
            Resolution r = c.getResolutions().get(i);
            LocalDate day = day(r.getAt().toEpochMilli());
            tally.add(group, day, ComplaintTally.Count.RESOLVED);
            if (r.getSatisfied() != null) {
                tally.add(group, day, ComplaintTally.Count.ANSWERED);
                if (r.getSatisfied()) {
                    tally.add(group, day, ComplaintTally.Count.SATISFIED);
                }
            }
            // Time to resolve runs from the opening to the first resolution; a resolution stamped before
            // the opening (clocks of two systems) has no meaningful duration and is left out of it.
            if (i == 0 && c.getOpenedAt() != null && !r.getAt().isBefore(c.getOpenedAt())) {
                long millis = r.getAt().toEpochMilli() - c.getOpenedAt().toEpochMilli();
                tally.add(group, day, ComplaintTally.Count.FIRST_RESOLVED);
                tally.addResolveTime(group, day, millis);
                if (millis <= settings.resolveSla().toMillis()) {
                    tally.add(group, day, ComplaintTally.Count.SLA_MET);
                }
            }
        }
        for (Instant reopen : c.getReopens()) {
            tally.add(group, day(reopen.toEpochMilli()), ComplaintTally.Count.REOPENED);
        }
    }

    /**
     * The groups the customer belongs to at {@code at}: all, and its office, staff, segment and region then;
     * where it has no office or staff then, {@code officeFallback} and {@code staffFallback} (may be null).
     */
    private List<String> groupsAt(long at, String officeFallback, String staffFallback) {
        List<String> groups = new ArrayList<>();
        groups.add(Groups.ALL);
        for (Map.Entry<String, java.util.function.Function<CustomerState, List<Assignment>>> d : DIMENSIONS.entrySet()) {
            String value = valueAt(d.getValue().apply(state), at);
            if (value == null) {
                value = d.getKey().equals(Groups.OFFICE) ? officeFallback : d.getKey().equals(Groups.STAFF) ? staffFallback : null;
            }
            if (value != null) {
                groups.add(Groups.of(d.getKey(), value));
            }
        }
        return groups;
    }

    /** The value of a timeline at {@code at} (the latest assignment at or before it), or null. */
    private static String valueAt(List<Assignment> timeline, long at) {
        String value = null;
        for (Assignment a : timeline) {
            if (a.getAt().toEpochMilli() > at) {
                break;
            }
            value = a.getValue();
        }
        return value;
    }

    /**
     * What of this customer moves with stream time, as recognised up to {@code now}: its transitions with its entries
     * into and exits from the conditions that ask for a contact, the weeks and months it was contacted in, and the
     * next instant after {@code now} at which one of these changes without any event (null: none).
     */
    record Recognized(FlowTally flows, Map<List<String>, Long> covered, Long nextDeadline) {
    }

    Recognized recognizedUntil(long now) {
        Map<Condition, List<long[]>> conditions = conditions();
        FlowTally flows = flowsUntil(now);
        List<List<Run>> runs = ATTENTION_DIMENSIONS.stream().map(this::runs).toList();
        Long next = null;
        for (Map.Entry<Condition, List<long[]>> c : conditions.entrySet()) {
            for (long[] interval : c.getValue()) {
                countCondition(flows, c.getKey(), interval, now, runs);
                for (long end : interval) {
                    if (end > now && end != Long.MAX_VALUE && (next == null || end < next)) {
                        next = end;
                    }
                }
            }
        }
        return new Recognized(flows, coveredCells(conditions.get(Condition.CUSTOMER), now), next);
    }

    /**
     * Every office and staff group in this customer's timelines as kept (so at least those it belongs to at any
     * instant still read): the groups whose index of members lists it.
     */
    java.util.Set<String> memberGroups() {
        java.util.Set<String> groups = new java.util.HashSet<>();
        for (String dimension : ATTENTION_DIMENSIONS) {
            for (Assignment a : DIMENSIONS.get(dimension).apply(state)) {
                groups.add(Groups.of(dimension, a.getValue()));
            }
        }
        return groups;
    }

    /** The groups whose members' customers need contacts (METRICS.md section 5): the office and staff a customer belongs to. */
    private static final List<String> ATTENTION_DIMENSIONS = List.of(Groups.OFFICE, Groups.STAFF);

    /**
     * The intervals [from, to) of event time (to is Long.MAX_VALUE while it lasts) in which this customer is in each
     * condition (METRICS.md section 5). With the tie rules of section 2: at-risk and churn instants are exact, and an
     * order exactly at the churn instant is a reactivation, so the customer is not without one in between. The
     * contact gap is exact too: a customer last contacted at c is neglected from c + service.contact-gap.
     */
    private Map<Condition, List<long[]>> conditions() {
        List<Long> activity = new ArrayList<>(state.getActivity().size() + 1);
        Instant settledLast = settledLastActivity();
        if (settledLast != null) {
            activity.add(settledLast.toEpochMilli());
        }
        state.getActivity().forEach(a -> activity.add(a.getAt().toEpochMilli()));
        List<long[]> customer = new ArrayList<>();
        List<long[]> atRisk = new ArrayList<>();
        long knownFrom = state.getFirstSeen().toEpochMilli();
        for (int i = 0; i < activity.size(); i++) {
            long at = activity.get(i);
            long next = i + 1 < activity.size() ? activity.get(i + 1) : Long.MAX_VALUE;
            LifecycleSettings.Windows windows = windowsAt(at);
            long riskAt = at + windows.atRiskAfter().toMillis();
            long churnAt = at + windows.churnAfter().toMillis();
            long riskEnds = Math.min(next, churnAt);
            if (riskAt < riskEnds) {
                atRisk.add(new long[] {riskAt, riskEnds});
            }
            if (next > churnAt) {
                customer.add(new long[] {knownFrom, churnAt});
                knownFrom = next;
            }
        }
        if (knownFrom != Long.MAX_VALUE) {
            customer.add(new long[] {knownFrom, Long.MAX_VALUE});
        }
        List<ContactInstant> contacts = state.getContacts();
        List<long[]> covered = new ArrayList<>();
        List<long[]> overdue = new ArrayList<>();
        long gap = settings.service().contactGap().toMillis();
        for (int i = 0; i < contacts.size(); i++) {
            long at = contacts.get(i).getAt().toEpochMilli();
            long next = i + 1 < contacts.size() ? contacts.get(i + 1).getAt().toEpochMilli() : Long.MAX_VALUE;
            long[] last = covered.isEmpty() ? null : covered.get(covered.size() - 1);
            if (last != null && at <= last[1]) {
                last[1] = at + gap;
            } else {
                covered.add(new long[] {at, at + gap});
            }
            Instant reminder = contacts.get(i).getNextFollowUpAt();
            long overdueFrom = reminder == null ? Long.MAX_VALUE : Math.max(at, reminder.toEpochMilli());
            if (overdueFrom < next) {
                overdue.add(new long[] {overdueFrom, next});
            }
        }
        Map<Condition, List<long[]>> conditions = new java.util.EnumMap<>(Condition.class);
        conditions.put(Condition.CUSTOMER, customer);
        conditions.put(Condition.AT_RISK, atRisk);
        conditions.put(Condition.NEGLECTED, without(atRisk, covered));
        conditions.put(Condition.OVERDUE, overdue);
        return conditions;
    }

    /** The parts of {@code intervals} outside {@code cover}; both ascending, and the cover's intervals disjoint. */
    private static List<long[]> without(List<long[]> intervals, List<long[]> cover) {
        List<long[]> out = new ArrayList<>();
        for (long[] interval : intervals) {
            long from = interval[0];
            for (long[] c : cover) {
                if (c[1] <= from) {
                    continue;
                }
                if (c[0] >= interval[1]) {
                    break;
                }
                if (c[0] > from) {
                    out.add(new long[] {from, c[0]});
                }
                from = Math.max(from, c[1]);
            }
            if (from < interval[1]) {
                out.add(new long[] {from, interval[1]});
            }
        }
        return out;
    }

    /** A run of one value in a timeline, [from, to) (to is Long.MAX_VALUE for the last), as its group. */
    private record Run(long from, long to, String group) {
    }

    /**
     * The runs of a dimension's timeline: consecutive entries of one value are one run (an order names its office
     * each time, so a timeline repeats its value as often as the customer ordered).
     */
    private List<Run> runs(String dimension) {
        List<Assignment> timeline = DIMENSIONS.get(dimension).apply(state);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < timeline.size(); ) {
            String value = timeline.get(i).getValue();
            int next = i + 1;
            while (next < timeline.size() && timeline.get(next).getValue().equals(value)) {
                next++;
            }
            long to = next < timeline.size() ? timeline.get(next).getAt().toEpochMilli() : Long.MAX_VALUE;
            runs.add(new Run(timeline.get(i).getAt().toEpochMilli(), to, Groups.of(dimension, value)));
            i = next;
        }
        return runs;
    }

    /**
     * One interval of a condition as entries and exits up to {@code now}: in all, and in each office and staff
     * member the customer belonged to during it (a reassignment is an exit from the old one and an entry into the
     * new one). {@code runs} are those of each of {@link #ATTENTION_DIMENSIONS}.
     */
    private void countCondition(FlowTally tally, Condition condition, long[] interval, long now, List<List<Run>> runs) {
        countPart(tally, Groups.ALL, condition, interval[0], interval[1], now);
        for (List<Run> dimension : runs) {
            // The first run that ends after the interval starts; runs are ascending and adjacent.
            int low = 0;
            int high = dimension.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (dimension.get(mid).to() <= interval[0]) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            for (int i = low; i < dimension.size() && dimension.get(i).from() < interval[1]; i++) {
                Run run = dimension.get(i);
                long from = Math.max(run.from(), interval[0]);
                long to = Math.min(run.to(), interval[1]);
                if (from < to) {
                    countPart(tally, run.group(), condition, from, to, now);
                }
            }
        }
    }

    private void countPart(FlowTally tally, String group, Condition condition, long from, long to, long now) {
        if (from <= now) {
            tally.add(group, day(from), condition, 1);
        }
        if (to <= now) {
            tally.add(group, day(to), condition, -1);
        }
    }

    /**
     * The weeks and months this customer was contacted in (METRICS.md section 5), per group: it counts in the groups
     * it belongs to at the period's end (its last millisecond, or {@code now} while the period is open) when it is a
     * customer or prospect then ({@code customer} holds that instant) and had a contact, by anyone, in the period.
     */
    private Map<List<String>, Long> coveredCells(List<long[]> customer, long now) {
        Map<List<String>, Long> cells = new java.util.HashMap<>();
        for (ContactInstant contact : state.getContacts()) {
            LocalDate day = day(contact.getAt().toEpochMilli());
            for (Period.Calendar period : CONTACT_PERIODS) {
                LocalDate start = period.periodOf(day);
                long end = Math.min(period.next(start).atStartOfDay(settings.zone()).toInstant().toEpochMilli() - 1, now);
                if (contact.getAt().toEpochMilli() <= end && customer.stream().anyMatch(c -> c[0] <= end && end < c[1])) {
                    String label = period.label(start);
                    cells.put(List.of(Groups.ALL, label), 1L);
                    for (String dimension : ATTENTION_DIMENSIONS) {
                        String value = valueAt(DIMENSIONS.get(dimension).apply(state), end);
                        if (value != null) {
                            cells.put(List.of(Groups.of(dimension, value), label), 1L);
                        }
                    }
                }
            }
        }
        return cells;
    }

    private Instant settledLastActivity() {
        return state.getSettled() == null ? null : state.getSettled().getLastActivity();
    }

    /**
     * Folds into {@link SettledHistory} what no event can change any more once no event before {@code horizon}
     * is accepted (lifecycle.max-lateness), and drops it, so that the state of a customer is bounded by the
     * windows rather than by the length of its history. The settled instant is the start of a day no later
     * than the start of every repeat-purchase period containing the horizon (their cells before it are
     * final) and than the segmentation window (which reads activity days and monthly revenue), so it lies
     * a month boundary or more behind the horizon. Every figure is derived as a difference of before and
     * after one event, so figures that settled history no longer yields are those no event can change.
     * Kept: the first activity (cohort, first purchase), the last settled activity (its episode may go on),
     * per-group counts of distinct days (lifetime repeat purchase) and the repeat spend, and each assignment
     * timeline from its value at the earliest instant still read. Contact marks go once their week or month ended
     * before the horizon. Contacts are kept from the week, the month and the contact gap that reach the settled
     * instant, with the one before them. A complaint is dropped once it was resolved
     * and all its events lie before the settled instant; should it be reopened after all, it counts anew in
     * the customer's groups of then.
     */
    void settle(long horizon) {
        // A week or month that ended before the horizon gets no more contacts.
        if (state.getContactMarks().stream().anyMatch(m -> m.getEnds().toEpochMilli() <= horizon)) {
            state.setContactMarks(new ArrayList<>(state.getContactMarks().stream().filter(m -> m.getEnds().toEpochMilli() > horizon).toList()));
        }
        LocalDate h = day(horizon);
        LocalDate earliestRead = h.withDayOfMonth(1).minusMonths(settings.segmentation().windowMonths());
        for (Period.Calendar period : REPEAT_PERIODS) {
            LocalDate start = period.periodOf(h);
            earliestRead = start.isBefore(earliestRead) ? start : earliestRead;
        }
        LocalDate cut = earliestRead;
        long until = cut.atStartOfDay(settings.zone()).toInstant().toEpochMilli();
        SettledHistory settled = state.getSettled();
        if (settled != null && settled.getUntil().toEpochMilli() >= until) {
            return;
        }
        if (settled == null) {
            settled = new SettledHistory(Instant.ofEpochMilli(until), null, null, null, 0, new java.util.HashMap<>(), NO_AMOUNT);
        }
        settleActivity(settled, until);
        settleContacts(until);
        // Copies: the lists a state store hands out do not support removal by iterator.
        state.setRevenue(new ArrayList<>(state.getRevenue().stream().filter(r -> !r.getMonth().isBefore(cut)).toList()));
        state.setComplaints(new ArrayList<>(state.getComplaints().stream()
                .filter(c -> c.getOpenedAt() == null || c.getResolutions().isEmpty() || lastInstant(c) >= until).toList()));
        long timelinesRead = until;
        if (settled.getLastActivity() != null) {
            timelinesRead = Math.min(timelinesRead, settled.getLastActivity().toEpochMilli());
        }
        for (Complaint c : state.getComplaints()) {
            timelinesRead = Math.min(timelinesRead, anchor(c).toEpochMilli());
        }
        for (java.util.function.Function<CustomerState, List<Assignment>> timeline : DIMENSIONS.values()) {
            dropBefore(timeline.apply(state), timelinesRead);
        }
        settled.setUntil(Instant.ofEpochMilli(until));
        state.setSettled(settled);
    }

    /** Folds the activity instants before {@code until} into {@code settled}. */
    private void settleActivity(SettledHistory settled, long until) {
        List<ActivityInstant> activity = state.getActivity();
        int n = 0;
        while (n < activity.size() && activity.get(n).getAt().toEpochMilli() < until) {
            n++;
        }
        if (n == 0) {
            return;
        }
        List<ActivityInstant> folded = activity.subList(0, n);
        if (settled.getFirstActivity() == null) {
            Instant first = folded.get(0).getAt();
            settled.setFirstActivity(first);
            settled.setAcquisitionOffice(valueAt(state.getOffice(), first.toEpochMilli()));
        }
        LocalDate firstDay = day(settled.getFirstActivity().toEpochMilli());
        Map<String, java.util.Set<LocalDate>> days = new java.util.HashMap<>();
        BigDecimal repeatSpend = settled.getRepeatSpend();
        for (ActivityInstant a : folded) {
            long at = a.getAt().toEpochMilli();
            for (String group : groupsAt(at, null, null)) {
                days.computeIfAbsent(group, g -> new java.util.HashSet<>()).add(day(at));
            }
            if (!day(at).equals(firstDay)) {
                repeatSpend = repeatSpend.add(a.getAmount());
            }
        }
        days.forEach((group, distinct) -> settled.getDays().merge(group, distinct.size(), Integer::sum));
        settled.setRepeatSpend(repeatSpend);
        settled.setLastActivity(folded.get(n - 1).getAt());
        settled.setActivities(settled.getActivities() + n);
        folded.clear();
    }

    /**
     * Drops the contacts that no figure from {@code until} on reads: those before the week and the month of
     * {@code until} and before the contact gap reaching it, except the last of them, whose reminder still stands.
     */
    private void settleContacts(long until) {
        LocalDate day = day(until);
        long keepFrom = until - settings.service().contactGap().toMillis();
        for (Period.Calendar period : CONTACT_PERIODS) {
            keepFrom = Math.min(keepFrom, period.periodOf(day).atStartOfDay(settings.zone()).toInstant().toEpochMilli());
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

    /** Drops the entries of a timeline before the one in force at {@code at}. */
    private static void dropBefore(List<Assignment> timeline, long at) {
        int inForce = 0;
        while (inForce + 1 < timeline.size() && timeline.get(inForce + 1).getAt().toEpochMilli() <= at) {
            inForce++;
        }
        timeline.subList(0, inForce).clear();
    }

    private static long lastInstant(Complaint c) {
        long last = c.getOpenedAt().toEpochMilli();
        for (Resolution r : c.getResolutions()) {
            last = Math.max(last, r.getAt().toEpochMilli());
        }
        for (Instant reopen : c.getReopens()) {
            last = Math.max(last, reopen.toEpochMilli());
        }
        return last;
    }

    private LocalDate day(long at) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(at), settings.zone());
    }
}
