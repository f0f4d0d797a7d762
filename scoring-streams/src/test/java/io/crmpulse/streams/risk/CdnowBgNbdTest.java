package io.crmpulse.streams.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The BG/NBD of Fader, Hardie and Lee (2005) on their CDNOW sample, against the reference values of
 * testdata/cdnow/cdnow_sample_reference.csv and the published parameters (docs/CHURN_RISK.md), computed from the
 * per-customer summaries with exact day counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnowBgNbdTest {

    private static final Path REFERENCE = Path.of("../testdata/cdnow/cdnow_sample_reference.csv");
    private static final BgNbd PAPER = new BgNbd(BgNbd.Variant.BG_NBD, 0.243, 4.414, 0.793, 2.426);

    private record Row(Rfm rfm, int holdout, double pAlive, double expected39) {
    }

    private final List<Row> rows = new ArrayList<>();

    @BeforeAll
    void read() throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.add(new Row(Rfm.ofDays(Integer.parseInt(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Double.NaN),
                    Integer.parseInt(f[9]), Double.parseDouble(f[10]), Double.parseDouble(f[11])));
        }
    }

    private List<Rfm> customers() {
        return rows.stream().map(Row::rfm).toList();
    }

    @Test
    void shouldReadTheWholeSample() {
        assertThat(rows).hasSize(2357);
        assertThat(rows.stream().mapToInt(r -> r.rfm().x()).sum()).isEqualTo(2457);
        assertThat(rows.stream().filter(r -> r.rfm().x() == 0).count()).isEqualTo(1411);
    }

    @Test
    void shouldScoreEveryCustomerAsTheReferenceAtThePapersParameters() {
        for (Row r : rows) {
            assertThat(PAPER.pAlive(r.rfm())).as("P(alive) of %s", r.rfm()).isCloseTo(r.pAlive(), within(1e-6 * Math.max(r.pAlive(), 1e-6)));
            assertThat(PAPER.expectedPurchases(39, r.rfm())).as("E[Y(39)] of %s", r.rfm())
                    .isCloseTo(r.expected39(), within(1e-6 * Math.max(r.expected39(), 1e-6)));
        }
    }

    @Test
    void shouldGiveTheLogLikelihoodAtThePapersParameters() {
        assertThat(BgNbdFitter.logLikelihood(PAPER, customers())).isCloseTo(-9582.4305, within(1e-3));
    }

    @Test
    void shouldReproduceTheMaximumLikelihoodFit() {
        ModelFit fit = BgNbdFitter.fit(BgNbd.Variant.BG_NBD, customers());

        Percentage relative = Percentage.withPercentage(1e-2); // 1e-4 relative
        assertThat(fit.model().r()).isCloseTo(0.2425945, relative);
        assertThat(fit.model().alpha()).isCloseTo(4.4136020, relative);
        assertThat(fit.model().a()).isCloseTo(0.7929220, relative);
        assertThat(fit.model().b()).isCloseTo(2.4259068, relative);
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4292, within(1e-3));
        assertThat(fit.customers()).isEqualTo(2357);
        // The published parameters, to their three decimals.
        assertThat(Math.round(fit.model().r() * 1000) / 1000.0).isEqualTo(0.243);
        assertThat(Math.round(fit.model().alpha() * 1000) / 1000.0).isEqualTo(4.414);
        assertThat(Math.round(fit.model().a() * 1000) / 1000.0).isEqualTo(0.793);
        assertThat(Math.round(fit.model().b() * 1000) / 1000.0).isEqualTo(2.426);
    }

    @Test
    void shouldForecastTheHoldoutAsTheReference() {
        double conditional = rows.stream().mapToDouble(r -> PAPER.expectedPurchases(39, r.rfm())).sum();
        assertThat(conditional).isCloseTo(1653.9, within(0.05));
        assertThat(rows.stream().mapToInt(Row::holdout).sum()).isEqualTo(1882);
        // Hardie's spreadsheet, as quoted by lifetimes: E[X(t)] at the MLE.
        BgNbd mle = new BgNbd(BgNbd.Variant.BG_NBD, 0.2425945, 4.4136020, 0.7929220, 2.4259068);
        assertThat(mle.expectedPurchasesOfNewCustomer(1)).isCloseTo(0.05318, within(5e-6));
        assertThat(mle.expectedPurchasesOfNewCustomer(78)).isCloseTo(1.85796, within(5e-6));
    }

    @Test
    void shouldLetOneTimeBuyersDropOutInTheModifiedModel() {
        ModelFit fit = BgNbdFitter.fit(BgNbd.Variant.MBG_NBD, customers());
        Rfm oneTime = Rfm.ofDays(0, 0, 272, Double.NaN);
        Rfm loyal = Rfm.ofDays(10, 260, 272, Double.NaN);

        assertThat(fit.model().pAlive(oneTime)).isBetween(0.0, 0.99);
        assertThat(fit.model().pAlive(loyal)).isGreaterThan(fit.model().pAlive(oneTime));
        // A maximum: moving any parameter by 1 % lowers the likelihood.
        BgNbd m = fit.model();
        for (double[] d : new double[][] {{1.01, 1, 1, 1}, {1, 1.01, 1, 1}, {1, 1, 1.01, 1}, {1, 1, 1, 1.01},
                {0.99, 1, 1, 1}, {1, 0.99, 1, 1}, {1, 1, 0.99, 1}, {1, 1, 1, 0.99}}) {
            BgNbd moved = new BgNbd(m.variant(), m.r() * d[0], m.alpha() * d[1], m.a() * d[2], m.b() * d[3]);
            assertThat(BgNbdFitter.logLikelihood(moved, customers())).isLessThan(fit.logLikelihood());
        }
    }
}
