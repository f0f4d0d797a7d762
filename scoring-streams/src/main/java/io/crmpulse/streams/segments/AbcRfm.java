package io.crmpulse.streams.segments;

import io.crmpulse.records.CustomerValue;
import io.crmpulse.records.MonthAmount;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ToDoubleFunction;

/**
 * ABC classes and RFM quintiles (METRICS.md section 7) of all customers for one day. The window is the
 * {@code windowMonths} calendar months ending with the month of the day before (revenue is kept by month).
 *
 * <p>ABC: customers ranked by paid amount in the window, largest first (ties by id), in the whole company or
 * within each office; a customer is A while the amount of those ranked before it is under the A share of the
 * total, B while under A + B shares, else C (so is every customer without a positive amount). RFM: among customers with activity in the window,
 * each of recency (days since the last activity, fewer is better), frequency (distinct activity days) and
 * monetary (paid amount) scored 1-5 by quintile of rank, equal values sharing the best score of their run.
 */
public final class AbcRfm {

    /** One customer's classes; the RFM scores are null without activity in the window. */
    public record Classes(String abc, Integer recency, Integer frequency, Integer monetary) {
        public String rfm() {
            return AbcRfm.rfm(recency, frequency, monetary);
        }
    }

    /** RFM scores written as their three digits (recency, frequency, monetary), or null without activity in the window. */
    public static String rfm(Integer recency, Integer frequency, Integer monetary) {
        return recency == null ? null : "" + recency + frequency + monetary;
    }

    /**
     * One customer's measures in the window, and its classes once ranked. Mutable and small: a classification holds
     * one per customer (a million of them at 1M customers), so no map per class keyed by customer id.
     */
    private static final class Measures {
        final String customer;
        final BigDecimal amount;
        /** Epoch day of the last activity in the window; meaningless when {@code activeDays} is 0. */
        final long lastActivity;
        final int activeDays;
        String abc;
        int recency;
        int frequency;
        int monetary;

        Measures(String customer, BigDecimal amount, long lastActivity, int activeDays) {
            this.customer = customer;
            this.amount = amount;
            this.lastActivity = lastActivity;
            this.activeDays = activeDays;
        }
    }

    private static final Comparator<Measures> BY_CUSTOMER = Comparator.comparing(m -> m.customer);

    private AbcRfm() {
    }

    /**
     * Classifies every customer of {@code customers} (read once, as they come) and hands each one's classes to
     * {@code each}, in order of customer id. Returns how many customers were classified.
     *
     * @param withinOffice rank ABC within each office (customers without one form a group of their own);
     *                     RFM quintiles are always company-wide
     */
    public static int classify(Iterable<CustomerValue> customers, LocalDate day, int windowMonths, int aSharePercent,
                                int bSharePercent, boolean withinOffice, BiConsumer<String, Classes> each) {
        LocalDate lastMonth = day.minusDays(1).withDayOfMonth(1);
        LocalDate firstMonth = lastMonth.minusMonths(windowMonths - 1L);
        LocalDate lastDay = day.minusDays(1);
        List<Measures> measures = new ArrayList<>();
        Map<String, List<Measures>> groups = new HashMap<>();
        for (CustomerValue c : customers) {
            BigDecimal amount = BigDecimal.ZERO;
            for (MonthAmount m : c.getRevenue()) {
                if (!m.getMonth().isBefore(firstMonth) && !m.getMonth().isAfter(lastMonth)) {
                    amount = amount.add(m.getAmount());
                }
            }
            long last = 0;
            int days = 0;
            for (LocalDate d : c.getActivityDays()) {
                if (!d.isBefore(firstMonth) && !d.isAfter(lastDay)) {
                    days++;
                    last = d.toEpochDay();
                }
            }
            Measures m = new Measures(c.getCustomerId(), amount, last, days);
            measures.add(m);
            groups.computeIfAbsent(withinOffice ? String.valueOf(c.getOffice()) : "all", g -> new ArrayList<>()).add(m);
        }
        for (List<Measures> group : groups.values()) {
            abc(group, aSharePercent, bSharePercent);
        }
        groups.clear();
        List<Measures> active = measures.stream().filter(m -> m.activeDays > 0).toList();
        long today = day.toEpochDay();
        quintiles(active, m -> -(today - m.lastActivity), (m, score) -> m.recency = score);
        quintiles(active, m -> m.activeDays, (m, score) -> m.frequency = score);
        quintiles(active, m -> m.amount.doubleValue(), (m, score) -> m.monetary = score);
        measures.sort(BY_CUSTOMER);
        for (Measures m : measures) {
            boolean scored = m.activeDays > 0;
            each.accept(m.customer, new Classes(m.abc, scored ? m.recency : null, scored ? m.frequency : null, scored ? m.monetary : null));
        }
        return measures.size();
    }

    /** ABC within one group: ranked by amount, A while less than the A share lies before, B while less than A + B. */
    private static void abc(List<Measures> group, int aSharePercent, int bSharePercent) {
        group.sort(Comparator.comparing((Measures m) -> m.amount).reversed().thenComparing(BY_CUSTOMER));
        BigDecimal total = group.stream().map(m -> m.amount).filter(a -> a.signum() > 0).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal aLimit = total.multiply(BigDecimal.valueOf(aSharePercent)).divide(BigDecimal.valueOf(100));
        BigDecimal bLimit = total.multiply(BigDecimal.valueOf(aSharePercent + bSharePercent)).divide(BigDecimal.valueOf(100));
        BigDecimal before = BigDecimal.ZERO;
        for (Measures m : group) {
            m.abc = m.amount.signum() <= 0 ? "C" : before.compareTo(aLimit) < 0 ? "A" : before.compareTo(bLimit) < 0 ? "B" : "C";
            before = before.add(m.amount.max(BigDecimal.ZERO));
        }
    }

    /** Scores 5 (the best fifth) to 1 by rank of {@code value}, higher better; equal values share the score of the first of them. */
    private static void quintiles(List<Measures> customers, ToDoubleFunction<Measures> value, ObjIntConsumer<Measures> score) {
        List<Measures> ranked = new ArrayList<>(customers);
        ranked.sort(Comparator.comparingDouble(value).reversed().thenComparing(BY_CUSTOMER));
        int n = ranked.size();
        int current = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || value.applyAsDouble(ranked.get(i)) != value.applyAsDouble(ranked.get(i - 1))) {
                current = 5 - (int) ((long) i * 5 / n);
            }
            score.accept(ranked.get(i), current);
        }
    }
}
