package io.crmpulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crmpulse.records.ChurnRiskModel;
import io.crmpulse.records.SpendModel;
import io.crmpulse.state.ActivityInstant;
import io.crmpulse.state.CustomerState;
import io.crmpulse.streams.risk.BgNbd;
import io.crmpulse.streams.risk.BgNbdFitter;
import io.crmpulse.streams.risk.CustomerRisk;
import io.crmpulse.streams.risk.GammaGamma;
import io.crmpulse.streams.risk.ModelFit;
import io.crmpulse.streams.risk.PurchaseSummary;
import io.crmpulse.streams.risk.Rfm;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Figures of one run, printed as one JSON object on standard output (progress goes to standard error):
 * churn-risk fit time for 100k and 1M customers and scoring cost, ingest throughput against Kafka's
 * own producer ({@link IngestBench}), and what serving 1M customers costs ({@link ServingBench}).
 *
 * <p>Customers are simulated from a known BG/NBD process (r=0.25, α=4, a=0.8, b=2.5; Gamma-Gamma spend
 * p=6, q=4, γ=15) over up to 104 weeks, with times in whole days as the product measures them, so the
 * fit's recovery of the true parameters is printed beside its time.
 */
public final class Bench {

    private static final BgNbd TRUTH = new BgNbd(BgNbd.Variant.BG_NBD, 0.25, 4.0, 0.8, 2.5);

    public static void main(String[] args) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("java", System.getProperty("java.version"));
        out.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1 << 20));
        if (args.length > 0 && args[0].equals("e2e")) {
            int customers = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
            log("end to end: every order of " + customers + " customers over 24 months through one instance");
            EndToEndBench.run(customers, out);
            print(out);
            return;
        }
        for (int n : new int[] {100_000, 1_000_000}) {
            String k = n == 100_000 ? "100k" : "1m";
            log("simulating " + n + " customers");
            List<Rfm> customers = simulate(n, new Random(n));
            out.put("customers_" + k + "_distinct_summaries", distinct(customers));
            out.put("fit_bgnbd_" + k + "_ms", time(() -> fitAndRecord(customers, out, k)));
            out.put("fit_gamma_gamma_" + k + "_ms", time(() -> GammaGamma.fit(customers)));
        }
        out.put("score_ns_per_customer", scoreCost());
        log("ingest throughput on 1M rows");
        IngestBench.run(1_000_000, out);
        out.put("purchase_summary_ns_per_customer_20_purchases", summaryCost());
        log("serving cost for 1M customers over 24 months");
        ServingBench.run(1_000_000, out);
        print(out);
    }

    private static void print(Map<String, Object> out) throws java.io.IOException {
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
    }

    private static void fitAndRecord(List<Rfm> customers, Map<String, Object> out, String k) {
        ModelFit fit = BgNbdFitter.fit(BgNbd.Variant.BG_NBD, customers);
        out.put("fit_bgnbd_" + k + "_params", Map.of("r", round(fit.model().r()), "alpha", round(fit.model().alpha()),
                "a", round(fit.model().a()), "b", round(fit.model().b())));
    }

    /** Nanoseconds per customer of P(alive), E[Y(13 weeks)] and expected value with Gamma-Gamma. */
    private static double scoreCost() {
        List<Rfm> customers = simulate(100_000, new Random(1));
        ChurnRiskModel model = new ChurnRiskModel("bg-nbd", 0.25, 4.0, 0.8, 2.5, 0.0, 0L, new SpendModel(6.0, 4.0, 15.0, 0L),
                Instant.EPOCH, Instant.EPOCH);
        double sink = 0;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            long start = System.nanoTime();
            for (Rfm c : customers) {
                sink += CustomerRisk.of(c, model, 13).riskScore();
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) customers.size());
        }
        log("score checksum " + sink);
        return Math.round(best);
    }

    /** Nanoseconds per customer to derive its purchase summary from a lifecycle state with 20 purchase days. */
    private static double summaryCost() {
        List<ActivityInstant> activity = new ArrayList<>();
        Instant t = Instant.parse("2024-01-01T10:00:00Z");
        for (int i = 0; i < 20; i++) {
            activity.add(new ActivityInstant(t.plusSeconds(86_400L * 9 * i), 1, new BigDecimal("12.5000")));
        }
        CustomerState state = CustomerState.newBuilder().setCustomerId("c").setFirstSeen(t).setActivity(activity)
                .setOffice(List.of()).setStaff(List.of()).setRecognizedUntil(t).setDueAt(null).build();
        Instant asOf = Instant.parse("2024-12-31T00:00:00Z");
        int reps = 200_000;
        double sink = 0;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                sink += PurchaseSummary.of(state, asOf, ZoneOffset.UTC).orElseThrow().tx();
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) reps);
        }
        log("summary checksum " + sink);
        return Math.round(best);
    }

    /** BG/NBD histories: rate λ ~ Gamma(r, α) per week, dropout p ~ Beta(a, b) after each repeat purchase. */
    static List<Rfm> simulate(int n, Random random) {
        List<Rfm> customers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int ageDays = 7 + random.nextInt(7 * 104 - 7);
            double lambda = gamma(random, TRUTH.r()) / TRUTH.alpha();
            double p = beta(random, TRUTH.a(), TRUTH.b());
            double spendScale = gamma(random, 4.0) / 15.0;
            double t = 0;
            int x = 0;
            double lastDay = 0;
            double spend = 0;
            Set<Long> days = new HashSet<>();
            days.add(0L);
            while (true) {
                t += -Math.log(1 - random.nextDouble()) / lambda;
                long day = (long) Math.floor(t * 7);
                if (day >= ageDays) {
                    break;
                }
                if (days.add(day)) {
                    x++;
                    lastDay = day;
                    spend += gamma(random, 6.0) / spendScale;
                }
                if (random.nextDouble() < p) {
                    break;
                }
            }
            customers.add(Rfm.ofDays(x, (long) lastDay, ageDays, x == 0 ? Double.NaN : spend / x));
        }
        return customers;
    }

    private static double gamma(Random random, double shape) {
        if (shape < 1) {
            return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        // Marsaglia and Tsang.
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = random.nextGaussian();
            double v = Math.pow(1 + c * z, 3);
            if (v > 0 && Math.log(random.nextDouble()) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static double beta(Random random, double a, double b) {
        double x = gamma(random, a);
        return x / (x + gamma(random, b));
    }

    private static long distinct(List<Rfm> customers) {
        return customers.stream().map(c -> Arrays.asList((double) c.x(), c.tx(), c.age())).distinct().count();
    }

    private static long time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    static void log(String message) {
        System.err.println("bench: " + message);
    }
}
