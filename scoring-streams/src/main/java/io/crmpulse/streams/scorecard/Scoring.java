package io.crmpulse.streams.scorecard;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Scores one KPI by its rule (METRICS.md section 6). Everything is exact: the difference between rate and base is
 * divided by the step as fractions and only whole steps count, so 2.4 points worse is 2 steps down, and 3/100
 * against 2/100 is exactly one step of one point.
 */
public final class Scoring {

    private Scoring() {
    }

    /**
     * @param rate    the KPI's rate in the period scored
     * @param earlier its rates in the earlier periods, oldest first (the last is the previous period's)
     */
    public static KpiScore score(KpiRule rule, Rated rate, List<Rated> earlier) {
        if (rate.isNull()) {
            return new KpiScore(rule.key(), null, null, null, null, null, rate.nullReason());
        }
        String period = rule.per().name().toLowerCase(Locale.ROOT);
        Fraction base;
        String note = null;
        switch (rule.base().kind()) {
            case TARGET -> base = rule.base().target();
            case PREVIOUS_PERIOD -> {
                Rated previous = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
                base = previous == null ? null : previous.value();
                if (base == null) {
                    note = previous == null ? "no previous " + period + ": scored at base"
                            : "the previous " + period + "'s rate is null (" + previous.nullReason() + "): scored at base";
                }
            }
            default -> {
                boolean lowest = rule.base().kind() == KpiRule.Base.Kind.HISTORICAL_LOWEST;
                base = earlier.stream().map(Rated::value).filter(Objects::nonNull)
                        .reduce((a, b) -> lowest ? a.min(b) : a.max(b)).orElse(null);
                if (base == null) {
                    note = "no earlier " + period + " with a rate: scored at base";
                }
            }
        }
        if (base == null) {
            return new KpiScore(rule.key(), rate.value(), null, note, null, bounded(rule, rule.atBase()), null);
        }
        Fraction ahead = rule.better() == KpiRule.Better.LOWER ? base.minus(rate.value()) : rate.value().minus(base);
        Fraction step = rule.step().relative() ? base.abs().times(rule.step().size()) : rule.step().size();
        if (step.signum() == 0) {
            // A share of a zero base: any difference at all is more steps than any bound.
            if (ahead.signum() == 0) {
                return new KpiScore(rule.key(), rate.value(), base, null, 0L, bounded(rule, rule.atBase()), null);
            }
            Fraction bound = ahead.signum() > 0 ? rule.max() : rule.min();
            if (bound == null) {
                return new KpiScore(rule.key(), rate.value(), base, "a relative step of a zero base", null, null,
                        "the rate differs from a base of 0 by a relative step, and the rule has no " + (ahead.signum() > 0 ? "max" : "min"));
            }
            return new KpiScore(rule.key(), rate.value(), base, "a relative step of a zero base: any difference reaches the bound",
                    null, bound, null);
        }
        long steps = ahead.abs().dividedBy(step).floor().longValueExact() * ahead.signum();
        Fraction score = steps >= 0 ? rule.atBase().plus(rule.pointsBetter().times(steps))
                : rule.atBase().minus(rule.pointsWorse().times(-steps));
        return new KpiScore(rule.key(), rate.value(), base, null, steps, bounded(rule, score), null);
    }

    /**
     * A KPI scored per shorter periods than its scorecard's: the mean of the scores of those periods that have one
     * (a month as the mean of its weekly scores); null when none has.
     */
    public static KpiScore mean(KpiRule rule, List<KpiScore> parts) {
        List<Fraction> scores = parts.stream().map(KpiScore::score).filter(Objects::nonNull).toList();
        String per = rule.per().name().toLowerCase(Locale.ROOT);
        if (scores.isEmpty()) {
            return new KpiScore(rule.key(), null, null, null, null, null, "no " + per + " of the period has a score");
        }
        Fraction sum = scores.stream().reduce(Fraction.ZERO, Fraction::plus);
        return new KpiScore(rule.key(), null, null, "the mean of " + scores.size() + " " + per + "ly scores", null,
                sum.dividedBy(Fraction.of(scores.size(), 1)), null);
    }

    private static Fraction bounded(KpiRule rule, Fraction score) {
        Fraction s = score;
        if (rule.max() != null) {
            s = s.min(rule.max());
        }
        if (rule.min() != null) {
            s = s.max(rule.min());
        }
        return s;
    }
}
