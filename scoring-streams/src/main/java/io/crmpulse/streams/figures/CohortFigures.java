package io.crmpulse.streams.figures;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cohort retention matrix (METRICS.md section 3): cell (c, k) is the share of cohort c with at least
 * one activity in month c + k, for k = 0 up to {@value #MAX_OFFSET} or the month of stream time,
 * whichever comes first; the revenue matrix is the same over paid amounts net of refunds.
 */
public final class CohortFigures {

    public static final int MAX_OFFSET = 23;

    /** One cohort: its size, the customers active at each offset, their share, and the offset still open. */
    public record CohortRow(String cohort, long size, List<Long> activeCounts, List<Double> retention, int openOffset) {
    }

    /**
     * One revenue cohort: its revenue, net of refunds, at each offset, and net revenue retention, the
     * revenue at each offset as a share of the cohort's first month (null when that is 0).
     */
    public record RevenueRow(String cohort, List<BigDecimal> revenue, List<Double> netRevenueRetention, int openOffset) {
    }

    private CohortFigures() {
    }

    /** Revenue rows for the cohorts from {@code from} to {@code to} (either may be null). */
    public static List<RevenueRow> revenueRows(Map<YearMonth, Map<YearMonth, BigDecimal>> cells, Instant asOf, ZoneId zone,
                                               YearMonth from, YearMonth to) {
        return eachCohort(cells, asOf, zone, from, to, (cohort, months, open) -> {
            BigDecimal first = months.getOrDefault(cohort, BigDecimal.ZERO);
            List<BigDecimal> revenue = new ArrayList<>();
            List<Double> retention = new ArrayList<>();
            for (int k = 0; k <= open; k++) {
                BigDecimal amount = months.getOrDefault(cohort.plusMonths(k), BigDecimal.ZERO);
                revenue.add(amount);
                retention.add(first.signum() == 0 ? null : amount.doubleValue() / first.doubleValue());
            }
            return new RevenueRow(cohort.toString(), revenue, retention, open);
        });
    }

    /** How one cohort's cells become a row; {@code open} is the last offset shown. */
    private interface RowMaker<V, R> {
        R row(YearMonth cohort, Map<YearMonth, V> months, int open);
    }

    private static <V, R> List<R> eachCohort(Map<YearMonth, Map<YearMonth, V>> cells, Instant asOf, ZoneId zone,
                                             YearMonth from, YearMonth to, RowMaker<V, R> maker) {
        List<R> rows = new ArrayList<>();
        if (asOf == null) {
            return rows;
        }
        YearMonth current = YearMonth.from(asOf.atZone(zone));
        cells.forEach((cohort, months) -> {
            if ((from == null || !cohort.isBefore(from)) && (to == null || !cohort.isAfter(to))) {
                rows.add(maker.row(cohort, months, (int) Math.min(MAX_OFFSET, ChronoUnit.MONTHS.between(cohort, current))));
            }
        });
        return rows;
    }

    /** Rows for the cohorts from {@code from} to {@code to} (either may be null). */
    public static List<CohortRow> rows(Map<YearMonth, Map<YearMonth, Long>> cells, Instant asOf, ZoneId zone, YearMonth from, YearMonth to) {
        return eachCohort(cells, asOf, zone, from, to, (cohort, months, open) -> {
            long size = months.getOrDefault(cohort, 0L);
            List<Long> active = new ArrayList<>();
            List<Double> retention = new ArrayList<>();
            for (int k = 0; k <= open; k++) {
                long n = months.getOrDefault(cohort.plusMonths(k), 0L);
                active.add(n);
                retention.add(size == 0 ? null : (double) n / size);
            }
            return new CohortRow(cohort.toString(), size, active, retention, open);
        });
    }
}
