package io.crmpulse.streams.risk;

import java.time.Duration;

/**
 * Tunables of METRICS.md section 8.
 *
 * @param variant  {@code risk.model}: bg-nbd (Fader, Hardie and Lee) or mbg-nbd (Batislam et al.)
 * @param horizon  {@code risk.horizon}: expected purchases and value are over this horizon (default 13 weeks)
 * @param fitEvery {@code risk.fit-every}: how often the model is refitted on the current customer base
 */
public record RiskSettings(BgNbd.Variant variant, Duration horizon, Duration fitEvery) {

    public static final Duration DEFAULT_HORIZON = Duration.ofDays(91);

    public RiskSettings {
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("risk.horizon must be positive, got " + horizon);
        }
        if (fitEvery.isNegative() || fitEvery.isZero()) {
            throw new IllegalArgumentException("risk.fit-every must be positive, got " + fitEvery);
        }
    }

    public static RiskSettings defaults() {
        return new RiskSettings(BgNbd.Variant.BG_NBD, DEFAULT_HORIZON, Duration.ofDays(1));
    }

    public double horizonWeeks() {
        return horizon.toMillis() / (7.0 * 24 * 3600 * 1000);
    }

    /** The name a model carries in the API and on the model topic. */
    public static String name(BgNbd.Variant variant) {
        return variant == BgNbd.Variant.BG_NBD ? "bg-nbd" : "mbg-nbd";
    }

    public static BgNbd.Variant variantNamed(String name) {
        return switch (name) {
            case "bg-nbd" -> BgNbd.Variant.BG_NBD;
            case "mbg-nbd" -> BgNbd.Variant.MBG_NBD;
            default -> throw new IllegalArgumentException("unknown churn-risk model '" + name + "': expected bg-nbd or mbg-nbd");
        };
    }
}
