package io.crmpulse.api;

import io.crmpulse.records.ChurnRiskModel;
import io.crmpulse.records.SpendModel;
import io.crmpulse.streams.risk.BgNbdFitter;
import io.crmpulse.streams.risk.GammaGamma;
import io.crmpulse.streams.risk.ModelFit;
import io.crmpulse.streams.risk.Rfm;
import io.crmpulse.streams.risk.RiskSettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits the churn-risk model on the current customer base (every instance's customers) with ages and
 * recencies measured at an instant, and publishes it; used by the admin endpoint and the schedule.
 */
@Singleton
public final class ChurnRiskFits {

    private static final Logger LOG = LoggerFactory.getLogger(ChurnRiskFits.class);

    private final FiguresSource source;
    private final ModelPublisher publisher;
    private final ApiSettings settings;
    private final Clock clock;

    ChurnRiskFits(FiguresSource source, ModelPublisher publisher, ApiSettings settings) {
        this.source = source;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    /** Fits at {@code asOf} and publishes the result. */
    public ChurnRiskModel fit(Instant asOf) {
        List<Rfm> customers = source.summaries(asOf);
        if (customers.isEmpty()) {
            throw new ApiErrors.Conflict("no customer has a purchase by " + asOf + ": nothing to fit a model on");
        }
        long started = System.nanoTime();
        ModelFit purchases = BgNbdFitter.fit(settings.risk().variant(), customers);
        SpendModel spend = null;
        try {
            GammaGamma g = GammaGamma.fit(customers);
            spend = new SpendModel(g.p(), g.q(), g.gamma(), g.customers());
        } catch (IllegalArgumentException noRepeatSpend) {
            LOG.warn("no spend model: {}", noRepeatSpend.getMessage());
        }
        ChurnRiskModel model = new ChurnRiskModel(RiskSettings.name(settings.risk().variant()), purchases.model().r(),
                purchases.model().alpha(), purchases.model().a(), purchases.model().b(), purchases.logLikelihood(),
                purchases.customers(), spend, asOf, clock.instant());
        publisher.publish(model);
        LOG.info("fitted {} on {} customers as of {} in {} ms", model.getModel(), customers.size(), asOf,
                (System.nanoTime() - started) / 1_000_000);
        return model;
    }

    /** Fits at the current stream time, if there is any data. */
    public void fitNow() {
        java.util.Optional.ofNullable(source.progress().streamTime()).ifPresent(this::fit);
    }
}
