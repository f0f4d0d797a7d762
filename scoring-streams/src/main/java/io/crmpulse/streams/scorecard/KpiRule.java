package io.crmpulse.streams.scorecard;

/**
 * How one KPI of a scorecard is scored (METRICS.md section 6): its rate is compared with a base, the difference is
 * counted in whole steps, and each step in the better direction adds {@code pointsBetter} to {@code atBase}, each in
 * the worse direction takes {@code pointsWorse} off, within {@code min} and {@code max} (null: no bound).
 *
 * @param key     the KPI's name in answers, e.g. {@code churn_rate}
 * @param label   what the appraisal sheet calls it
 * @param metric  the rate it scores, e.g. {@code churn_rate}
 * @param per     the period each score is taken over; when shorter than the scorecard's period, the scorecard's
 *                score is the mean of those scores (a month as the mean of its weekly inspections)
 */
public record KpiRule(String key, String label, String metric, Better better, Base base, Step step, Fraction atBase,
                      Fraction pointsBetter, Fraction pointsWorse, Fraction max, Fraction min, PeriodKind per) {

    /** Which direction of the rate is better. */
    public enum Better { LOWER, HIGHER }

    /** The periods a scorecard and its KPIs are taken over. */
    public enum PeriodKind { WEEK, MONTH, QUARTER }

    /**
     * What the rate is compared with: the lowest or highest rate of the earlier periods that have one, the previous
     * period's rate, or a fixed target.
     */
    public record Base(Kind kind, Fraction target) {
        public enum Kind { HISTORICAL_LOWEST, HISTORICAL_HIGHEST, PREVIOUS_PERIOD, TARGET }

        public static Base of(Kind kind) {
            return new Base(kind, null);
        }

        public static Base target(Fraction target) {
            return new Base(Kind.TARGET, target);
        }
    }

    /**
     * The size of one step: {@code size} in the rate's own units (1 percentage point is 1/100), or, when
     * {@code relative}, that share of the base (1 % of a 40 % base is 0.4 points).
     */
    public record Step(Fraction size, boolean relative) {
        public Step {
            if (size.signum() <= 0) {
                throw new IllegalArgumentException("a step must be greater than 0, got " + size);
            }
        }
    }

    public KpiRule {
        if (max != null && min != null && max.compareTo(min) < 0) {
            throw new IllegalArgumentException("KPI " + key + ": max " + max + " is below min " + min);
        }
    }
}
