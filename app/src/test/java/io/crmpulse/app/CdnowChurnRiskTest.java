package io.crmpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crmpulse.ingest.IngestRun;
import io.crmpulse.ingest.IngestSummary;
import io.crmpulse.ingest.mapping.MappingLoader;
import io.crmpulse.state.CustomerState;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.risk.BgNbd;
import io.crmpulse.streams.risk.BgNbdFitter;
import io.crmpulse.streams.risk.ModelFit;
import io.crmpulse.streams.risk.PurchaseSummary;
import io.crmpulse.streams.risk.Rfm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CDNOW fit of docs/CHURN_RISK.md reproduced through the product: the CDNOW sample is read with the
 * shipped mapping by the ingest code, flows through the lifecycle topology, and the purchase
 * summaries are taken from the customer state at the end of the calibration period (1997-09-30).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnowChurnRiskTest {

    private static final Path CDNOW = Path.of("../testdata/cdnow");
    private static final Instant CALIBRATION_END = Instant.parse("1997-09-30T00:00:00Z");
    private static final BgNbd PAPER = new BgNbd(BgNbd.Variant.BG_NBD, 0.243, 4.414, 0.793, 2.426);

    private PipelineDriver pipeline;
    private IngestSummary ingested;
    private final Map<Integer, Rfm> byMasterId = new HashMap<>();

    @BeforeAll
    void ingestTheSample() {
        pipeline = new PipelineDriver();
        DriverSink sink = new DriverSink(pipeline);
        var mapping = MappingLoader.load(Path.of("../examples/cdnow-sample.yaml"));
        ingested = new IngestRun(mapping, mapping.source(), sink, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                Duration.ofDays(1), read -> { }).run(List.of(CDNOW.resolve("CDNOW_sample.txt")));
        for (CustomerState state : pipeline.customerStates()) {
            PurchaseSummary.of(state, CALIBRATION_END, ZoneOffset.UTC)
                    .ifPresent(rfm -> byMasterId.put(Integer.parseInt(state.getCustomerId()), rfm));
        }
    }

    @AfterAll
    void close() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldIngestEveryRecordOfTheSample() {
        assertThat(ingested.line()).isEqualTo("read 6919, published 6919, rejected 0, duplicates 0");
        assertThat(byMasterId).hasSize(2357);
        assertThat(byMasterId.values().stream().mapToInt(Rfm::x).sum()).isEqualTo(2457);
    }

    @Test
    void shouldFitTheMaximumLikelihoodParametersOnTheCalibrationPeriod() {
        ModelFit fit = BgNbdFitter.fit(BgNbd.Variant.BG_NBD, byMasterId.values());

        Percentage relative = Percentage.withPercentage(1e-2);
        assertThat(fit.model().r()).isCloseTo(0.2425945, relative);
        assertThat(fit.model().alpha()).isCloseTo(4.4136020, relative);
        assertThat(fit.model().a()).isCloseTo(0.7929220, relative);
        assertThat(fit.model().b()).isCloseTo(2.4259068, relative);
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4292, within(1e-3));
    }

    @Test
    void shouldScoreEveryCustomerAsTheReference() throws IOException {
        List<String> lines = Files.readAllLines(CDNOW.resolve("cdnow_sample_reference.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            Rfm rfm = byMasterId.get(Integer.parseInt(f[1]));
            assertThat(rfm.x()).as("x of %s", f[1]).isEqualTo(Integer.parseInt(f[4]));
            double pAlive = Double.parseDouble(f[10]);
            double expected = Double.parseDouble(f[11]);
            assertThat(PAPER.pAlive(rfm)).as("P(alive) of %s", f[1]).isCloseTo(pAlive, within(1e-6 * Math.max(pAlive, 1e-6)));
            assertThat(PAPER.expectedPurchases(39, rfm)).as("E[Y(39)] of %s", f[1]).isCloseTo(expected, within(1e-6 * Math.max(expected, 1e-6)));
        }
    }
}
