package io.crmpulse.streams.scorecard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * The scorecard's configuration (METRICS.md section 6).
 *
 * @param closeDay            {@code scorecard.close-day}: a month closes at the start of this day of the next month in
 *                            {@code analytics.zone} (default 5: the appraisal ends before the 5th)
 * @param quietPartitionAfter {@code scorecard.quiet-partition-after}: a lifecycle task closes a month once the events
 *                            of its own partition have passed the close; one whose events lag stream time by more than
 *                            this (a quiet partition) closes it this long after stream time has passed it
 * @param rules               how each KPI is scored and what a manager rates ({@code scorecard.rules})
 */
public record ScorecardSettings(int closeDay, Duration quietPartitionAfter, ScorecardRules rules) {

    public static final int DEFAULT_CLOSE_DAY = 5;
    public static final Duration DEFAULT_QUIET_PARTITION_AFTER = Duration.ofDays(7);

    public ScorecardSettings {
        if (closeDay < 1 || closeDay > 28) {
            throw new IllegalArgumentException("scorecard.close-day must be a day from 1 to 28 (every month has it), got " + closeDay);
        }
        if (quietPartitionAfter.isNegative()) {
            throw new IllegalArgumentException("scorecard.quiet-partition-after must not be negative, got " + quietPartitionAfter);
        }
        if (rules.period() != KpiRule.PeriodKind.MONTH || rules.kpis().stream().anyMatch(k -> k.per() != KpiRule.PeriodKind.MONTH)) {
            throw new IllegalArgumentException("scorecard rules '" + rules.name() + "': the office scorecard is drawn up per month, "
                    + "from monthly rates; these rules ask for another period");
        }
        for (KpiRule kpi : rules.kpis()) {
            if (!MonthFigures.METRICS.contains(kpi.metric())) {
                throw new IllegalArgumentException("scorecard rules '" + rules.name() + "', KPI " + kpi.key() + ": the pipeline has no monthly "
                        + "metric '" + kpi.metric() + "' (it has " + MonthFigures.METRICS + ")");
            }
        }
    }

    public static ScorecardSettings defaults() {
        return new ScorecardSettings(DEFAULT_CLOSE_DAY, DEFAULT_QUIET_PARTITION_AFTER, ScorecardRules.defaults());
    }

    /** The instant {@code month} closes: the start of day {@code closeDay} of the next month in {@code zone}. */
    public Instant closeOf(YearMonth month, ZoneId zone) {
        return month.plusMonths(1).atDay(closeDay).atStartOfDay(zone).toInstant();
    }

    /** The latest month that is closed at {@code at}. */
    public YearMonth lastClosedAt(Instant at, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        YearMonth previous = YearMonth.from(day).minusMonths(1);
        return day.getDayOfMonth() >= closeDay ? previous : previous.minusMonths(1);
    }
}
