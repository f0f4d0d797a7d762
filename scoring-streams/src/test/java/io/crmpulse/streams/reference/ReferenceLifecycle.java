package io.crmpulse.streams.reference;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * METRICS.md sections 2 to 5 written down as directly as possible, for checking the topology: each
 * customer's events are replayed in event-time order, deadlines before events at one instant and an
 * assignment before the activity at its instant, and every transition is counted on its day; repeat
 * purchase, complaints and contacts are counted from the whole list of events. It shares no code with the topology
 * (no episodes, no differences, no stores).
 */
public final class ReferenceLifecycle {

    /** An order of {@code customer} through {@code office} (null: none), or, when {@code order} is false, an assignment. */
    public record Event(String customer, Instant at, String office, boolean order) {
    }

    /** A complaint event: {@code type} is OPENED, RESOLVED or REOPENED; {@code satisfied} only on RESOLVED, may be null. */
    public record Complaint(String customer, String id, String type, Instant at, Boolean satisfied) {
    }

    /** A payment (PAID) or refund (REFUNDED) of the order {@code orderId} of {@code customer}. */
    public record Payment(String customer, String orderId, boolean refund, Instant at, java.math.BigDecimal amount) {
    }

    private final Duration atRiskAfter;
    private final Duration churnAfter;
    private final Duration resolveSla;
    private final Duration contactGap;
    /** analytics.zone: the zone of days, weeks and months. */
    private final ZoneId zone;

    public ReferenceLifecycle(Duration atRiskAfter, Duration churnAfter, Duration resolveSla, Duration contactGap, ZoneId zone) {
        this.atRiskAfter = atRiskAfter;
        this.churnAfter = churnAfter;
        this.resolveSla = resolveSla;
        this.contactGap = contactGap;
        this.zone = zone;
    }

    /**
     * The customers that need a contact (METRICS.md section 5) per group (all, and the customer's office then) at the
     * end of every day (in the zone) from the first event's to stream time's (for that day, at stream time); {@code firstSeen}
     * is each customer's earliest event of any kind: {customers and
     * prospects (known by any event of theirs and not CHURNED), AT_RISK customers, AT_RISK ones whose last contact is
     * service.contact-gap or more ago, customers whose last contact's reminder (the earliest, of contacts at one
     * instant) has passed}. Contacts set their reminder 7 days ahead.
     */
    public Map<String, Map<LocalDate, List<Long>>> attentionAtDayEnds(List<Event> events, List<Contact> contacts,
                                                                       Map<String, Instant> firstSeen, Instant streamTime) {
        Instant first = firstSeen.values().stream().min(Instant::compareTo).orElseThrow();
        Map<String, Map<LocalDate, List<Long>>> out = new TreeMap<>();
        for (LocalDate day = LocalDate.ofInstant(first, zone); !day.isAfter(LocalDate.ofInstant(streamTime, zone));
             day = day.plusDays(1)) {
            Instant end = day.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
            Instant t = end.isBefore(streamTime) ? end : streamTime;
            for (String customer : firstSeen.keySet()) {
                if (firstSeen.get(customer).isAfter(t)) {
                    continue;
                }
                String state = stateAt(events, customer, t);
                Instant lastContact = null;
                Instant reminder = null;
                for (Contact c : contacts) {
                    if (!c.customer().equals(customer) || c.at().isAfter(t)) {
                        continue;
                    }
                    Instant r = c.setsReminder() ? c.at().plus(Duration.ofDays(7)) : null;
                    if (lastContact == null || c.at().isAfter(lastContact)) {
                        lastContact = c.at();
                        reminder = r;
                    } else if (c.at().equals(lastContact) && r != null && (reminder == null || r.isBefore(reminder))) {
                        reminder = r;
                    }
                }
                boolean atRisk = state.equals("AT_RISK");
                long[] counts = {
                    state.equals("CHURNED") ? 0 : 1,
                    atRisk ? 1 : 0,
                    atRisk && (lastContact == null || !lastContact.isAfter(t.minus(contactGap))) ? 1 : 0,
                    reminder != null && !reminder.isAfter(t) ? 1 : 0};
                for (String group : groupsAt(events, customer, t)) {
                    List<Long> cell = out.computeIfAbsent(group, g -> new TreeMap<>())
                            .computeIfAbsent(day, d -> new ArrayList<>(List.of(0L, 0L, 0L, 0L)));
                    for (int i = 0; i < counts.length; i++) {
                        cell.set(i, cell.get(i) + counts[i]);
                    }
                }
            }
        }
        out.values().forEach(byDay -> byDay.values().removeIf(v -> v.equals(List.of(0L, 0L, 0L, 0L))));
        return out;
    }

