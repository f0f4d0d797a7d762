package io.crmpulse.streams.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.ComplaintEvent;
import io.crmpulse.events.ComplaintEventType;
import io.crmpulse.events.ContactEvent;
import io.crmpulse.events.ContactEventType;
import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.CustomerEventType;
import io.crmpulse.events.Envelope;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.state.CustomerState;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.figures.ContactFigures;
import io.crmpulse.streams.figures.CustomerFigures;
import io.crmpulse.streams.figures.Period;
import io.crmpulse.streams.lifecycle.GroupMembers;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * The topology against {@link ReferenceLifecycle} on random histories (METRICS.md §2: "arrival order
 * does not change the figures"), with days, weeks and months in UTC, Asia/Shanghai or America/New_York (whose
 * daylight saving time makes days of 23 and 25 hours). Histories cross month ends and a leap day, put orders exactly on churn
 * deadlines and at midnight, move customers between offices, and arrive shuffled with duplicates, with
 * complaints resolved around the SLA and reopened, payments paid twice or refunded, and contacts by staff of
 * any office; every group's per-day flows, monthly and lifetime repeat-purchase cells, revenue cohort cells,
 * per-day complaint counts, per-day contact work, weekly and monthly customers contacted, and at the end of every day
 * the customers and prospects, AT_RISK, neglected AT_RISK customers and overdue follow-ups of each group, with its
 * customers contacted per week and month, must be equal, so every period figure is.
 */
class LifecycleAgainstReferenceTest {

    private static final Instant BASE = Instant.parse("2023-11-01T00:00:00Z");
    private static final Duration AT_RISK = Duration.ofDays(60);
    private static final Duration CHURN = Duration.ofDays(90);
    private static final Duration CONTACT_GAP = Duration.ofDays(30);
    private static final Duration SLA = Duration.ofHours(4);
    private static final List<String> OFFICES = List.of("A", "B", "C");
    /** analytics.zone of a try: UTC, one eight hours ahead, and one with daylight saving time (days of 23 and 25 hours). */
    private static final List<java.time.ZoneId> ZONES = List.of(java.time.ZoneOffset.UTC, java.time.ZoneId.of("Asia/Shanghai"),
            java.time.ZoneId.of("America/New_York"));

    /** Under max-lateness, events arrive at most this far behind the latest event before them. */
    private static final Duration LATENESS = Duration.ofDays(10);

    @Property(tries = 60)
    void topologyEqualsReferenceWhateverTheArrivalOrder(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int customers) {
        Random random = new Random(seed);
        LifecycleSettings settings = LifecycleSettings.defaults().withZone(ZONES.get(random.nextInt(ZONES.size())));
        assertEqualsReference(random, customers, 8, 300, settings, sends -> Collections.shuffle(sends, random));
    }

    /**
     * Years of history delivered out of order within max-lateness, so that each customer's history before
     * a month boundary a year or more behind is settled (folded into a summary and dropped) as it goes: the
     * figures must not change. The statistics check that most tries did settle history.
     */
    @Property(tries = 25)
    void settlingHistoryChangesNoFigure(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int customers) {
        Random random = new Random(seed);
        LifecycleSettings settings = LifecycleSettings.defaults().withMaxLateness(LATENESS).withZone(ZONES.get(random.nextInt(ZONES.size())));
        List<CustomerState> states = assertEqualsReference(random, customers, 40, 900, settings, sends -> {
            // Each event goes out at a random moment of the lateness after its instant, so stream time is
            // never more than max-lateness ahead of an event when it arrives, and none is LATE.
            Map<Send, Long> sendAt = new java.util.IdentityHashMap<>();
            sends.forEach(send -> sendAt.put(send, send.at().toEpochMilli() + (long) (random.nextDouble() * LATENESS.toMillis())));
            sends.sort(java.util.Comparator.comparing(sendAt::get));
        });
        boolean settled = states.stream().anyMatch(state -> state.getSettled() != null && state.getSettled().getFirstActivity() != null);
        Statistics.label("settled").collect(settled);
        Statistics.label("settled").coverage(coverage -> coverage.check(true).percentage(p -> p >= 50));
    }

    /** One event to deliver, at its event time. */
    private record Send(Instant at, Runnable delivery) {
    }

