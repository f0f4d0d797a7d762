package io.crmpulse.streams.alerts;

import io.crmpulse.records.AlertRule;
import io.crmpulse.streams.scorecard.Rated;

/**
 * Whether an alert changes state (METRICS.md section 9). It is raised when the rate starts to compare with the
 * threshold as the rule says, and resolved only once it no longer compares so with the clear threshold, which lies on
 * the other side: a rate that wanders around the threshold raises it once and does not resolve it until it has really
 * come back (hysteresis). Nothing changes while the rate's denominator is below the rule's minimum, or the rate is null.
 */
public final class AlertCheck {

    public static final String RAISED = "RAISED";
    public static final String RESOLVED = "RESOLVED";

    private AlertCheck() {
    }

    /** The new state, or null when it stays as it is. */
    public static String next(AlertRule rule, Rated rate, long denominator, boolean open) {
        if (rate.isNull() || denominator < rule.getMinDenominator()) {
            return null;
        }
        if (!open && holds(rule.getComparator(), rate, rule.getThreshold())) {
            return RAISED;
        }
        if (open && !holds(rule.getComparator(), rate, rule.getClear())) {
            return RESOLVED;
        }
        return null;
    }

    private static boolean holds(String comparator, Rated rate, String threshold) {
        int c = rate.value().compareTo(AlertRules.number("threshold", threshold));
        return switch (comparator) {
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            default -> throw new IllegalArgumentException("comparator '" + comparator + "'");
        };
    }
}
