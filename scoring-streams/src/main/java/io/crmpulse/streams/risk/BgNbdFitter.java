package io.crmpulse.streams.risk;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Fits BG/NBD or MBG/NBD by maximum likelihood over a customer base. Customers with the same
 * (x, tₓ, T) contribute the same term, so the likelihood is summed over distinct summaries with their
 * counts: on real bases there are far fewer of those than customers.
 */
public final class BgNbdFitter {

    private BgNbdFitter() {
    }

    private record Key(int x, double tx, double age) {
    }

    public static ModelFit fit(BgNbd.Variant variant, Collection<Rfm> customers) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("cannot fit a purchase model on no customers");
        }
        Map<Key, Integer> counts = new HashMap<>();
        for (Rfm c : customers) {
            counts.merge(new Key(c.x(), c.tx(), c.age()), 1, Integer::sum);
        }
        Rfm[] distinct = new Rfm[counts.size()];
        int[] weight = new int[counts.size()];
        int i = 0;
        for (Map.Entry<Key, Integer> e : counts.entrySet()) {
            distinct[i] = new Rfm(e.getKey().x(), e.getKey().tx(), e.getKey().age(), Double.NaN);
            weight[i++] = e.getValue();
        }
        double[] params = MaximumLikelihood.maximise(p -> logLikelihood(new BgNbd(variant, p[0], p[1], p[2], p[3]), distinct, weight),
                new double[] {1, 1, 1, 1});
        BgNbd model = new BgNbd(variant, params[0], params[1], params[2], params[3]);
        return new ModelFit(model, logLikelihood(model, distinct, weight), customers.size());
    }

    /** Σ log-likelihood of every customer under {@code model}. */
    public static double logLikelihood(BgNbd model, Collection<Rfm> customers) {
        double sum = 0;
        for (Rfm c : customers) {
            sum += model.logLikelihood(c);
        }
        return sum;
    }

    private static double logLikelihood(BgNbd model, Rfm[] distinct, int[] weight) {
        double sum = 0;
        for (int i = 0; i < distinct.length; i++) {
            sum += weight[i] * model.logLikelihood(distinct[i]);
        }
        return sum;
    }
}
