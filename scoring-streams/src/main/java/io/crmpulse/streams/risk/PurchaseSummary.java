package io.crmpulse.streams.risk;

import io.crmpulse.state.ActivityInstant;
import io.crmpulse.state.CustomerState;
import io.crmpulse.state.SettledHistory;
import io.crmpulse.streams.Groups;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A customer's purchase summary as the models take it (METRICS.md section 8), measured at an instant:
 * purchases are the distinct calendar days (in {@code analytics.zone}) with activity at or before it; x
 * is their number less one, tₓ and T whole-day differences from the first, in weeks; the mean spend is
 * that of the repeat days (the first purchase is not a repeat purchase).
 */
public final class PurchaseSummary {

    private PurchaseSummary() {
    }

    /**
     * Empty when the customer had no activity by {@code asOf}. Settled history (lifecycle.max-lateness) counts as
     * a whole: its days are earlier than every day kept, and it lies a month or more behind stream time.
     */
    public static Optional<Rfm> of(CustomerState state, Instant asOf, ZoneId zone) {
        return days(state, asOf, zone).map(d -> d.at(LocalDate.ofInstant(asOf, zone)));
    }

    /** The purchase days up to {@code asOf}, from which the summary at any later instant follows; empty likewise. */
    public static Optional<Days> days(CustomerState state, Instant asOf, ZoneId zone) {
        TreeMap<LocalDate, BigDecimal> spendByDay = new TreeMap<>();
        for (ActivityInstant a : state.getActivity()) {
            if (a.getAt().isAfter(asOf)) {
                break;
            }
            spendByDay.merge(LocalDate.ofInstant(a.getAt(), zone), a.getAmount(), BigDecimal::add);
        }
        SettledHistory settled = state.getSettled();
        boolean hasSettled = settled != null && settled.getFirstActivity() != null;
        if (spendByDay.isEmpty() && !hasSettled) {
            return Optional.empty();
        }
        LocalDate first = hasSettled ? LocalDate.ofInstant(settled.getFirstActivity(), zone) : spendByDay.firstKey();
        LocalDate last = spendByDay.isEmpty() ? LocalDate.ofInstant(settled.getLastActivity(), zone) : spendByDay.lastKey();
        int x = (hasSettled ? settled.getDays().getOrDefault(Groups.ALL, 0) : 0) + spendByDay.size() - 1;
        double repeatSpend = (hasSettled ? settled.getRepeatSpend().doubleValue() : 0)
                + spendByDay.tailMap(first, false).values().stream().mapToDouble(BigDecimal::doubleValue).sum();
        return Optional.of(new Days(x, first, last, x == 0 ? Double.NaN : repeatSpend / x));
    }

    /**
     * A customer's purchase days: x repeat days, the first and last purchase day, the mean spend of the repeat days (NaN
     * when x = 0).
     */
    public record Days(int x, LocalDate first, LocalDate last, double meanSpend) {

        /** The summary as observed on {@code day}, the day of the instant it is measured at. */
        public Rfm at(LocalDate day) {
            return Rfm.ofDays(x, ChronoUnit.DAYS.between(first, last), ChronoUnit.DAYS.between(first, day), meanSpend);
        }
    }
}
