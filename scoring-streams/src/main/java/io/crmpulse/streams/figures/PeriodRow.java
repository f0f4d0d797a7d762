package io.crmpulse.streams.figures;

import java.time.Instant;

/**
 * One period of one group (METRICS.md section 3; the row of {@code GET /api/v1/metrics/customers}).
 * Rates are null, with {@code nullReason}, when customers_at_start is 0.
 */
public record PeriodRow(
        String period, String group, long customersAtStart, long newCustomers, long reactivated, long churned,
        long transferredIn, long transferredOut, long customersAtEnd,
        Double churnRate, Double retentionRate, Double growthRate, String nullReason,
        boolean open, Instant periodStart, Instant periodEnd) {
}
