package io.crmpulse.streams.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The office scorecard of METRICS.md section 6, worked by hand from the appraisal scheme (seed 002, lines 80-114):
 * 15 points at the base, one point per whole percentage point, at most 20 and at least 0.
 */
class ScoringTest {

    private static final ScorecardRules OFFICE = ScorecardRules.defaults();
    private static final KpiRule CHURN = rule("churn_rate");
    private static final KpiRule GROWTH = rule("growth_rate");
    private static final KpiRule SATISFACTION = rule("complaint_satisfaction_rate");

    @Test
    void shouldScoreTheFirstMonthAtBase() {
        KpiScore churn = Scoring.score(CHURN, rate(7, 100), List.of());

        assertThat(churn.score()).isEqualTo(Fraction.of(15, 1));
        assertThat(churn.base()).isNull();
        assertThat(churn.baseNote()).contains("no earlier month");
        assertThat(churn.steps()).isNull();
    }

    @Test
    void shouldTakeTheLowestEarlierChurnRateThatIsNotNullAsBase() {
        // Lowest earlier: 4 %. Now 6.4 %: 2.4 points worse is 2 whole steps, not 2.4 and not 3.
        KpiScore churn = Scoring.score(CHURN, rate(64, 1000), List.of(rate(5, 100), none(), rate(4, 100), rate(9, 100)));

        assertThat(churn.base()).isEqualTo(Fraction.of(4, 100));
        assertThat(churn.steps()).isEqualTo(-2);
        assertThat(churn.score()).isEqualTo(Fraction.of(13, 1));
    }

    @Test
    void shouldCountStepsExactlyWhereDoublesFallShort() {
        // 0.03 - 0.02 in doubles is 0.009999999999999998: one step only in exact arithmetic.
        assertThat(0.03 - 0.02).isLessThan(0.01);
        KpiScore satisfaction = Scoring.score(SATISFACTION, rate(3, 100), List.of(rate(2, 100)));

        assertThat(satisfaction.steps()).isEqualTo(1);
        assertThat(satisfaction.score()).isEqualTo(Fraction.of(16, 1));
    }

    @Test
    void shouldCapAtTwentyAndFloorAtZero() {
        // Churn 10 points below the lowest: 25, capped at 20. Satisfaction 30 points below the best: -15, floored at 0.
        assertThat(Scoring.score(CHURN, rate(2, 100), List.of(rate(12, 100))).score()).isEqualTo(Fraction.of(20, 1));
        KpiScore satisfaction = Scoring.score(SATISFACTION, rate(60, 100), List.of(rate(90, 100), rate(85, 100)));
        assertThat(satisfaction.steps()).isEqualTo(-30);
        assertThat(satisfaction.score()).isEqualTo(Fraction.ZERO);
    }

    @Test
    void shouldCompareGrowthWithThePreviousMonthOnly() {
        // Previous month -2 %, now +1.5 %: 3.5 points better is 3 steps; the earlier, higher months do not matter.
        KpiScore growth = Scoring.score(GROWTH, rate(15, 1000), List.of(rate(10, 100), rate(-2, 100)));

        assertThat(growth.base()).isEqualTo(Fraction.of(-2, 100));
        assertThat(growth.steps()).isEqualTo(3);
        assertThat(growth.score()).isEqualTo(Fraction.of(18, 1));
    }

    @Test
    void shouldScoreGrowthAtBaseWhenThePreviousMonthHasNoRate() {
        KpiScore growth = Scoring.score(GROWTH, rate(5, 100), List.of(rate(1, 100), none()));

        assertThat(growth.score()).isEqualTo(Fraction.of(15, 1));
        assertThat(growth.baseNote()).contains("previous month's rate is null");
    }

    @Test
    void shouldLeaveANullRateUnscoredAndTotalTheOthers() {
        KpiScore churn = Scoring.score(CHURN, rate(3, 100), List.of(rate(5, 100)));
        KpiScore growth = Scoring.score(GROWTH, rate(1, 100), List.of(rate(1, 100)));
        KpiScore satisfaction = Scoring.score(SATISFACTION, none(), List.of(rate(9, 10)));

        ScoreSheet sheet = ScoreSheet.of(OFFICE, List.of(churn, growth, satisfaction));

        assertThat(satisfaction.score()).isNull();
        assertThat(satisfaction.nullReason()).isEqualTo("no answer");
        assertThat(sheet.total()).isEqualTo(Fraction.of(17 + 15, 1));
        assertThat(sheet.missing()).containsExactly("complaint_satisfaction_rate");
        assertThat(sheet.maxTotal()).isEqualTo(Fraction.of(60, 1));
    }

    @Test
    void shouldCountRelativeStepsAsAShareOfTheBase() {
        ScorecardRules relative = ScorecardRules.read(new StringReader(OFFICE_YAML.replace("step: 1pp", "step: 1%")), "relative.yaml");
        KpiRule satisfaction = relative.kpis().get(0);

        // Base 80 %: a step is 1 % of it, 0.8 points. 78.3 % is 1.7 points below: 2.125 steps, so 2.
        KpiScore score = Scoring.score(satisfaction, rate(783, 1000), List.of(rate(80, 100)));
        assertThat(score.steps()).isEqualTo(-2);
        assertThat(score.score()).isEqualTo(Fraction.of(13, 1));
        // A zero base: any improvement at all is more steps than the cap.
        assertThat(Scoring.score(satisfaction, rate(1, 100), List.of(rate(0, 5))).score()).isEqualTo(Fraction.of(20, 1));
    }

    @Test
    void shouldNameTheKeyThatIsWrongInARulesFile() {
        assertThatThrownBy(() -> ScorecardRules.read(new StringReader(OFFICE_YAML.replace("step: 1pp", "step: one")), "bad.yaml"))
                .hasMessage("bad.yaml at kpis[0].step: must be a number followed by pp (percentage points) or % (of the base), e.g. 1pp; got 'one'");
        assertThatThrownBy(() -> ScorecardRules.read(new StringReader(OFFICE_YAML.replace("better: higher", "better: more")), "bad.yaml"))
                .hasMessage("bad.yaml at kpis[0].better: must be lower or higher, got 'more'");
        assertThatThrownBy(() -> ScorecardRules.read(new StringReader(OFFICE_YAML.replace("at_base", "at_bse")), "bad.yaml"))
                .hasMessageContaining("bad.yaml at kpis[0]: unknown key 'at_bse'");
    }

    private static final String OFFICE_YAML = """
            version: 1
            name: satisfaction-only
            kpis:
              - key: complaint_satisfaction_rate
                better: higher
                base: historical-highest
                at_base: 15
                step: 1pp
                max: 20
                min: 0
            """;

    private static KpiRule rule(String key) {
        return OFFICE.kpis().stream().filter(k -> k.key().equals(key)).findFirst().orElseThrow();
    }

    static Rated rate(long numerator, long denominator) {
        return Rated.of(numerator, denominator, "unused");
    }

    private static Rated none() {
        return new Rated(null, "no answer");
    }
}
