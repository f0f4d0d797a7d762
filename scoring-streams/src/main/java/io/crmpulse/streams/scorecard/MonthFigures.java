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
 * month of no change: its S is the previous month's E), and the monthly rates a scorecard can score.
 */
public final class MonthFigures {

    /** The monthly rates a scorecard KPI may name. */
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
        long s = c.getCustomersAtStart();
        String noCustomers = "customers_at_start is 0";
        return switch (metric) {
            case "churn_rate" -> Rated.of(c.getChurned(), s, noCustomers);
            case "retention_rate" -> Rated.of(s - c.getChurned(), s, noCustomers);
            case "growth_rate" -> Rated.of(c.getCustomersAtEnd() - s, s, noCustomers);
            case "complaint_satisfaction_rate" -> Rated.of(c.getComplaintsSatisfied(), c.getComplaintsAnswered(),
                    "no resolution in the month says whether the customer was satisfied");
            case "complaint_rate" -> Rated.of(c.getComplaintsOpened(), s, noCustomers);
            case "resolution_rate" -> Rated.of(c.getComplaintsResolved(), c.getComplaintsOpened(), "no complaint was opened in the month");
            case "sla_met_rate" -> Rated.of(c.getComplaintsSlaMet(), c.getComplaintsFirstResolved(), "no complaint was first resolved in the month");
            default -> throw new IllegalArgumentException("no monthly metric '" + metric + "'");
        };
    }
}
