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
        double meanSpend = x == 0 ? Double.NaN : repeatSpend / x;
        LocalDate observed = LocalDate.ofInstant(asOf, zone);
        return Optional.of(Rfm.ofDays(x, ChronoUnit.DAYS.between(first, last), ChronoUnit.DAYS.between(first, observed), meanSpend));
    }
}