    /**
     * Customers contacted (METRICS.md section 5) per group and ISO week (in the zone) or month: customers with a contact by
     * anyone in the period that are not CHURNED at its end (its last millisecond, or stream time while it lasts),
     * counted in the group they belong to then.
     */
    public Map<String, Map<String, Long>> customersCoveredByContacts(List<Event> events, List<Contact> contacts, Instant streamTime) {
        Map<List<String>, java.util.Set<String>> customers = new HashMap<>();
        for (Contact c : contacts) {
            LocalDate day = LocalDate.ofInstant(c.at(), zone);
            LocalDate monday = day.minusDays(day.getDayOfWeek().getValue() - 1);
            String week = String.format("%d-W%02d", day.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                    day.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            Map<String, LocalDate> periodEnds = Map.of(week, monday.plusWeeks(1), day.toString().substring(0, 7), day.withDayOfMonth(1).plusMonths(1));
            periodEnds.forEach((label, endDay) -> {
                Instant end = endDay.atStartOfDay(zone).toInstant().minusMillis(1);
                Instant t = end.isBefore(streamTime) ? end : streamTime;
                if (!stateAt(events, c.customer(), t).equals("CHURNED")) {
                    for (String group : groupsAt(events, c.customer(), t)) {
                        customers.computeIfAbsent(List.of(group, label), k -> new java.util.HashSet<>()).add(c.customer());
                    }
                }
            });
        }
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        customers.forEach((key, distinct) -> counts.computeIfAbsent(key.get(0), g -> new TreeMap<>()).put(key.get(1), (long) distinct.size()));
        return counts;
    }

    /** PROSPECT, ACTIVE, AT_RISK or CHURNED at {@code t}, from the customer's last order at or before it. */
    private String stateAt(List<Event> events, String customer, Instant t) {
        Instant last = null;
        for (Event e : events) {
            if (e.order() && e.customer().equals(customer) && !e.at().isAfter(t) && (last == null || e.at().isAfter(last))) {
                last = e.at();
            }
        }
        if (last == null) {
            return "PROSPECT";
        }
        return !t.isBefore(last.plus(churnAfter)) ? "CHURNED" : !t.isBefore(last.plus(atRiskAfter)) ? "AT_RISK" : "ACTIVE";
    }

    /** The office of {@code customer} at {@code at}: the office of its latest event with one at or before {@code at}. */
    private static String officeAt(List<Event> events, String customer, Instant at) {
        Event latest = null;
        for (Event e : events) {
            if (e.customer().equals(customer) && e.office() != null && !e.at().isAfter(at)
                    && (latest == null || e.at().isAfter(latest.at()))) {
                latest = e;
            }
        }
        return latest == null ? null : latest.office();
    }

    private static List<String> groupsAt(List<Event> events, String customer, Instant at) {
        String office = officeAt(events, customer, at);
        return office == null ? List.of("all") : List.of("all", "office:" + office);
    }

    /** A contact with {@code customer} by {@code staff} of {@code office}: VISIT, REVISIT or CALL, perhaps setting a reminder. */
    public record Contact(String customer, String office, String staff, String type, Instant at, boolean setsReminder) {
    }

    /**
     * Contact work (METRICS.md section 5) per group (all, the office and staff the contact names) and day (in the zone):
     * {visits, revisits, other contacts, reminders set}.
     */
    public Map<String, Map<LocalDate, List<Long>>> contactWork(List<Contact> contacts) {
        Map<String, Map<LocalDate, List<Long>>> work = new TreeMap<>();
        for (Contact c : contacts) {
            for (String group : List.of("all", "office:" + c.office(), "staff:" + c.staff())) {
                List<Long> day = work.computeIfAbsent(group, g -> new TreeMap<>())
                        .computeIfAbsent(LocalDate.ofInstant(c.at(), zone), d -> new ArrayList<>(List.of(0L, 0L, 0L, 0L)));
                int kind = c.type().equals("VISIT") ? 0 : c.type().equals("REVISIT") ? 1 : 2;
                day.set(kind, day.get(kind) + 1);
                day.set(3, day.get(3) + (c.setsReminder() ? 1 : 0));
            }
        }
        return work;
    }

    /**
     * Customers contacted (METRICS.md section 5) per group (all, the office and staff the contact names) and the zone
     * ISO week ({@code 2024-W05}) or month ({@code 2024-02}): distinct customers with a contact by the group then.
     */
    public Map<String, Map<String, Long>> customersContacted(List<Contact> contacts) {
        Map<List<String>, java.util.Set<String>> customers = new HashMap<>();
        for (Contact c : contacts) {
            LocalDate day = LocalDate.ofInstant(c.at(), zone);
            String week = String.format("%d-W%02d", day.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                    day.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            for (String group : List.of("all", "office:" + c.office(), "staff:" + c.staff())) {
                for (String label : List.of(week, day.toString().substring(0, 7))) {
                    customers.computeIfAbsent(List.of(group, label), k -> new java.util.HashSet<>()).add(c.customer());
                }
            }
        }
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        customers.forEach((key, distinct) -> counts.computeIfAbsent(key.get(0), g -> new TreeMap<>()).put(key.get(1), (long) distinct.size()));
        return counts;
    }

    /**
     * Repeat purchase (METRICS.md section 3) per group and month (in the zone) label ({@code 2024-03}) and over whole
     * histories ({@code lifetime}): {customers with an order there while in the group, those with orders on
     * two or more distinct days}.
     */
    public Map<String, Map<String, List<Long>>> repeatPurchase(List<Event> events) {
        Map<List<String>, java.util.Set<LocalDate>> days = new HashMap<>();
        for (Event e : events) {
            if (!e.order()) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(e.at(), zone);
            for (String group : groupsAt(events, e.customer(), e.at())) {
                for (String label : List.of(day.toString().substring(0, 7), "lifetime")) {
                    days.computeIfAbsent(List.of(e.customer(), group, label), k -> new java.util.HashSet<>()).add(day);
                }
            }
        }
        Map<String, Map<String, List<Long>>> cells = new TreeMap<>();
        days.forEach((key, distinct) -> {
            List<Long> cell = cells.computeIfAbsent(key.get(1), g -> new TreeMap<>())
                    .computeIfAbsent(key.get(2), l -> new ArrayList<>(List.of(0L, 0L)));
            cell.set(0, cell.get(0) + 1);
            cell.set(1, cell.get(1) + (distinct.size() >= 2 ? 1 : 0));
        });
        return cells;
    }

    /**
     * Revenue cohorts (METRICS.md section 3) per group (all, and the office at the customer's first order) and
     * cohort month (of the first order): the paid amount by month (in the zone), each order's first payment in its month
     * minus each refund in its own.
     */
    public Map<String, Map<String, Map<String, java.math.BigDecimal>>> revenueCohorts(List<Event> events, List<Payment> payments) {
        Map<String, Instant> firstOrder = new HashMap<>();
        for (Event e : events) {
            if (e.order()) {
                firstOrder.merge(e.customer(), e.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        Map<String, Payment> firstPayment = new HashMap<>();
        List<Payment> counted = new ArrayList<>();
        for (Payment p : payments) {
            if (p.refund()) {
                counted.add(p);
            } else {
                firstPayment.merge(p.customer() + "/" + p.orderId(), p, (a, b) -> a.at().isBefore(b.at()) ? a : b);
            }
        }
        counted.addAll(firstPayment.values());
        Map<String, Map<String, Map<String, java.math.BigDecimal>>> cells = new TreeMap<>();
        for (Payment p : counted) {
            Instant first = firstOrder.get(p.customer());
            String cohort = LocalDate.ofInstant(first, zone).toString().substring(0, 7);
            String month = LocalDate.ofInstant(p.at(), zone).toString().substring(0, 7);
            java.math.BigDecimal amount = p.refund() ? p.amount().negate() : p.amount();
            for (String group : groupsAt(events, p.customer(), first)) {
                cells.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(cohort, c -> new TreeMap<>())
                        .merge(month, amount, java.math.BigDecimal::add);
            }
        }
        return cells;
    }

    /**
     * Complaint counts (METRICS.md section 4) per group (the customer's at the opening) and day (in the zone):
     * opened, resolved, first resolved, answered, satisfied, within the SLA, reopened, then each time to
     * resolve of the day's first resolutions, ascending, as (millis, count) pairs.
     */
    public Map<String, Map<LocalDate, List<Long>>> dailyComplaints(List<Event> events, List<Complaint> complaints) {
        Map<String, List<Complaint>> byId = new TreeMap<>();
        for (Complaint c : complaints) {
            byId.computeIfAbsent(c.customer() + "/" + c.id(), k -> new ArrayList<>()).add(c);
        }
        Map<String, Map<LocalDate, long[]>> counts = new TreeMap<>();
        Map<String, Map<LocalDate, TreeMap<Long, Long>>> times = new TreeMap<>();
        for (List<Complaint> one : byId.values()) {
            one.sort(Comparator.comparing(Complaint::at));
            Instant opened = one.stream().filter(c -> c.type().equals("OPENED")).map(Complaint::at).findFirst().orElse(null);
            Instant anchor = opened != null ? opened : one.get(0).at();
            boolean firstResolution = true;
            for (String group : groupsAt(events, one.get(0).customer(), anchor)) {
                firstResolution = true;
                for (Complaint c : one) {
                    LocalDate day = LocalDate.ofInstant(c.at(), zone);
                    long[] v = counts.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(day, d -> new long[7]);
                    switch (c.type()) {
                        case "OPENED" -> v[0] += c.at().equals(opened) ? 1 : 0;
                        case "REOPENED" -> v[6]++;
                        default -> {
                            v[1]++;
                            if (c.satisfied() != null) {
                                v[3]++;
                                v[4] += c.satisfied() ? 1 : 0;
                            }
                            if (firstResolution && opened != null && !c.at().isBefore(opened)) {
                                long millis = Duration.between(opened, c.at()).toMillis();
                                v[2]++;
                                v[5] += millis <= resolveSla.toMillis() ? 1 : 0;
                                times.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(day, d -> new TreeMap<>())
                                        .merge(millis, 1L, Long::sum);
                            }
                            firstResolution = false;
                        }
                    }
                }
            }
        }
        Map<String, Map<LocalDate, List<Long>>> out = new TreeMap<>();
        counts.forEach((group, byDay) -> byDay.forEach((day, v) -> {
            List<Long> row = new ArrayList<>(java.util.Arrays.stream(v).boxed().toList());
            times.getOrDefault(group, Map.of()).getOrDefault(day, new TreeMap<>()).forEach((millis, n) -> {
                row.add(millis);
                row.add(n);
            });
            out.computeIfAbsent(group, g -> new TreeMap<>()).put(day, row);
        }));
        return out;
    }

    /** Per group ({@code all}, {@code office:X}) and day (in the zone): new, reactivated, churned, transferred in, transferred out. */
    public Map<String, Map<LocalDate, long[]>> dailyFlows(List<Event> events, Instant streamTime) {
        Map<String, Map<LocalDate, long[]>> flows = new TreeMap<>();
        Map<String, List<Event>> byCustomer = new TreeMap<>();
        for (Event e : events) {
            byCustomer.computeIfAbsent(e.customer(), c -> new ArrayList<>()).add(e);
        }
        for (List<Event> history : byCustomer.values()) {
            // At one instant the assignment comes before the activity (an order's own office is applied first too).
            history.sort(Comparator.comparing(Event::at).thenComparing(e -> e.order() ? 1 : 0));
            String office = null;
            boolean active = false;
            boolean everActive = false;
            Instant last = null;
            for (Event e : history) {
                if (active && !e.at().isBefore(last.plus(churnAfter))) {
                    count(flows, office, last.plus(churnAfter), 2);
                    active = false;
                }
                if (e.office() != null && !e.office().equals(office)) {
                    if (active) {
                        if (office != null) {
                            countGroup(flows, "office:" + office, e.at(), 4);
                        }
                        countGroup(flows, "office:" + e.office(), e.at(), 3);
                    }
                    office = e.office();
                }
                if (e.order() && !(active && e.at().equals(last))) {
                    if (!active) {
                        count(flows, office, e.at(), everActive ? 1 : 0);
                    }
                    active = true;
                    everActive = true;
                    last = e.at();
                }
            }
            if (active && !streamTime.isBefore(last.plus(churnAfter))) {
                count(flows, office, last.plus(churnAfter), 2);
            }
        }
        return flows;
    }

    /** A transition counted in {@code all} and in the office (when there is one). */
    private void count(Map<String, Map<LocalDate, long[]>> flows, String office, Instant at, int flow) {
        countGroup(flows, "all", at, flow);
        if (office != null) {
            countGroup(flows, "office:" + office, at, flow);
        }
    }

    private void countGroup(Map<String, Map<LocalDate, long[]>> flows, String group, Instant at, int flow) {
        flows.computeIfAbsent(group, g -> new HashMap<>())
                .computeIfAbsent(LocalDate.ofInstant(at, zone), d -> new long[5])[flow]++;
    }
}
