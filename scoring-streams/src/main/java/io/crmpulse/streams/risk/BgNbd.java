package io.crmpulse.streams.risk;

import org.hipparchus.special.Gamma;

/**
 * The BG/NBD model (Fader, Hardie and Lee 2005), and by {@link Variant#MBG_NBD} the modified BG/NBD
 * (Batislam, Denizel and Filiztekin 2007), in which a customer may also drop out right after the
 * first purchase, so one-time buyers do not all score P(alive) = 1.
 *
 * <p>Purchases while alive follow a Poisson process with rate λ ~ Gamma(r, α); after each purchase the
 * customer drops out with probability p ~ Beta(a, b). Everything is evaluated in log space where it
 * matters: the power term ((α+T)/(α+tₓ))^(r+x) reaches 1e12 on real data.
 */
public record BgNbd(Variant variant, double r, double alpha, double a, double b) {

    public enum Variant {
        /** Fader, Hardie and Lee (2005). */
        BG_NBD,
        /** Batislam, Denizel and Filiztekin (2007). */
        MBG_NBD
    }

    public BgNbd {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) {
            throw new IllegalArgumentException("BG/NBD parameters must be positive: r=" + r + " alpha=" + alpha + " a=" + a + " b=" + b);
        }
    }

    /** Log-likelihood of one customer's (x, tₓ, T): {@link #countTerm} plus {@link #timeTerm}. */
    public double logLikelihood(Rfm c) {
        return countTerm(c.x()) + timeTerm(c.x(), c.tx(), c.age());
    }

    /**
     * The part of the log-likelihood that depends on x alone (the log-gamma terms). A fit computes it once
     * per distinct x, not once per customer.
     */
    double countTerm(int x) {
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double a2 = variant == Variant.BG_NBD
                ? Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x)
                : Gamma.logGamma(a + b) + Gamma.logGamma(b + x + 1) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x + 1);
        return a1 + a2;
    }

    /** The rest of the log-likelihood: alive at T, or dropped out after the last purchase at tₓ. */
    double timeTerm(int x, double tx, double age) {
        double a3 = -(r + x) * Math.log(alpha + age);
        if (variant == Variant.BG_NBD) {
            if (x == 0) {
                return a3;
            }
            double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
            return logSumExp(a3, a4);
        }
        return a3 + log1pExp(logDropoutOdds(x, tx, age));
    }

    /** P(alive | x, tₓ, T): the probability that the customer has not dropped out by T. */
    public double pAlive(Rfm c) {
        if (variant == Variant.BG_NBD && c.x() == 0) {
            return 1;
        }
        return 1 / (1 + Math.exp(logDropoutOdds(c.x(), c.tx(), c.age())));
    }

    /** E[Y(t) | x, tₓ, T]: expected purchases in the next {@code t} weeks (BG/NBD eq. 10; MBG/NBD likewise). */
    public double expectedPurchases(double t, Rfm c) {
        int x = c.x();
        double z = t / (alpha + c.age() + t);
        double decay = Math.exp((r + x) * Math.log((alpha + c.age()) / (alpha + c.age() + t)));
        double numerator;
        if (variant == Variant.BG_NBD) {
            numerator = (a + b + x - 1) / (a - 1) * (1 - decay * Hypergeometric.hyp2f1(r + x, b + x, a + b + x - 1, z));
        } else {
            numerator = (a + b + x) / (a - 1) * (1 - decay * Hypergeometric.hyp2f1(r + x, b + x + 1, a + b + x, z));
        }
        double odds = variant == Variant.BG_NBD && x == 0 ? 0 : Math.exp(logDropoutOdds(x, c.tx(), c.age()));
        return numerator / (1 + odds);
    }

    /** E[X(t)]: expected purchases of a new customer in its first {@code t} weeks (BG/NBD eq. 9). */
    public double expectedPurchasesOfNewCustomer(double t) {
        double z = t / (alpha + t);
        double decay = Math.exp(r * Math.log(alpha / (alpha + t)));
        if (variant == Variant.BG_NBD) {
            return (a + b - 1) / (a - 1) * (1 - decay * Hypergeometric.hyp2f1(r, b, a + b - 1, z));
        }
        return b / (a - 1) * (1 - decay * Hypergeometric.hyp2f1(r, b + 1, a + b, z));
    }

    /** log of [dropped out at the last purchase] / [still alive], given the data. */
    private double logDropoutOdds(int x, double tx, double age) {
        double ratio = (r + x) * (Math.log(alpha + age) - Math.log(alpha + tx));
        return variant == Variant.BG_NBD
                ? Math.log(a) - Math.log(b + x - 1) + ratio
                : Math.log(a) - Math.log(b + x) + ratio;
    }

    private static double logSumExp(double u, double v) {
        double max = Math.max(u, v);
        return max + Math.log1p(Math.exp(Math.min(u, v) - max));
    }

    private static double log1pExp(double u) {
        return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
    }
}
