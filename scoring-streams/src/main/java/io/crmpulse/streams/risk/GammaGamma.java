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
        double[] params = MaximumLikelihood.maximise(v -> logLikelihood(v[0], v[1], v[2], spenders), new double[] {1, 1, 1});
        return new GammaGamma(params[0], params[1], params[2], logLikelihood(params[0], params[1], params[2], spenders), spenders.size());
    }

    private static double logLikelihood(double p, double q, double gamma, List<Rfm> spenders) {
        double sum = 0;
        for (Rfm c : spenders) {
            double x = c.x();
            double m = c.meanSpend();
            sum += Gamma.logGamma(p * x + q) - Gamma.logGamma(p * x) - Gamma.logGamma(q) + q * Math.log(gamma)
                    + (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(gamma + x * m);
        }
        return sum;
    }
}
