package io.crmpulse.app;

import io.crmpulse.events.ComplaintEvent;
import io.crmpulse.events.ComplaintEventType;
import io.crmpulse.events.ContactEvent;
import io.crmpulse.events.ContactEventType;
import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.CustomerEventType;
import io.crmpulse.events.Envelope;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.schemas.TopicSpec;
import io.crmpulse.schemas.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/**
 * A seeded, realistic history for the demo: six offices with three account managers each, a few
 * thousand customers acquired over {@code months} months with a growth trend and spring/autumn seasons,
 * in segments A, B and C, each buying at its own rate until it drops out; some come back after a long
 * silence, some are moved to another office or reclassified into another segment; account managers
 * visit and revisit them, and a few orders lead to complaints. The same seed and end instant always give the same events.
 */
final class DemoData {

    /** One event to publish, in event-time order. */
    record Event(TopicSpec<?> topic, String key, SpecificRecord value, Instant at) {
    }

    static final List<String> OFFICES = List.of("SH", "BJ", "GZ", "CD", "WH", "XA");
    private static final double[] OFFICE_WEIGHTS = {0.26, 0.22, 0.18, 0.13, 0.11, 0.10};
    private static final int STAFF_PER_OFFICE = 3;
    private static final String SOURCE = "demo";

    private final Random random;
    /** Complaints and contacts draw from their own sequences, so adding them left the rest of the history as it was. */
    private final Random complaints;
    private final Random contacts;
    private final Instant end;
    private final int months;
    private final int customers;
    private final List<Event> events = new ArrayList<>();
    private long nextId;

    DemoData(long seed, Instant end, int months, int customers) {
        this.random = new Random(seed);
        this.complaints = new Random(seed + 1);
        this.contacts = new Random(seed + 2);
        this.end = end;
        this.months = months;
        this.customers = customers;
    }