    /** Delivers random histories in the order {@code arrange} puts them and compares every figure; returns the customers' states. */
    private static List<CustomerState> assertEqualsReference(Random random, int customers, int maxOrders, int complaintDays,
                                                             LifecycleSettings settings, java.util.function.Consumer<List<Send>> arrange) {
        List<ReferenceLifecycle.Event> events = new ArrayList<>();
        List<ReferenceLifecycle.Complaint> complaints = new ArrayList<>();
        List<ReferenceLifecycle.Contact> contacts = new ArrayList<>();
        java.time.ZoneId zone = settings.zone();
        for (int c = 0; c < customers; c++) {
            history("c" + c, random, maxOrders, zone, events);
            complaints("c" + c, random, complaintDays, complaints);
            contacts("c" + c, random, complaintDays, zone, contacts);
        }
        List<ReferenceLifecycle.Payment> payments = payments(events, random);
        Instant streamTime = java.util.stream.Stream.of(events.stream().map(ReferenceLifecycle.Event::at),
                complaints.stream().map(ReferenceLifecycle.Complaint::at), payments.stream().map(ReferenceLifecycle.Payment::at),
                contacts.stream().map(ReferenceLifecycle.Contact::at))
                .flatMap(t -> t).max(Instant::compareTo).orElseThrow();
        ReferenceLifecycle reference = new ReferenceLifecycle(AT_RISK, CHURN, SLA, CONTACT_GAP, zone);
        Map<String, Map<LocalDate, long[]>> expected = reference.dailyFlows(events, streamTime);

        List<Send> sends = new ArrayList<>();
        Map<String, Map<String, Map<String, BigDecimal>>> expectedRevenue = reference.revenueCohorts(events, payments);
        try (PipelineDriver pipeline = new PipelineDriver(settings)) {
            int id = 0;
            for (ReferenceLifecycle.Event e : events) {
                String eventId = "e" + (id++);
                Runnable send = e.order()
                        ? () -> pipeline.send(new OrderEvent(PipelineDriver.envelope(eventId, e.customer(), e.at(), e.office()),
                                OrderEventType.PLACED, eventId, new BigDecimal("1.0000"), "EUR", 1))
                        : () -> pipeline.send(new CustomerEvent(PipelineDriver.envelope(eventId, e.customer(), e.at(), e.office()),
                                CustomerEventType.ASSIGNED, null, null, null, null));
                sends.add(new Send(e.at(), send));
                if (random.nextInt(5) == 0) {
                    sends.add(new Send(e.at(), send)); // a duplicate delivery of the same event
                }
            }
            int paymentId = 0;
            for (ReferenceLifecycle.Payment p : payments) {
                String eventId = "p" + (paymentId++);
                Runnable send = () -> pipeline.send(new OrderEvent(PipelineDriver.envelope(eventId, p.customer(), p.at(), null),
                        p.refund() ? OrderEventType.REFUNDED : OrderEventType.PAID, p.orderId(), p.amount(), "EUR", null));
                sends.add(new Send(p.at(), send));
                if (random.nextInt(5) == 0) {
                    sends.add(new Send(p.at(), send));
                }
            }
            for (ReferenceLifecycle.Complaint c : complaints) {
                String eventId = "k" + (id++);
                Runnable send = () -> pipeline.send(new ComplaintEvent(PipelineDriver.envelope(eventId, c.customer(), c.at(), null),
                        ComplaintEventType.valueOf(c.type()), c.id(), null, c.satisfied(), null));
                sends.add(new Send(c.at(), send));
                if (random.nextInt(5) == 0) {
                    sends.add(new Send(c.at(), send));
                }
            }
            for (ReferenceLifecycle.Contact c : contacts) {
                String eventId = "v" + (id++);
                Envelope envelope = Envelope.newBuilder().setEventId(eventId).setCustomerId(c.customer()).setOccurredAt(c.at())
                        .setSource("test").setOfficeId(c.office()).setStaffId(c.staff()).build();
                Runnable send = () -> pipeline.send(new ContactEvent(envelope, ContactEventType.valueOf(c.type()), null, null,
                        c.setsReminder() ? c.at().plus(Duration.ofDays(7)) : null));
                sends.add(new Send(c.at(), send));
                if (random.nextInt(5) == 0) {
                    sends.add(new Send(c.at(), send));
                }
            }
            arrange.accept(sends);
            sends.forEach(send -> send.delivery().run());
            assertThat(pipeline.deadLetters()).as("nothing is late").isEmpty();

            Set<String> groups = new HashSet<>(expected.keySet());
            groups.addAll(pipeline.groups());
            for (String group : groups) {
                assertThat(actual(pipeline.days(group))).as("%s of %s", group, events)
                        .isEqualTo(normalised(expected.getOrDefault(group, Map.of())));
                assertThat(pipeline.months(group)).as("month totals of %s", group).isEqualTo(summedPerMonth(pipeline.days(group)));
                monthRowsEqualDayRows(pipeline, group, settings);
            }

            Map<String, Map<String, List<Long>>> repeat = reference.repeatPurchase(events);
            for (String group : groups) {
                Map<String, List<Long>> monthsAndLifetime = new TreeMap<>();
                pipeline.repeat(group).forEach((label, cell) -> {
                    if (label.equals("lifetime") || label.matches("\\d{4}-\\d{2}")) {
                        monthsAndLifetime.put(label, List.of(cell.getActive(), cell.getRepeat()));
                    }
                });
                monthsAndLifetime.values().removeIf(v -> v.equals(List.of(0L, 0L)));
                assertThat(monthsAndLifetime).as("repeat purchase of %s", group).isEqualTo(repeat.getOrDefault(group, Map.of()));
            }

            for (String group : groups) {
                Map<String, Map<String, BigDecimal>> actual = new TreeMap<>();
                pipeline.revenueCohorts(group).forEach((cohort, months) -> months.forEach((month, amount) -> {
                    if (amount.signum() != 0) {
                        actual.computeIfAbsent(cohort.toString(), c -> new TreeMap<>()).put(month.toString(), amount.stripTrailingZeros());
                    }
                }));
                Map<String, Map<String, BigDecimal>> want = new TreeMap<>();
                expectedRevenue.getOrDefault(group, Map.of()).forEach((cohort, months) -> months.forEach((month, amount) -> {
                    if (amount.signum() != 0) {
                        want.computeIfAbsent(cohort, c -> new TreeMap<>()).put(month, amount.stripTrailingZeros());
                    }
                }));
                assertThat(actual).as("revenue cohorts of %s", group).isEqualTo(want);
            }

            Map<String, Map<LocalDate, List<Long>>> expectedComplaints = reference.dailyComplaints(events, complaints);
            Set<String> complaintGroups = new HashSet<>(groups);
            complaintGroups.addAll(expectedComplaints.keySet());
            for (String group : complaintGroups) {
                Map<LocalDate, List<Long>> actual = new TreeMap<>();
                pipeline.complaintDays(group).forEach((day, d) -> {
                    List<Long> row = new ArrayList<>(List.of(d.getOpened(), d.getResolved(), d.getFirstResolved(), d.getAnswered(),
                            d.getSatisfied(), d.getSlaMet(), d.getReopened()));
                    d.getResolveTimes().forEach(t -> {
                        row.add(t.getMillis());
                        row.add(t.getComplaints());
                    });
                    actual.put(day, row);
                });
                actual.values().removeIf(v -> v.equals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L)));
                assertThat(actual).as("complaints of %s: %s", group, complaints).isEqualTo(expectedComplaints.getOrDefault(group, Map.of()));
            }
            Map<String, Map<LocalDate, List<Long>>> expectedWork = reference.contactWork(contacts);
            assertThat(pipeline.contactGroups()).as("groups with contact work").isEqualTo(expectedWork.keySet());
            Map<String, Map<String, Long>> expectedContacted = reference.customersContacted(contacts);
            for (String group : expectedWork.keySet()) {
                Map<LocalDate, List<Long>> work = new TreeMap<>();
                pipeline.contactDays(group).forEach((day, d) -> work.put(day,
                        List.of(d.getVisits(), d.getRevisits(), d.getOtherContacts(), d.getFollowUpsSet())));
                work.values().removeIf(v -> v.equals(List.of(0L, 0L, 0L, 0L)));
                assertThat(work).as("contact work of %s: %s", group, contacts).isEqualTo(expectedWork.get(group));
                Map<String, Long> contacted = new TreeMap<>();
                pipeline.contacted(group).forEach((label, cell) -> contacted.put(label, cell.getCustomers()));
                assertThat(contacted).as("customers contacted by %s: %s", group, contacts).isEqualTo(expectedContacted.get(group));
            }

