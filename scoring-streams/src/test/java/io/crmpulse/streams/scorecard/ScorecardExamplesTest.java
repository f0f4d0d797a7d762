package io.crmpulse.streams.scorecard;

import static io.crmpulse.streams.scorecard.ScoringTest.rate;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seeds' other appraisal schemes (seed 000) written as scorecard rules, in {@code examples/scorecards/}: a
 * quarterly target with a step of five points and no bounds, and a monthly score that is the mean of weekly ones.
 */
class ScorecardExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "scorecards");

    @Test
    void shouldScoreRentCollectionAgainstItsTargetPerFivePoints() {
        ScorecardRules rules = ScorecardRules.load(EXAMPLES.resolve("rent-collection.yaml"));
        KpiRule rent = rules.kpis().get(0);

        assertThat(rules.period()).isEqualTo(KpiRule.PeriodKind.QUARTER);
        // 88 %: 2 points short, less than a step. 79 %: 11 short, two steps off. 100 %: 10 above, two steps more.
        assertThat(Scoring.score(rent, rate(88, 100), List.of()).score()).isEqualTo(Fraction.ZERO);
        assertThat(Scoring.score(rent, rate(79, 100), List.of()).score()).isEqualTo(Fraction.of(-2, 1));
        assertThat(Scoring.score(rent, rate(1, 1), List.of()).score()).isEqualTo(Fraction.of(2, 1));
        assertThat(ScoreSheet.of(rules, List.of()).maxTotal()).isNull();
    }

    @Test
    void shouldScoreAMonthAsTheMeanOfItsWeeklyInspections() {
        ScorecardRules rules = ScorecardRules.load(EXAMPLES.resolve("floor-inspection.yaml"));
        KpiRule inspection = rules.kpis().get(0);
        List<KpiScore> weeks = new ArrayList<>();
        // Four weekly pass rates: 100 %, 97 %, 95.5 %, 100 %: 20, 17, 16 and 20 points.
        for (Rated week : List.of(rate(1, 1), rate(97, 100), rate(955, 1000), rate(1, 1))) {
            weeks.add(Scoring.score(inspection, week, List.of()));
        }

        assertThat(inspection.per()).isEqualTo(KpiRule.PeriodKind.WEEK);
        assertThat(weeks).extracting(KpiScore::score).containsExactly(Fraction.of(20, 1), Fraction.of(17, 1), Fraction.of(16, 1),
                Fraction.of(20, 1));
        assertThat(Scoring.mean(inspection, weeks).score()).isEqualTo(Fraction.of(73, 4));
    }
}
