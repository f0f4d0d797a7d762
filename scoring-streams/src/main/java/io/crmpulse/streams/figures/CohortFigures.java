package io.crmpulse.streams.figures;

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
 * whichever comes first.
 */
public final class CohortFigures {

    public static final int MAX_OFFSET = 23;

    /** One cohort: its size, the customers active at each offset, their share, and the offset still open. */
    public record CohortRow(String cohort, long size, List<Long> activeCounts, List<Double> retention, int openOffset) {
    }

    private CohortFigures() {
    }

    /** Rows for the cohorts from {@code from} to {@code to} (either may be null). */
    public static List<CohortRow> rows(Map<YearMonth, Map<YearMonth, Long>> cells, Instant asOf, ZoneId zone, YearMonth from, YearMonth to) {
        List<CohortRow> rows = new ArrayList<>();
        if (asOf == null) {
            return rows;
        }
        YearMonth current = YearMonth.from(asOf.atZone(zone));
        cells.forEach((cohort, months) -> {
            if ((from != null && cohort.isBefore(from)) || (to != null && cohort.isAfter(to))) {
                return;
            }
            long size = months.getOrDefault(cohort, 0L);
            int open = (int) Math.min(MAX_OFFSET, ChronoUnit.MONTHS.between(cohort, current));
            List<Long> active = new ArrayList<>();
            List<Double> retention = new ArrayList<>();
            for (int k = 0; k <= open; k++) {
                long n = months.getOrDefault(cohort.plusMonths(k), 0L);
                active.add(n);
                retention.add(size == 0 ? null : (double) n / size);
            }
            rows.add(new CohortRow(cohort.toString(), size, active, retention, open));
        });
        return rows;
    }
}
