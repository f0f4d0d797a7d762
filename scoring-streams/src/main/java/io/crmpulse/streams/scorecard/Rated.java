package io.crmpulse.streams.scorecard;

/** A rate as an exact fraction, or null with the reason (its denominator is 0). */
public record Rated(Fraction value, String nullReason) {

    public Rated {
        if ((value == null) == (nullReason == null)) {
            throw new IllegalArgumentException("a rate has either a value or a reason for none");
        }
    }

    /** {@code numerator / denominator}, or null for {@code reasonIfNone} when the denominator is 0. */
    public static Rated of(long numerator, long denominator, String reasonIfNone) {
        return denominator == 0 ? new Rated(null, reasonIfNone) : new Rated(Fraction.of(numerator, denominator), null);
    }

    public static Rated of(Fraction value) {
        return new Rated(value, null);
    }

    public boolean isNull() {
        return value == null;
    }
}