            Map<String, Instant> firstSeen = new TreeMap<>();
            events.forEach(e -> firstSeen.merge(e.customer(), e.at(), (a, b) -> a.isBefore(b) ? a : b));
            complaints.forEach(c -> firstSeen.merge(c.customer(), c.at(), (a, b) -> a.isBefore(b) ? a : b));
            payments.forEach(p -> firstSeen.merge(p.customer(), p.at(), (a, b) -> a.isBefore(b) ? a : b));
            contacts.forEach(c -> firstSeen.merge(c.customer(), c.at(), (a, b) -> a.isBefore(b) ? a : b));
            Map<String, Map<LocalDate, List<Long>>> expectedAttention = reference.attentionAtDayEnds(events, contacts, firstSeen, streamTime);
            Map<String, Map<String, Long>> expectedCovered = reference.customersCoveredByContacts(events, contacts, streamTime);
            Set<String> attentionGroups = new HashSet<>(expectedAttention.keySet());
            attentionGroups.addAll(pipeline.groups());
            LocalDate firstDay = LocalDate.ofInstant(firstSeen.values().stream().min(Instant::compareTo).orElseThrow(), zone);
            LocalDate lastDay = LocalDate.ofInstant(streamTime, zone);
            for (String group : attentionGroups) {
                java.util.NavigableMap<LocalDate, ContactFigures.Attention> byDay = ContactFigures.attentionByDay(pipeline.days(group));
                Map<LocalDate, String> differences = new TreeMap<>();
                for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
                    ContactFigures.Attention a = ContactFigures.attentionAt(byDay, day);
                    List<Long> actual = List.of(a.customers(), a.atRisk(), a.neglectedAtRisk(), a.overdueFollowUps());
                    List<Long> want = expectedAttention.getOrDefault(group, Map.of()).getOrDefault(day, List.of(0L, 0L, 0L, 0L));
                    if (!actual.equals(want)) {
                        differences.put(day, "expected " + want + " but was " + actual);
                    }
                }
                assertThat(differences).as("customers needing a contact in %s, per day {customers, at risk, neglected, overdue}: %s %s %s",
                        group, events, contacts, complaints).isEmpty();
                Map<String, Long> covered = new TreeMap<>();
                pipeline.covered(group).forEach((label, cell) -> {
                    if (cell.getCustomers() != 0) {
                        covered.put(label, cell.getCustomers());
                    }
                });
                assertThat(covered).as("customers of %s contacted: %s", group, contacts).isEqualTo(expectedCovered.getOrDefault(group, Map.of()));
            }
            rankingsAreKeptForEveryMember(pipeline, groups, settings, streamTime);
            return pipeline.customerStates();
        }
    }

    /** Rows of periods of whole months come out the same from month totals as from days, whatever the range asked. */
    private static void monthRowsEqualDayRows(PipelineDriver pipeline, String group, LifecycleSettings settings) {
        CustomerFigures figures = new CustomerFigures(settings.zone());
        Instant asOf = pipeline.asOf();
        Map<LocalDate, CustomerFlows> days = pipeline.days(group);
        if (days.isEmpty()) {
            return;
        }
        Map<LocalDate, CustomerFlows> months = pipeline.months(group);
        Map<String, io.crmpulse.records.ActivityCell> repeat = pipeline.repeat(group);
        LocalDate first = days.keySet().iterator().next();
        List<LocalDate> bounds = java.util.Arrays.asList(null, first.plusDays(10), first.plusDays(45));
        for (Period period : Period.Calendar.values()) {
            if (!period.wholeMonths()) {
                continue;
            }
            for (LocalDate from : bounds) {
                for (LocalDate to : bounds) {
                    assertThat(figures.rows(group, months, repeat, period, from, to, asOf))
                            .as("%s rows of %s from %s to %s", period, group, from, to)
                            .isEqualTo(figures.rows(group, days, repeat, period, from, to, asOf));
                }
            }
        }
    }

    /** Day counters added up per month, dated the month's first day. */
    private static Map<LocalDate, CustomerFlows> summedPerMonth(Map<LocalDate, CustomerFlows> days) {
        Map<LocalDate, CustomerFlows> months = new TreeMap<>();
        days.forEach((day, f) -> months.merge(day.withDayOfMonth(1), CustomerFlows.newBuilder(f).setDay(day.withDayOfMonth(1)).build(),
                (a, b) -> new CustomerFlows(a.getDay(), a.getNew$() + b.getNew$(), a.getReactivated() + b.getReactivated(),
                        a.getChurned() + b.getChurned(), a.getTransferredIn() + b.getTransferredIn(), a.getTransferredOut() + b.getTransferredOut(),
                        a.getCustomers() + b.getCustomers(), a.getAtRisk() + b.getAtRisk(), a.getNeglected() + b.getNeglected(),
                        a.getOverdue() + b.getOverdue())));
        return months;
    }

    /**
     * Every entry of the index of group members holds what ranking reads of its customer's state now, and from the
     * customer's last activity on it places the customer as its whole state does: state, office, staff and purchase
     * summary at any instant; before it, it declines.
     */
    private static void rankingsAreKeptForEveryMember(PipelineDriver pipeline, Set<String> groups, LifecycleSettings settings, Instant streamTime) {
        for (String group : groups) {
            pipeline.rankings(group).forEach((customer, ranking) -> {
                CustomerState state = pipeline.customerState(customer).orElseThrow();
                assertThat(ranking).as("the ranking of %s kept in the index of %s", customer, group)
                        .isEqualTo(GroupMembers.ranking(state, settings.zone()));
                Instant last = ranking.getLastActivity();
                if (last != null) {
                    assertThat(GroupMembers.Standing.of(ranking, last.minusMillis(1), settings)).as("%s before its last activity", customer).isEmpty();
                }
                for (Instant at = last == null ? streamTime : last; !at.isAfter(streamTime.plus(Duration.ofDays(400)));
                     at = at.plus(Duration.ofDays(13))) {
                    assertThat(GroupMembers.Standing.of(ranking, at, settings)).as("%s ranked at %s", customer, at)
                            .contains(GroupMembers.Standing.of(state, at, settings));
                }
            });
        }
    }

    /**
     * Payments of some orders (the order ids are the event ids the test sends them under, e + position): a
     * PAID event minutes to hours after the order, sometimes paid twice (the later one ignored), sometimes
     * partly refunded days later, so that payments and refunds cross month ends.
     */
    private static List<ReferenceLifecycle.Payment> payments(List<ReferenceLifecycle.Event> events, Random random) {
        List<ReferenceLifecycle.Payment> payments = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            ReferenceLifecycle.Event e = events.get(i);
            if (!e.order() || random.nextInt(3) == 0) {
                continue;
            }
            String order = "e" + i;
            BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(10_000), 2).setScale(4);
            Instant paid = e.at().plus(Duration.ofMinutes(1 + random.nextInt(60 * 48)));
            payments.add(new ReferenceLifecycle.Payment(e.customer(), order, false, paid, amount));
            if (random.nextInt(5) == 0) {
                payments.add(new ReferenceLifecycle.Payment(e.customer(), order, false, paid.plus(Duration.ofDays(3)), amount.add(BigDecimal.ONE)));
            }
            if (random.nextInt(4) == 0) {
                payments.add(new ReferenceLifecycle.Payment(e.customer(), order, true, paid.plus(Duration.ofDays(1 + random.nextInt(40))),
                        amount.divide(BigDecimal.valueOf(2), 4, java.math.RoundingMode.DOWN)));
            }
        }
        return payments;
    }

    /**
     * Some complaints of one customer: resolved within, exactly at and just past the 4-hour SLA or days
     * later, answered or not, some reopened and resolved again.
     */
    private static void complaints(String customer, Random random, int days, List<ReferenceLifecycle.Complaint> complaints) {
        int n = random.nextInt(3);
        for (int k = 0; k < n; k++) {
            String id = "K" + k;
            Instant opened = BASE.plus(Duration.ofMinutes(random.nextInt(60 * 24 * days)));
            complaints.add(new ReferenceLifecycle.Complaint(customer, id, "OPENED", opened, null));
            Instant resolved = opened.plus(switch (random.nextInt(4)) {
                case 0 -> SLA;
                case 1 -> SLA.plusMillis(1);
                case 2 -> Duration.ofMinutes(1 + random.nextInt(200));
                default -> Duration.ofDays(1 + random.nextInt(20));
            });
            Boolean[] answers = {true, false, null};
            complaints.add(new ReferenceLifecycle.Complaint(customer, id, "RESOLVED", resolved, answers[random.nextInt(3)]));
            if (random.nextInt(3) == 0) {
                Instant reopened = resolved.plus(Duration.ofHours(1 + random.nextInt(72)));
                complaints.add(new ReferenceLifecycle.Complaint(customer, id, "REOPENED", reopened, null));
                complaints.add(new ReferenceLifecycle.Complaint(customer, id, "RESOLVED", reopened.plus(Duration.ofHours(2)), answers[random.nextInt(3)]));
            }
        }
    }

    /**
     * Some contacts with one customer by staff of any office: visits, revisits and calls, some setting a
     * reminder, some at midnight or the last millisecond of a day, so that they cross week and month ends.
     */
    private static void contacts(String customer, Random random, int days, java.time.ZoneId zone, List<ReferenceLifecycle.Contact> contacts) {
        int n = random.nextInt(6);
        for (int k = 0; k < n; k++) {
            String office = OFFICES.get(random.nextInt(OFFICES.size()));
            Instant at = LocalDate.ofInstant(BASE, zone).plusDays(random.nextInt(days)).atStartOfDay(zone).toInstant();
            at = switch (random.nextInt(3)) {
                case 0 -> at; // midnight
                case 1 -> at.minusMillis(1); // the last millisecond of the day before
                default -> at.plus(Duration.ofMinutes(random.nextInt(60 * 24)));
            };
            String type = List.of("VISIT", "REVISIT", "CALL").get(random.nextInt(3));
            contacts.add(new ReferenceLifecycle.Contact(customer, office, office + "-s" + random.nextInt(2), type, at, random.nextBoolean()));
        }
    }

    /** One customer: orders (through an office or none) and reassignments, at instants that hit the hard cases. */
    private static void history(String customer, Random random, int maxOrders, java.time.ZoneId zone, List<ReferenceLifecycle.Event> events) {
        Set<Instant> used = new HashSet<>();
        Instant t = BASE.plus(Duration.ofDays(random.nextInt(60)));
        int n = 1 + random.nextInt(maxOrders);
        String office = OFFICES.get(random.nextInt(OFFICES.size()));
        for (int i = 0; i < n; i++) {
            if (random.nextInt(4) == 0) {
                office = OFFICES.get(random.nextInt(OFFICES.size()));
            }
            if (random.nextInt(5) == 0) {
                // An explicit reassignment, at an instant no order of this customer uses.
                Instant at = t.plus(Duration.ofHours(1 + random.nextInt(48)));
                if (used.add(at)) {
                    events.add(new ReferenceLifecycle.Event(customer, at, OFFICES.get(random.nextInt(OFFICES.size())), false));
                }
            }
            Instant order = t;
            if (used.add(order)) {
                events.add(new ReferenceLifecycle.Event(customer, order, random.nextInt(6) == 0 ? null : office, true));
            }
            t = switch (random.nextInt(5)) {
                case 0 -> t.plus(CHURN); // exactly on the churn deadline: churn and reactivation at once
                case 1 -> t.plus(CHURN).minusMillis(1); // one millisecond before it: kept
                case 2 -> LocalDate.ofInstant(t, zone).plusDays(1 + random.nextInt(40)).atStartOfDay(zone).toInstant(); // midnight
                case 3 -> t.plus(Duration.ofDays(100 + random.nextInt(100))); // a long gap
                default -> t.plus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 30)));
            };
        }
    }

    private static Map<LocalDate, List<Long>> actual(Map<LocalDate, CustomerFlows> days) {
        Map<LocalDate, List<Long>> out = new TreeMap<>();
        days.forEach((day, f) -> {
            List<Long> v = List.of(f.getNew$(), f.getReactivated(), f.getChurned(), f.getTransferredIn(), f.getTransferredOut());
            if (v.stream().anyMatch(x -> x != 0)) {
                out.put(day, v);
            }
        });
        return out;
    }

    private static Map<LocalDate, List<Long>> normalised(Map<LocalDate, long[]> days) {
        Map<LocalDate, List<Long>> out = new TreeMap<>();
        days.forEach((day, v) -> {
            if (java.util.Arrays.stream(v).anyMatch(x -> x != 0)) {
                out.put(day, java.util.Arrays.stream(v).boxed().toList());
            }
        });
        return out;
    }
}
