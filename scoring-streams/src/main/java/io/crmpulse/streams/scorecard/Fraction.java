package io.crmpulse.streams.scorecard;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact rational number, always reduced, with a positive denominator. Scorecard steps are counted on these,
 * never on floating point (METRICS.md section 6): a rate of 3/100 against a base of 2/100 is exactly one step of
 * one percentage point, where {@code 0.03 - 0.02} in doubles is a little less than {@code 0.01}.
 */
public record Fraction(BigInteger numerator, BigInteger denominator) implements Comparable<Fraction> {

    public static final Fraction ZERO = of(0, 1);
    public static final Fraction ONE = of(1, 1);

    public Fraction {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("a fraction with denominator 0");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
    }

    public static Fraction of(long numerator, long denominator) {
        return new Fraction(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    /** The exact value of a decimal text such as {@code 0.9}, {@code -3} or {@code 12.5}. */
    public static Fraction parse(String decimal) {
        return of(new BigDecimal(decimal.trim()));
    }

    public static Fraction of(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return new Fraction(stripped.toBigIntegerExact(), BigInteger.ONE);
        }
        return new Fraction(stripped.unscaledValue(), BigInteger.TEN.pow(stripped.scale()));
    }

    public Fraction plus(Fraction other) {
        return new Fraction(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Fraction minus(Fraction other) {
        return plus(other.negate());
    }

    public Fraction times(Fraction other) {
        return new Fraction(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public Fraction times(long factor) {
        return times(of(factor, 1));
    }

    public Fraction dividedBy(Fraction other) {
        return new Fraction(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    public Fraction negate() {
        return new Fraction(numerator.negate(), denominator);
    }

    public Fraction abs() {
        return signum() < 0 ? negate() : this;
    }

    public int signum() {
        return numerator.signum();
    }

    /** The largest whole number not above this one. */
    public BigInteger floor() {
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    public Fraction min(Fraction other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Fraction max(Fraction other) {
        return compareTo(other) >= 0 ? this : other;
    }

    @Override
    public int compareTo(Fraction other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    /** The nearest double, for JSON; the exact value stays in the fraction. */
    public double toDouble() {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), 17, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** The value as a decimal: exact when it terminates within {@code scale} digits, otherwise rounded half-even to them. */
    public BigDecimal toDecimal(int scale) {
        BigDecimal value = new BigDecimal(numerator).divide(new BigDecimal(denominator), scale, RoundingMode.HALF_EVEN).stripTrailingZeros();
        // 60, not 6E+1.
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /** {@code n/d}, or {@code n} when whole: the exact text, as the frozen scorecard keeps it. */
    @Override
    public String toString() {
        return denominator.equals(BigInteger.ONE) ? numerator.toString() : numerator + "/" + denominator;
    }

    /** Reads what {@link #toString()} wrote. */
    public static Fraction fromString(String text) {
        int slash = text.indexOf('/');
        return slash < 0 ? new Fraction(new BigInteger(text), BigInteger.ONE)
                : new Fraction(new BigInteger(text.substring(0, slash)), new BigInteger(text.substring(slash + 1)));
    }
}
