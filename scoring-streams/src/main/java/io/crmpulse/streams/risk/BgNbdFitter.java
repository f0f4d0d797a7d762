package io.crmpulse.streams.risk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits BG/NBD or MBG/NBD by maximum likelihood over a customer base. Customers with the same
 * (x, tₓ, T) contribute the same term, so the likelihood is summed over distinct summaries with their
 * counts (times are whole days, so there are far fewer of those than customers); the log-gamma terms
 * depend on x alone and are computed once per x.
 */
public final class BgNbdFitter {

    private BgNbdFitter() {
    }

    /** The distinct (tₓ, T) of one x, with how many customers have each. */
    private record SameX(int x, long customers, double[] tx, double[] age, int[] weight) {
    }

    public static ModelFit fit(BgNbd.Variant variant, Collection<Rfm> customers) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("cannot fit a purchase model on no customers");
        }
        List<SameX> groups = group(customers);
        double[] params = MaximumLikelihood.maximise(p -> logLikelihood(new BgNbd(variant, p[0], p[1], p[2], p[3]), groups),
                new double[] {1, 1, 1, 1});
        BgNbd model = new BgNbd(variant, params[0], params[1], params[2], params[3]);
        return new ModelFit(model, logLikelihood(model, groups), customers.size());
    }

    /** Σ log-likelihood of every customer under {@code model}. */
    public static double logLikelihood(BgNbd model, Collection<Rfm> customers) {
        return logLikelihood(model, group(customers));
    }

    private static double logLikelihood(BgNbd model, List<SameX> groups) {
        double sum = 0;
        for (SameX g : groups) {
            sum += g.customers() * model.countTerm(g.x());
            for (int i = 0; i < g.tx().length; i++) {
                sum += g.weight()[i] * model.timeTerm(g.x(), g.tx()[i], g.age()[i]);
            }
        }
        return sum;
    }

    private static List<SameX> group(Collection<Rfm> customers) {
        Map<Integer, Map<List<Double>, Integer>> byX = new TreeMap<>();
        for (Rfm c : customers) {
            byX.computeIfAbsent(c.x(), k -> new HashMap<>()).merge(List.of(c.tx(), c.age()), 1, Integer::sum);
        }
        List<SameX> groups = new ArrayList<>();
        byX.forEach((x, times) -> {
            double[] tx = new double[times.size()];
            double[] age = new double[times.size()];
            int[] weight = new int[times.size()];
            long total = 0;
            int i = 0;
            for (Map.Entry<List<Double>, Integer> e : times.entrySet()) {
                tx[i] = e.getKey().get(0);
                age[i] = e.getKey().get(1);
                weight[i++] = e.getValue();
                total += e.getValue();
            }
            groups.add(new SameX(x, total, tx, age, weight));
        });
        return groups;
    }
}
