package io.crmpulse.streams.figures;

import io.crmpulse.records.ActivityCell;
import io.crmpulse.records.CustomerFlows;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Period figures from per-day counters (METRICS.md section 3). S of a period is the net flow of every
 * earlier day; N, R, C, TI, TO are sums over its days; E = S + N + R - C + TI - TO. The repeat-purchase
 * rate is not a sum over days, so it comes from counters kept per calendar period.
 */
public final class CustomerFigures {

    static final String NO_START_REASON = "customers_at_start is 0: churn_rate, retention_rate and growth_rate are undefined";
    static final String NO_ACTIVE_REASON = "no customer had activity in the period";
    static final String NO_REPEAT_PERIOD_REASON = "repeat purchase is kept for calendar weeks, months, quarters, half-years and years";

    private final ZoneId zone;

    public CustomerFigures(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Rows for every period that overlaps [{@code from}, {@code to}] (either may be null: from the first
     * day with data, up to the day of {@code asOf}).
     *
     * @param days   the group's counters by day, any order
     * @param repeat the group's repeat-purchase counters by period label (empty when not wanted)
     * @param asOf   stream time: periods ending after it are open; none starts after it
     */
    public List<PeriodRow> rows(String group, Map<LocalDate, CustomerFlows> days, Map<String, ActivityCell> repeat, Period period,
                                LocalDate from, LocalDate to, Instant asOf) {
        NavigableMap<LocalDate, CustomerFlows> byDay = new TreeMap<>(days);
        if (byDay.isEmpty() || asOf == null) {
            return List.of();
        }
        LocalDate asOfDay = LocalDate.ofInstant(asOf, zone);
        LocalDate last = to == null || to.isAfter(asOfDay) ? asOfDay : to;
        LocalDate firstData = byDay.firstKey();

        // Net flow before each day: S of any day is the sum of the net flows of all days before it.
        NavigableMap<LocalDate, Long> netBefore = new TreeMap<>();
        long running = 0;
        for (Map.Entry<LocalDate, CustomerFlows> e : byDay.entrySet()) {
            netBefore.put(e.getKey(), running);
            running += net(e.getValue());
        }

        List<PeriodRow> rows = new ArrayList<>();
        LocalDate id = period.periodOf(from == null || from.isBefore(firstData) ? firstData : from);
        // Up to the period containing the last day; for a rolling window, the one ending on it (as PeriodWalk).
        LocalDate lastPeriod = period.periodOf(last);
        for (; !id.isAfter(lastPeriod); id = period.next(id)) {
            LocalDate start = period.firstDay(id);
            LocalDate end = period.endDay(id);
            long s = activeBefore(byDay, netBefore, start);
            long n = 0;
            long r = 0;
            long c = 0;
            long ti = 0;
            long to2 = 0;
            for (CustomerFlows f : byDay.subMap(start, true, end, false).values()) {
                n += f.getNew$();
                r += f.getReactivated();
                c += f.getChurned();
                ti += f.getTransferredIn();
                to2 += f.getTransferredOut();
            }
            long e = s + n + r - c + ti - to2;
            Instant periodStart = start.atStartOfDay(zone).toInstant();
            Instant periodEnd = end.atStartOfDay(zone).toInstant();
            boolean noStart = s == 0;
            String label = period.label(id);
            Long active = null;
            Long repeated = null;
            String repeatNullReason = NO_REPEAT_PERIOD_REASON;
            if (period instanceof Period.Calendar calendar && calendar != Period.Calendar.DAY) {
                ActivityCell cell = repeat.get(label);
                active = cell == null ? 0 : cell.getActive();
                repeated = cell == null ? 0 : cell.getRepeat();
                repeatNullReason = active == 0 ? NO_ACTIVE_REASON : null;
            }
            rows.add(new PeriodRow(label, group, s, n, r, c, ti, to2, e,
                    noStart ? null : (double) c / s,
                    noStart ? null : (double) (s - c) / s,
                    noStart ? null : (double) (e - s) / s,
                    noStart ? NO_START_REASON : null,
                    active, repeated, repeatNullReason == null ? (double) repeated / active : null, repeatNullReason,
                    periodEnd.isAfter(asOf), periodStart, periodEnd));
        }
        return rows;
    }

    private static long activeBefore(NavigableMap<LocalDate, CustomerFlows> byDay, NavigableMap<LocalDate, Long> netBefore, LocalDate day) {
        Map.Entry<LocalDate, CustomerFlows> previous = byDay.lowerEntry(day);
        return previous == null ? 0 : netBefore.get(previous.getKey()) + net(previous.getValue());
    }

    private static long net(CustomerFlows f) {
        return f.getNew$() + f.getReactivated() - f.getChurned() + f.getTransferredIn() - f.getTransferredOut();
    }
}
