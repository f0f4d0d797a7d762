package io.crmpulse.streams.risk;

import java.util.Collection;
import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie and Lee 2005, "RFM and CLV"): a customer's
 * purchase values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers. Fitted on customers with
 * repeat purchases of positive mean value; gives each customer's expected value per purchase.
 */
public record GammaGamma(double p, double q, double gamma, double logLikelihood, long customers) {

    /** E[value per purchase | x repeat purchases of mean m̄]: between the population mean and m̄. */
    public double expectedSpend(Rfm c) {
        if (c.x() == 0 || !(c.meanSpend() > 0)) {
            return p * gamma / (q - 1);
        }
        return p * (gamma + c.x() * c.meanSpend()) / (p * c.x() + q - 1);
    }

    public static GammaGamma fit(Collection<Rfm> customers) {
        List<Rfm> spenders = customers.stream().filter(c -> c.x() > 0 && c.meanSpend() > 0).toList();
        if (spenders.isEmpty()) {
            throw new IllegalArgumentException("cannot fit Gamma-Gamma: no customer has repeat purchases of positive value");
        }
        Spenders data = new Spenders(spenders);
        double[] params = MaximumLikelihood.maximise(v -> data.logLikelihood(v[0], v[1], v[2]), new double[] {1, 1, 1});
        return new GammaGamma(params[0], params[1], params[2], data.logLikelihood(params[0], params[1], params[2]), spenders.size());
    }

    /**
     * The data in the form the likelihood sums fastest: log-gamma terms depend on x alone (computed once
     * per distinct x), logarithms of x and of the mean spend once per customer, leaving one logarithm per
     * customer and evaluation.
     */
    private static final class Spenders {
        private final double[] x;
        private final double[] m;
        private final double[] xLogX;
        private final double[] logM;
        private final int[] distinctX;
        private final long[] customersWithX;

        Spenders(List<Rfm> spenders) {
            int n = spenders.size();
            x = new double[n];
            m = new double[n];
            xLogX = new double[n];
            logM = new double[n];
            java.util.TreeMap<Integer, Long> counts = new java.util.TreeMap<>();
            for (int i = 0; i < n; i++) {
                Rfm c = spenders.get(i);
                x[i] = c.x();
                m[i] = c.meanSpend();
                xLogX[i] = c.x() * Math.log(c.x());
                logM[i] = Math.log(c.meanSpend());
                counts.merge(c.x(), 1L, Long::sum);
            }
            distinctX = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
            customersWithX = counts.values().stream().mapToLong(Long::longValue).toArray();
        }

        double logLikelihood(double p, double q, double gamma) {
            double sum = 0;
            for (int k = 0; k < distinctX.length; k++) {
                double px = p * distinctX[k];
                sum += customersWithX[k] * (Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(gamma));
            }
            for (int i = 0; i < x.length; i++) {
                double px = p * x[i];
                sum += (px - 1) * logM[i] + p * xLogX[i] - (px + q) * Math.log(gamma + x[i] * m[i]);
            }
            return sum;
        }
    }
}