    List<Event> generate() {
        ZonedDateTime firstMonth = end.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).minusMonths(months - 1L);
        double[] monthWeights = new double[months];
        double total = 0;
        for (int m = 0; m < months; m++) {
            int calendarMonth = firstMonth.plusMonths(m).getMonthValue();
            // Growth of 3 % a month; busier in spring (Mar-May) and autumn (Sep-Nov), quiet around the new year.
            double season = 1 + 0.35 * Math.cos(2 * Math.PI * (calendarMonth - 4) / 6.0) - (calendarMonth == 1 || calendarMonth == 2 ? 0.3 : 0);
            monthWeights[m] = Math.pow(1.03, m) * season;
            total += monthWeights[m];
        }
        for (int c = 0; c < customers; c++) {
            int m = pick(monthWeights, total);
            ZonedDateTime monthStart = firstMonth.plusMonths(m);
            long monthMillis = Duration.between(monthStart, monthStart.plusMonths(1)).toMillis();
            Instant acquired = monthStart.toInstant().plusMillis((long) (random.nextDouble() * monthMillis));
            if (acquired.isBefore(end)) {
                customer(String.format("C%05d", c + 1), acquired);
            }
        }
        events.sort(Comparator.comparing(Event::at));
        return events;
    }

    private void customer(String id, Instant acquired) {
        int office = pick(OFFICE_WEIGHTS, 1.0);
        String staff = staffOf(office);
        String segment = random.nextDouble() < 0.2 ? "A" : random.nextDouble() < 0.4 ? "B" : "C";
        customerEvent(id, CustomerEventType.REGISTERED, acquired.minus(Duration.ofHours(1 + random.nextInt(240))), office, staff, segment);
        if (random.nextDouble() < 0.1) {
            // Some customers are reclassified later: a transfer between segments.
            Instant reclassified = acquired.plus(Duration.ofDays(30 + random.nextInt(300)));
            if (reclassified.isBefore(end)) {
                customerEvent(id, CustomerEventType.CLASSIFIED, reclassified, office, staff, segment.equals("A") ? "B" : "A");
            }
        }
        visits(id, acquired, office, staff);
        // Purchases per 30 days vary a lot between customers (gamma-like); each purchase may be the last.
        double perMonth = 0.25 + -Math.log(1 - random.nextDouble()) * 0.9;
        double dropout = 0.03 + random.nextDouble() * 0.22;
        boolean movesOffice = random.nextDouble() < 0.05;
        Instant t = acquired;
        while (t.isBefore(end)) {
            order(id, t, office, staff);
            if (movesOffice && random.nextDouble() < 0.3) {
                office = (office + 1 + random.nextInt(OFFICES.size() - 1)) % OFFICES.size();
                staff = staffOf(office);
                Instant moved = t.plus(Duration.ofDays(1 + random.nextInt(20)));
                if (moved.isBefore(end)) {
                    customerEvent(id, CustomerEventType.ASSIGNED, moved, office, staff, null);
                }
                movesOffice = false;
            }
            if (random.nextDouble() < dropout) {
                // Gone; a third come back after a long silence, buying at a new rate.
                if (random.nextDouble() > 0.33) {
                    return;
                }
                t = t.plus(Duration.ofDays(100 + random.nextInt(260)));
                perMonth = 0.25 + -Math.log(1 - random.nextDouble()) * 0.9;
                continue;
            }
            double gapDays = -Math.log(1 - random.nextDouble()) * 30 / perMonth;
            t = t.plus(Duration.ofMinutes(Math.max(60, (long) (gapDays * 24 * 60))));
        }
    }

    /**
     * The account manager's visit before the first order, then revisits every few weeks for a while, some
     * setting a follow-up reminder; the later ones get rarer, so some at-risk customers go without.
     */
    private void visits(String customer, Instant acquired, int office, String staff) {
        Instant at = acquired.minus(Duration.ofHours(2 + contacts.nextInt(72)));
        add(Topics.CONTACT_EVENTS, customer, new ContactEvent(envelope(customer, at, office, staff), ContactEventType.VISIT,
                "on site", null, null), at);
        int revisits = contacts.nextInt(6);
        for (int i = 0; i < revisits; i++) {
            at = at.plus(Duration.ofDays(10 + contacts.nextInt(40 + 20 * i)));
            if (!at.isBefore(end)) {
                return;
            }
            Instant reminder = contacts.nextDouble() < 0.3 ? at.plus(Duration.ofDays(7 + contacts.nextInt(21))) : null;
            ContactEventType type = contacts.nextDouble() < 0.6 ? ContactEventType.REVISIT : ContactEventType.CALL;
            add(Topics.CONTACT_EVENTS, customer, new ContactEvent(envelope(customer, at, office, staff), type,
                    type == ContactEventType.CALL ? "phone" : "on site", null, reminder), at);
        }
    }

    private void order(String customer, Instant placed, int office, String staff) {
        String orderId = "O" + (++nextId);
        BigDecimal amount = BigDecimal.valueOf(Math.exp(6.2 + random.nextGaussian() * 0.8)).setScale(2, RoundingMode.HALF_UP).setScale(4);
        add(Topics.ORDER_EVENTS, customer, new OrderEvent(envelope(customer, placed, office, staff), OrderEventType.PLACED,
                orderId, amount, "CNY", 1 + random.nextInt(5)), placed);
        double fate = random.nextDouble();
        Instant later = placed.plus(Duration.ofMinutes(30 + random.nextInt(48 * 60)));
        if (later.isBefore(end)) {
            OrderEventType next = fate < 0.05 ? OrderEventType.CANCELLED : fate < 0.08 ? OrderEventType.REFUNDED : OrderEventType.PAID;
            add(Topics.ORDER_EVENTS, customer, new OrderEvent(envelope(customer, later, office, staff), next, orderId, amount, "CNY", null), later);
        }
        if (complaints.nextDouble() < 0.04) {
            complaint(customer, placed.plus(Duration.ofHours(2 + complaints.nextInt(240))), office, staff);
        }
    }

    /**
     * A complaint about an order: resolved after a log-normal time (median about 3 hours, some take
     * days), the customer satisfied more often in the larger offices; one in ten is reopened and
     * resolved again.
     */
    private void complaint(String customer, Instant opened, int office, String staff) {
        String id = "K" + (++nextId);
        if (!opened.isBefore(end)) {
            return;
        }
        add(Topics.COMPLAINT_EVENTS, customer, new ComplaintEvent(envelope(customer, opened, office, staff), ComplaintEventType.OPENED,
                id, complaints.nextBoolean() ? "delivery" : "quality", null, null), opened);
        Instant resolved = opened.plus(Duration.ofMinutes((long) (180 * Math.exp(complaints.nextGaussian() * 1.1))));
        double satisfaction = 0.9 - 0.05 * office;
        for (int round = 0; round < 2 && resolved.isBefore(end); round++) {
            boolean satisfied = complaints.nextDouble() < satisfaction;
            add(Topics.COMPLAINT_EVENTS, customer, new ComplaintEvent(envelope(customer, resolved, office, staff), ComplaintEventType.RESOLVED,
                    id, null, satisfied, satisfied ? 4 + complaints.nextInt(2) : 1 + complaints.nextInt(3)), resolved);
            if (complaints.nextDouble() >= 0.1) {
                return;
            }
            Instant reopened = resolved.plus(Duration.ofHours(4 + complaints.nextInt(44)));
            if (!reopened.isBefore(end)) {
                return;
            }
            add(Topics.COMPLAINT_EVENTS, customer, new ComplaintEvent(envelope(customer, reopened, office, staff), ComplaintEventType.REOPENED,
                    id, null, null, null), reopened);
            resolved = reopened.plus(Duration.ofMinutes((long) (120 * Math.exp(complaints.nextGaussian()))));
        }
    }

    private void customerEvent(String customer, CustomerEventType type, Instant at, int office, String staff, String segment) {
        add(Topics.CUSTOMER_EVENTS, customer, new CustomerEvent(envelope(customer, at, office, staff), type, segment,
                OFFICES.get(office), null, type == CustomerEventType.REGISTERED ? at : null), at);
    }

    private Envelope envelope(String customer, Instant at, int office, String staff) {
        return new Envelope("demo-" + (++nextId), customer, at, SOURCE, OFFICES.get(office), staff, null);
    }

    private void add(TopicSpec<?> topic, String key, SpecificRecord value, Instant at) {
        events.add(new Event(topic, key, value, at));
    }

    private String staffOf(int office) {
        return OFFICES.get(office) + "-" + (1 + random.nextInt(STAFF_PER_OFFICE));
    }

    private int pick(double[] weights, double total) {
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
