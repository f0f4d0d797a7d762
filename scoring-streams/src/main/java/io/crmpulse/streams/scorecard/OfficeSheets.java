package io.crmpulse.streams.scorecard;

import io.crmpulse.records.KpiResult;
import io.crmpulse.records.MonthCounts;
import io.crmpulse.records.OfficeScorecard;
import io.crmpulse.records.ScorecardRating;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores an office's month by the scorecard rules: the month's rates against the bases its earlier months give. An
 * earlier month that is FINAL gives the rates frozen in its sheet, so that a FINAL sheet's base never moves; any other
 * gives the rates of its counts now. Shared by the month close in the streams and the API's provisional sheets.
 */
public final class OfficeSheets {

    private final ScorecardRules rules;

    public OfficeSheets(ScorecardRules rules) {
        this.rules = rules;
    }

    public ScorecardRules rules() {
        return rules;
    }

    /**
     * @param counts the office's counts of every month from its first through {@code month} ({@link MonthFigures#counts})
     * @param frozen the office's FINAL sheets by month
     */
    public ScoreSheet score(YearMonth month, Map<YearMonth, MonthCounts> counts, Map<YearMonth, OfficeScorecard> frozen) {
        List<KpiScore> scores = new ArrayList<>();
        for (KpiRule rule : rules.kpis()) {
            List<Rated> earlier = new ArrayList<>();
            counts.forEach((m, c) -> {
                if (m.isBefore(month)) {
                    OfficeScorecard sheet = frozen.get(m);
                    Rated kept = sheet == null ? null : frozenRate(sheet, rule.key());
                    earlier.add(kept != null ? kept : MonthFigures.rate(rule.metric(), c));
                }
            });
            scores.add(Scoring.score(rule, MonthFigures.rate(rule.metric(), counts.get(month)), earlier));
        }
        return ScoreSheet.of(rules, scores);
    }

    /** The FINAL sheet of an office and month, as it is kept. */
    public OfficeScorecard freeze(String office, YearMonth month, MonthCounts counts, ScoreSheet sheet, ScorecardRating rating,
                                  Instant closedAt, Instant frozenThrough) {
        List<KpiResult> kpis = new ArrayList<>();
        for (KpiScore k : sheet.kpis()) {
            kpis.add(new KpiResult(k.kpi(), text(k.rate()), text(k.base()), k.baseNote(), k.steps(), text(k.score()), k.nullReason()));
        }
        return new OfficeScorecard(office, month.toString(), rules.name(), counts, kpis, rating, closedAt, frozenThrough);
    }

    /** The quantitative part of a FINAL sheet as it was frozen. */
    public ScoreSheet thawed(OfficeScorecard sheet) {
        List<KpiScore> kpis = sheet.getKpis().stream().map(k -> new KpiScore(k.getKpi(), fraction(k.getRate()), fraction(k.getBase()),
                k.getBaseNote(), k.getSteps(), fraction(k.getScore()), k.getNullReason())).toList();
        return ScoreSheet.of(rules, kpis);
    }

    /** The rate of {@code kpi} frozen in {@code sheet}; null when the sheet has no such KPI (rules changed since). */
    static Rated frozenRate(OfficeScorecard sheet, String kpi) {
        for (KpiResult k : sheet.getKpis()) {
            if (k.getKpi().equals(kpi)) {
                return k.getRate() != null ? Rated.of(Fraction.fromString(k.getRate())) : new Rated(null, k.getNullReason());
            }
        }
        return null;
    }

    private static String text(Fraction f) {
        return f == null ? null : f.toString();
    }

    private static Fraction fraction(String text) {
        return text == null ? null : Fraction.fromString(text);
    }
}
