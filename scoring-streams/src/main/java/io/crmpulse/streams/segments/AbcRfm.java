package io.crmpulse.streams.segments;

import io.crmpulse.records.CustomerValue;
import io.crmpulse.records.MonthAmount;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private record Measures(String customer, BigDecimal amount, LocalDate lastActivity, int activeDays) {
    }

    private AbcRfm() {
    }

    /**
     * @param withinOffice rank ABC within each office (customers without one form a group of their own);
     *                     RFM quintiles are always company-wide
     */
    public static Map<String, Classes> classify(Iterable<CustomerValue> customers, LocalDate day, int windowMonths,
                                                int aSharePercent, int bSharePercent, boolean withinOffice) {
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
            LocalDate last = null;
            int days = 0;
            for (LocalDate d : c.getActivityDays()) {
                if (!d.isBefore(firstMonth) && !d.isAfter(lastDay)) {
                    days++;
                    last = d;
                }
            }
            measures.add(new Measures(c.getCustomerId(), amount, last, days));
            groups.computeIfAbsent(withinOffice ? String.valueOf(c.getOffice()) : "all", g -> new ArrayList<>()).add(measures.get(measures.size() - 1));
        }
        Map<String, String> abc = new HashMap<>();
        for (List<Measures> group : groups.values()) {
            abc(group, aSharePercent, bSharePercent, abc);
        }
        List<Measures> active = measures.stream().filter(m -> m.activeDays() > 0).toList();
        Map<String, Integer> r = quintiles(active, m -> -ChronoUnit.DAYS.between(m.lastActivity(), day));
        Map<String, Integer> f = quintiles(active, Measures::activeDays);
        Map<String, Integer> mon = quintiles(active, m -> m.amount().doubleValue());
        Map<String, Classes> out = new HashMap<>();
        for (Measures m : measures) {
            out.put(m.customer(), new Classes(abc.get(m.customer()), r.get(m.customer()), f.get(m.customer()), mon.get(m.customer())));
        }
        return out;
    }

    /** ABC within one group: ranked by amount, A while less than the A share lies before, B while less than A + B. */
    private static void abc(List<Measures> group, int aSharePercent, int bSharePercent, Map<String, String> abc) {
        List<Measures> ranked = new ArrayList<>(group);
        ranked.sort(Comparator.comparing(Measures::amount).reversed().thenComparing(Measures::customer));
        BigDecimal total = ranked.stream().map(Measures::amount).filter(a -> a.signum() > 0).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal aLimit = total.multiply(BigDecimal.valueOf(aSharePercent)).divide(BigDecimal.valueOf(100));
        BigDecimal bLimit = total.multiply(BigDecimal.valueOf(aSharePercent + bSharePercent)).divide(BigDecimal.valueOf(100));
        BigDecimal before = BigDecimal.ZERO;
        for (Measures m : ranked) {
            String cls = m.amount().signum() <= 0 ? "C" : before.compareTo(aLimit) < 0 ? "A" : before.compareTo(bLimit) < 0 ? "B" : "C";
            abc.put(m.customer(), cls);
            before = before.add(m.amount().max(BigDecimal.ZERO));
        }
    }

    /** Scores 5 (the best fifth) to 1 by rank of {@code value}, higher better; equal values share the score of the first of them. */
    private static Map<String, Integer> quintiles(List<Measures> customers, ToDoubleFunction<Measures> value) {
        List<Measures> ranked = new ArrayList<>(customers);
        ranked.sort(Comparator.comparingDouble(value).reversed().thenComparing(Measures::customer));
        Map<String, Integer> scores = new HashMap<>();
        int n = ranked.size();
        int score = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || value.applyAsDouble(ranked.get(i)) != value.applyAsDouble(ranked.get(i - 1))) {
                score = 5 - (int) ((long) i * 5 / n);
            }
            scores.put(ranked.get(i).customer(), score);
        }
        return scores;
    }
}
