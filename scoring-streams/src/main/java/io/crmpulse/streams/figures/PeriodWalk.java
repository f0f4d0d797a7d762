package io.crmpulse.streams.figures;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Walks the periods of per-day counters whose period figures are sums over days: every period that
 * overlaps [{@code from}, {@code to}] (either may be null: from the first day with data, up to the day of
 * {@code asOf}); a period ending after {@code asOf} is open.
 */
final class PeriodWalk {

    /** One period's row from its label, the counters of its days, its bounds and whether it is still open. */
    interface RowMaker<V, R> {
        R row(String label, Collection<V> days, Instant start, Instant end, boolean open);
    }

    private PeriodWalk() {
    }

    static <V, R> List<R> rows(Map<LocalDate, V> days, Period period, LocalDate from, LocalDate to, Instant asOf, ZoneId zone,
                               RowMaker<V, R> maker) {
        NavigableMap<LocalDate, V> byDay = new TreeMap<>(days);
        List<R> rows = new ArrayList<>();
        if (byDay.isEmpty() || asOf == null) {
            return rows;
        }
        LocalDate asOfDay = LocalDate.ofInstant(asOf, zone);
        LocalDate last = to == null || to.isAfter(asOfDay) ? asOfDay : to;
        LocalDate firstData = byDay.firstKey();
        // Up to the period containing the last day: for a rolling window, the one ending on it. The windows ending after
        // it hold days to come, and a churn rate over them only falls as they go.
        LocalDate lastPeriod = period.periodOf(last);
        for (LocalDate id = period.periodOf(from == null || from.isBefore(firstData) ? firstData : from);
             !id.isAfter(lastPeriod); id = period.next(id)) {
            LocalDate start = period.firstDay(id);
            LocalDate end = period.endDay(id);
            Instant periodEnd = end.atStartOfDay(zone).toInstant();
            rows.add(maker.row(period.label(id), byDay.subMap(start, true, end, false).values(), start.atStartOfDay(zone).toInstant(),
                    periodEnd, periodEnd.isAfter(asOf)));
        }
        return rows;
    }
}
