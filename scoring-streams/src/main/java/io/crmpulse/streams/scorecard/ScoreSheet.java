package io.crmpulse.streams.scorecard;

import java.util.List;
import java.util.Objects;

/**
 * The quantitative part of one scorecard: every KPI's score, their total, and the KPIs whose score is null (the
 * total is the sum of the others, METRICS.md section 6). {@code maxTotal} is the sum of the KPIs' maxima, null when
 * one has none.
 */
public record ScoreSheet(List<KpiScore> kpis, Fraction total, List<String> missing, Fraction maxTotal) {

    public static ScoreSheet of(ScorecardRules rules, List<KpiScore> kpis) {
        Fraction total = kpis.stream().map(KpiScore::score).filter(Objects::nonNull).reduce(Fraction.ZERO, Fraction::plus);
        List<String> missing = kpis.stream().filter(k -> k.score() == null).map(KpiScore::kpi).toList();
        Fraction max = rules.kpis().stream().anyMatch(k -> k.max() == null) ? null
                : rules.kpis().stream().map(KpiRule::max).reduce(Fraction.ZERO, Fraction::plus);
        return new ScoreSheet(List.copyOf(kpis), total, missing, max);
    }
}
