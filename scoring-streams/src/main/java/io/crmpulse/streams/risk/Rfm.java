package io.crmpulse.streams.risk;

/**
 * One customer's purchase summary in the models' terms (METRICS.md section 8), times in weeks:
 * {@code x} repeat purchases (distinct purchase days after the first), {@code tx} the time of the last
 * purchase and {@code age} (T) the time at which the customer is observed, both since the first
 * purchase; {@code meanSpend} the mean value of the repeat purchases (NaN when x = 0).
 */
public record Rfm(int x, double tx, double age, double meanSpend) {

    public Rfm {
        if (x < 0 || tx < 0 || age < tx || (x == 0 && tx != 0)) {
            throw new IllegalArgumentException("not a purchase summary: x=" + x + " tx=" + tx + " T=" + age);
        }
    }

    /** From whole-day counts, as the CDNOW reference computes them (a week is 7 days, no rounding). */
    public static Rfm ofDays(int x, long txDays, long ageDays, double meanSpend) {
        return new Rfm(x, txDays / 7.0, ageDays / 7.0, meanSpend);
    }
}
