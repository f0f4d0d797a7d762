package io.crmpulse.streams.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Gamma-Gamma on the CDNOW sample's calibration period (to 1997-09-30): the mean value of each
 * customer's repeat purchase days. lifetimes documents this fit as "946 subjects, p: 6.25, q: 3.74,
 * v: 15.45"; the maximum found here agrees on the count and on p and q to their two decimals.
 */
class CdnowGammaGammaTest {

    private static final Path SAMPLE = Path.of("../testdata/cdnow/CDNOW_sample.txt");
    private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

    @Test
    void shouldFitSpendPerPurchaseOnTheSample() throws IOException {
        List<Rfm> customers = calibrationSummaries();

        GammaGamma fit = GammaGamma.fit(customers);

        assertThat(fit.customers()).isEqualTo(946);
        assertThat(fit.p()).isCloseTo(6.25, within(0.005));
        assertThat(fit.q()).isCloseTo(3.74, within(0.005));
        assertThat(fit.gamma()).isCloseTo(15.44, within(0.01));
        // Each customer's expected spend lies between the population mean and its own mean.
        double populationMean = fit.p() * fit.gamma() / (fit.q() - 1);
        for (Rfm c : customers) {
            if (c.x() > 0 && c.meanSpend() > 0) {
                assertThat(fit.expectedSpend(c)).isBetween(Math.min(populationMean, c.meanSpend()) - 1e-9,
                        Math.max(populationMean, c.meanSpend()) + 1e-9);
            }
        }
    }

    private static List<Rfm> calibrationSummaries() throws IOException {
        Map<String, NavigableMap<LocalDate, Double>> spendByDay = new HashMap<>();
        for (String line : Files.readAllLines(SAMPLE)) {
            String[] f = line.strip().split("\\s+");
            LocalDate day = LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE);
            if (!day.isAfter(CALIBRATION_END)) {
                spendByDay.computeIfAbsent(f[1], k -> new TreeMap<>()).merge(day, Double.parseDouble(f[4]), Double::sum);
            }
        }
        List<Rfm> customers = new ArrayList<>();
        for (NavigableMap<LocalDate, Double> days : spendByDay.values()) {
            LocalDate first = days.firstKey();
            int x = days.size() - 1;
            double mean = days.tailMap(first, false).values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            customers.add(Rfm.ofDays(x, ChronoUnit.DAYS.between(first, days.lastKey()), ChronoUnit.DAYS.between(first, CALIBRATION_END), mean));
        }
        return customers;
    }
}
