package io.crmpulse.streams.figures;

import java.time.Instant;

/**
 * One period of one group (METRICS.md section 3; the row of {@code GET /api/v1/metrics/customers}).
 * Rates are null, with {@code nullReason}, when customers_at_start is 0. The repeat-purchase figures
 * (customers with activity in the period, those with activity on two or more distinct days, and their
 * ratio) are null, with {@code repeatNullReason}, for days and rolling windows, which do not keep them.
 */
public record PeriodRow(
        String period, String group, long customersAtStart, long newCustomers, long reactivated, long churned,
        long transferredIn, long transferredOut, long customersAtEnd,
        Double churnRate, Double retentionRate, Double growthRate, String nullReason,
        Long activeCustomers, Long repeatCustomers, Double repeatPurchaseRate, String repeatNullReason,
        boolean open, Instant periodStart, Instant periodEnd) {
}
