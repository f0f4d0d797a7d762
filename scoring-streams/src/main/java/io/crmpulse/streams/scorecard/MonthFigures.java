package io.crmpulse.streams.scorecard;

import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.MonthCounts;
import io.crmpulse.streams.figures.ComplaintFigures;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A group's counts per month, every month from its first with a counter to a given one (a month with no counter is a
 * month of no change: its S is the previous month's E), and the rates of any period's counts that a scorecard can
 * score and an alert rule can watch.
 */
public final class MonthFigures {

    /** The rates a scorecard KPI or an alert rule may name. */
    public static final List<String> METRICS = List.of("churn_rate", "retention_rate", "growth_rate", "complaint_satisfaction_rate",
            "complaint_rate", "resolution_rate", "sla_met_rate");

    private MonthFigures() {
    }

    /**
     * @param months        the group's flows summed per month, keyed by the month's first day
     * @param complaintDays the group's complaint counters per day
     * @param through       the last month wanted
     * @return the counts of every month from the first with a counter through {@code through}; empty when none is
     *         before or in it
     */
    public static Map<YearMonth, MonthCounts> counts(Map<LocalDate, CustomerFlows> months, Map<LocalDate, ComplaintDay> complaintDays,
                                                     YearMonth through) {
        TreeMap<YearMonth, CustomerFlows> flows = new TreeMap<>();
        months.forEach((day, f) -> flows.put(YearMonth.from(day), f));
        TreeMap<YearMonth, long[]> complaints = new TreeMap<>();
        complaintDays.forEach((day, d) -> ComplaintFigures.add(complaints.computeIfAbsent(YearMonth.from(day), m -> new long[7]), d));
        YearMonth first = null;
        for (YearMonth m : List.of(flows.isEmpty() ? through.plusMonths(1) : flows.firstKey(),
                complaints.isEmpty() ? through.plusMonths(1) : complaints.firstKey())) {
            first = first == null || m.isBefore(first) ? m : first;
        }
        Map<YearMonth, MonthCounts> counts = new LinkedHashMap<>();
        long start = 0;
        for (YearMonth m = first; !m.isAfter(through); m = m.plusMonths(1)) {
            CustomerFlows f = flows.get(m);
            long[] c = complaints.getOrDefault(m, new long[7]);
            long n = f == null ? 0 : f.getNew$();
            long r = f == null ? 0 : f.getReactivated();
            long ch = f == null ? 0 : f.getChurned();
            long ti = f == null ? 0 : f.getTransferredIn();
            long to = f == null ? 0 : f.getTransferredOut();
            long end = start + n + r - ch + ti - to;
            counts.put(m, new MonthCounts(start, n, r, ch, ti, to, end, c[0], c[1], c[2], c[3], c[4], c[5]));
            start = end;
        }
        return counts;
    }

    /** The rate {@code metric} (one of {@link #METRICS}) of a month's counts, exact, or null with the reason. */
    public static Rated rate(String metric, MonthCounts c) {
        Ratio r = ratio(metric, c);
        return Rated.of(r.numerator(), r.denominator(), r.reasonIfNone());
    }

    /** The count {@code metric} is a share of: customers at the start, complaints answered, opened or first resolved. */
    public static long denominator(String metric, MonthCounts c) {
        return ratio(metric, c).denominator();
    }

    /** What {@code metric} counts, of {@link #denominator}. */
    public static long numerator(String metric, MonthCounts c) {
        return ratio(metric, c).numerator();
    }

    private record Ratio(long numerator, long denominator, String reasonIfNone) {
    }

    private static Ratio ratio(String metric, MonthCounts c) {
        long s = c.getCustomersAtStart();
        String noCustomers = "customers_at_start is 0";
        return switch (metric) {
            case "churn_rate" -> new Ratio(c.getChurned(), s, noCustomers);
            case "retention_rate" -> new Ratio(s - c.getChurned(), s, noCustomers);
            case "growth_rate" -> new Ratio(c.getCustomersAtEnd() - s, s, noCustomers);
            case "complaint_satisfaction_rate" -> new Ratio(c.getComplaintsSatisfied(), c.getComplaintsAnswered(),
                    "no resolution in the period says whether the customer was satisfied");
            case "complaint_rate" -> new Ratio(c.getComplaintsOpened(), s, noCustomers);
            case "resolution_rate" -> new Ratio(c.getComplaintsResolved(), c.getComplaintsOpened(), "no complaint was opened in the period");
            case "sla_met_rate" -> new Ratio(c.getComplaintsSlaMet(), c.getComplaintsFirstResolved(), "no complaint was first resolved in the period");
            default -> throw new IllegalArgumentException("no metric '" + metric + "'");
        };
    }
}
