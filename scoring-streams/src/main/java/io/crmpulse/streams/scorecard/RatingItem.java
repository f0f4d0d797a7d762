package io.crmpulse.streams.scorecard;

import java.util.Map;

/**
 * One line of a scorecard's qualitative part, which a manager rates (METRICS.md section 6): the levels a rating may
 * give and the points each is worth, e.g. excellent 60, good 50, fair 30, poor 0.
 */
public record RatingItem(String key, String label, Map<String, Fraction> levels) {

    public RatingItem {
        levels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(levels));
    }

    /** The most points this item gives. */
    public Fraction maxPoints() {
        return levels.values().stream().max(Fraction::compareTo).orElse(Fraction.ZERO);
    }
}
