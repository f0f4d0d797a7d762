package io.crmpulse.streams.figures;

import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.ResolveTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Complaint figures per period (METRICS.md section 4) from per-day complaint counters: counts are sums
 * over the period's days, rates are ratios of those sums, and the time-to-resolve percentiles are taken
 * over the merged durations of the complaints first resolved in the period (nearest rank: the smallest
 * duration with at least p % of them at or below it).
 */
public final class ComplaintFigures {

    private final ZoneId zone;

    public ComplaintFigures(ZoneId zone) {
        this.zone = zone;
    }

    /** One period of one group; a rate is null when its denominator is 0, with the reason in {@code nullReasons}. */
    public record ComplaintRow(
            String period, String group, long opened, long resolved, long firstResolved, long answered, long satisfied,
            long slaMet, long reopened, long customersAtStart,
            Double complaintRate, Double resolutionRate, Double satisfactionRate, Double reopenRate, Double slaMetRate,
            Long timeToResolveP50Seconds, Long timeToResolveP90Seconds, Map<String, String> nullReasons,
            boolean open, Instant periodStart, Instant periodEnd) {
    }

    /**
     * Rows for every period that overlaps [{@code from}, {@code to}] (either may be null: from the first
     * day with complaints, up to the day of {@code asOf}).
     *
     * @param customerRows the customer figures of the same group and period kind, whose S is complaint_rate's
     *                     denominator; a period without a row had no active customers
     */
    public List<ComplaintRow> rows(String group, Map<LocalDate, ComplaintDay> days, List<PeriodRow> customerRows,
                                   Period period, LocalDate from, LocalDate to, Instant asOf) {
        Map<String, Long> customersAtStart = new java.util.HashMap<>();
        customerRows.forEach(r -> customersAtStart.put(r.period(), r.customersAtStart()));
        return PeriodWalk.rows(days, period, from, to, asOf, zone, (label, inPeriod, periodStart, periodEnd, open) -> {
            long[] c = new long[7];
            TreeMap<Long, Long> times = new TreeMap<>();
            for (ComplaintDay d : inPeriod) {
                add(c, d);
                for (ResolveTime t : d.getResolveTimes()) {
                    times.merge(t.getMillis(), t.getComplaints(), Long::sum);
                }
            }
            long s = customersAtStart.getOrDefault(label, 0L);
            Map<String, String> nulls = new LinkedHashMap<>();
            return new ComplaintRow(label, group, c[0], c[1], c[2], c[3], c[4], c[5], c[6], s,
                    rate(c[0], s, "complaint_rate", "customers_at_start is 0", nulls),
                    rate(c[1], c[0], "resolution_rate", "no complaint was opened in the period", nulls),
                    rate(c[4], c[3], "complaint_satisfaction_rate", "no resolution in the period says whether the customer was satisfied", nulls),
                    rate(c[6], c[1], "reopen_rate", "no complaint was resolved in the period", nulls),
                    rate(c[5], c[2], "sla_met_rate", "no complaint was first resolved in the period", nulls),
                    percentileSeconds(times, c[2], 50, "time_to_resolve_p50", nulls),
                    percentileSeconds(times, c[2], 90, "time_to_resolve_p90", nulls),
                    nulls, open, periodStart, periodEnd);
        });
    }

    /**
     * Adds a day's counts to {@code c}: opened, resolved, first resolved, answered, satisfied, within the SLA, reopened
     * (in that order).
     */
    public static void add(long[] c, ComplaintDay d) {
        c[0] += d.getOpened();
        c[1] += d.getResolved();
        c[2] += d.getFirstResolved();
        c[3] += d.getAnswered();
        c[4] += d.getSatisfied();
        c[5] += d.getSlaMet();
        c[6] += d.getReopened();
    }

    private static Double rate(long numerator, long denominator, String name, String reason, Map<String, String> nulls) {
        if (denominator == 0) {
            nulls.put(name, reason);
            return null;
        }
        return (double) numerator / denominator;
    }

    /** Nearest rank over {@code n} durations, in whole seconds (rounded down). */
    private static Long percentileSeconds(TreeMap<Long, Long> times, long n, int p, String name, Map<String, String> nulls) {
        if (n == 0) {
            nulls.put(name, "no complaint was first resolved in the period");
            return null;
        }
        long rank = (n * p + 99) / 100;
        long seen = 0;
        for (Map.Entry<Long, Long> e : times.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey() / 1000;
            }
        }
        throw new IllegalStateException(n + " first resolutions but only " + seen + " durations");
    }
}
