package io.crmpulse.streams.reference;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * METRICS.md section 7 written down directly from a list of order events, for checking the segments task: the
 * classification of one day over the 12 calendar months ending with the month of the day before. A customer's
 * amount is each order's first payment minus its refunds, each in its own month; its activity days are the days
 * of its orders' first events. It shares no code with the topology: each customer's class and scores are counted
 * from how many customers rank before it, not from a sorted walk.
 */
public final class ReferenceSegments {

    /** One order event: PLACED, PAID or REFUNDED of {@code order}, with the office it names (may be null). */
    public record OrderEvent(String customer, String order, String type, Instant at, BigDecimal amount, String office) {
    }

    /** ABC class and RFM scores (null without activity in the window). */
    public record Classes(String abc, Integer recency, Integer frequency, Integer monetary) {
    }

    private final int windowMonths;
    private final int aShare;
    private final int bShare;
    /** analytics.zone: the zone of days and months. */
    private final ZoneId zone;

    public ReferenceSegments(int windowMonths, int aSharePercent, int bSharePercent, ZoneId zone) {
        this.windowMonths = windowMonths;
        this.aShare = aSharePercent;
        this.bShare = bSharePercent;
        this.zone = zone;
    }

    /**
     * @param officeAt each customer's office when the classification runs (null: none), the groups ABC is ranked
     *                 within when {@code withinOffice}
     */
    public Map<String, Classes> classify(List<OrderEvent> events, LocalDate day, Map<String, String> officeAt, boolean withinOffice) {
        LocalDate lastDay = day.minusDays(1);
        LocalDate firstMonth = lastDay.withDayOfMonth(1).minusMonths(windowMonths - 1L);
        Map<String, OrderEvent> firstEvent = new HashMap<>();
        Map<String, OrderEvent> firstPayment = new HashMap<>();
        for (OrderEvent e : events) {
            String key = e.customer() + "/" + e.order();
            if (!e.type().equals("REFUNDED")) {
                firstEvent.merge(key, e, (a, b) -> a.at().isBefore(b.at()) ? a : b);
            }
            if (e.type().equals("PAID")) {
                firstPayment.merge(key, e, (a, b) -> a.at().isBefore(b.at()) ? a : b);
            }
        }
        Map<String, BigDecimal> amount = new TreeMap<>();
        Map<String, TreeSet<LocalDate>> activeDays = new TreeMap<>();
        for (OrderEvent e : events) {
            amount.putIfAbsent(e.customer(), BigDecimal.ZERO);
            activeDays.putIfAbsent(e.customer(), new TreeSet<>());
            LocalDate d = LocalDate.ofInstant(e.at(), zone);
            boolean inWindow = !d.withDayOfMonth(1).isBefore(firstMonth) && !d.withDayOfMonth(1).isAfter(lastDay.withDayOfMonth(1));
            if (inWindow && e.type().equals("REFUNDED")) {
                amount.merge(e.customer(), e.amount().negate(), BigDecimal::add);
            }
            if (inWindow && e == firstPayment.get(e.customer() + "/" + e.order())) {
                amount.merge(e.customer(), e.amount(), BigDecimal::add);
            }
            if (e == firstEvent.get(e.customer() + "/" + e.order()) && !d.isBefore(firstMonth) && !d.isAfter(lastDay)) {
                activeDays.get(e.customer()).add(d);
            }
        }
        Map<String, Classes> out = new TreeMap<>();
        for (String c : amount.keySet()) {
            String group = withinOffice ? String.valueOf(officeAt.get(c)) : "all";
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal before = BigDecimal.ZERO;
            for (String o : amount.keySet()) {
                if (!group.equals(withinOffice ? String.valueOf(officeAt.get(o)) : "all") || amount.get(o).signum() <= 0) {
                    continue;
                }
                total = total.add(amount.get(o));
                int cmp = amount.get(o).compareTo(amount.get(c));
                if (cmp > 0 || (cmp == 0 && o.compareTo(c) < 0)) {
                    before = before.add(amount.get(o));
                }
            }
            String abc;
            if (amount.get(c).signum() <= 0) {
                abc = "C";
            } else if (before.multiply(BigDecimal.valueOf(100)).compareTo(total.multiply(BigDecimal.valueOf(aShare))) < 0) {
                abc = "A";
            } else if (before.multiply(BigDecimal.valueOf(100)).compareTo(total.multiply(BigDecimal.valueOf(aShare + bShare))) < 0) {
                abc = "B";
            } else {
                abc = "C";
            }
            out.put(c, activeDays.get(c).isEmpty() ? new Classes(abc, null, null, null)
                    : new Classes(abc, score(c, activeDays, x -> -ChronoUnit.DAYS.between(activeDays.get(x).last(), day)),
                            score(c, activeDays, x -> activeDays.get(x).size()), score(c, activeDays, x -> amount.get(x).doubleValue())));
        }
        return out;
    }

    /**
     * The quintile score of {@code c} among the customers with activity: 5 for the best fifth down to 1, where a
     * customer's place is the number of customers strictly better than it (so equal values share a score).
     */
    private static int score(String c, Map<String, TreeSet<LocalDate>> activeDays, java.util.function.ToDoubleFunction<String> value) {
        List<String> active = activeDays.keySet().stream().filter(x -> !activeDays.get(x).isEmpty()).toList();
        long better = active.stream().filter(x -> value.applyAsDouble(x) > value.applyAsDouble(c)).count();
        return 5 - (int) (better * 5 / active.size());
    }
}
