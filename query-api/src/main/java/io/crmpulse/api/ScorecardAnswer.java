package io.crmpulse.api;

import io.crmpulse.records.LateEvent;
import io.crmpulse.records.MonthCounts;
import io.crmpulse.records.ScorecardRating;
import io.crmpulse.streams.scorecard.Fraction;
import io.crmpulse.streams.scorecard.KpiRule;
import io.crmpulse.streams.scorecard.KpiScore;
import io.crmpulse.streams.scorecard.RatingItem;
import io.crmpulse.streams.scorecard.ScoreSheet;
import io.crmpulse.streams.scorecard.ScorecardRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One office's scorecard of one month as the API shows it (METRICS.md section 6): each KPI's rate, base, steps and
 * score (rates and bases also as exact fractions), the total and the KPIs missing from it, the counts behind the rates,
 * the manager's rating of the qualitative items, and the events listed as late against a FINAL sheet.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
record ScorecardAnswer(String office, String month, String status, String closesAt, String rules, Map<String, Kpi> kpis,
                       BigDecimal total, @Nullable BigDecimal maxTotal, List<String> missing, Map<String, Long> counts,
                       @Nullable Rating rating, Late lateEvents) {

    static final String FINAL = "FINAL";
    static final String PROVISIONAL = "PROVISIONAL";

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Kpi(String label, @Nullable Double rate, @Nullable String rateFraction, @Nullable Double base, @Nullable String baseFraction,
               @Nullable String baseNote, @Nullable Long steps, @Nullable BigDecimal score, @Nullable String nullReason) {
    }

    /** The qualitative items: the level given and its points per item; {@code missing} lists the items not rated. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record Rating(Map<String, Item> items, BigDecimal total, BigDecimal maxTotal, List<String> missing, String ratedBy, String ratedAt) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Item(String label, String level, BigDecimal points) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Late(int count, List<LateRow> events) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record LateRow(String stream, String source, String eventId, @Nullable String customerId, String occurredAt) {
    }

    static ScorecardAnswer of(ScorecardRules rules, String office, String month, String status, String closesAt, ScoreSheet sheet,
                              MonthCounts counts, ScorecardRating rating, List<LateEvent> late) {
        Map<String, Kpi> kpis = new LinkedHashMap<>();
        for (KpiScore k : sheet.kpis()) {
            String label = rules.kpis().stream().filter(r -> r.key().equals(k.kpi())).map(KpiRule::label).findFirst().orElse(k.kpi());
            kpis.put(k.kpi(), new Kpi(label, k.rate() == null ? null : k.rate().toDouble(), text(k.rate()),
                    k.base() == null ? null : k.base().toDouble(), text(k.base()), k.baseNote(), k.steps(), decimal(k.score()), k.nullReason()));
        }
        List<LateRow> lateRows = late.stream().map(e -> new LateRow(e.getStream(), e.getSource(), e.getEventId(), e.getCustomerId(),
                e.getOccurredAt().toString())).toList();
        return new ScorecardAnswer(office, month, status, closesAt, rules.name(), kpis, decimal(sheet.total()), decimal(sheet.maxTotal()),
                sheet.missing(), counts(counts), rating == null ? null : rating(rules, rating), new Late(lateRows.size(), lateRows));
    }

    private static Rating rating(ScorecardRules rules, ScorecardRating rating) {
        Map<String, Item> items = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        Fraction total = Fraction.ZERO;
        Fraction max = Fraction.ZERO;
        for (RatingItem item : rules.ratings()) {
            max = max.plus(item.maxPoints());
            String level = rating.getLevels().get(item.key());
            Fraction points = level == null ? null : item.levels().get(level);
            if (points == null) {
                missing.add(item.key());
                continue;
            }
            total = total.plus(points);
            items.put(item.key(), new Item(item.label(), level, decimal(points)));
        }
        return new Rating(items, decimal(total), decimal(max), missing, rating.getRatedBy(), rating.getRatedAt().toString());
    }

    private static Map<String, Long> counts(MonthCounts c) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("customers_at_start", c.getCustomersAtStart());
        counts.put("new", c.getNew$());
        counts.put("reactivated", c.getReactivated());
        counts.put("churned", c.getChurned());
        counts.put("transferred_in", c.getTransferredIn());
        counts.put("transferred_out", c.getTransferredOut());
        counts.put("customers_at_end", c.getCustomersAtEnd());
        counts.put("complaints_opened", c.getComplaintsOpened());
        counts.put("complaints_resolved", c.getComplaintsResolved());
        counts.put("complaints_first_resolved", c.getComplaintsFirstResolved());
        counts.put("complaints_answered", c.getComplaintsAnswered());
        counts.put("complaints_satisfied", c.getComplaintsSatisfied());
        counts.put("complaints_sla_met", c.getComplaintsSlaMet());
        return counts;
    }

    /** The row of the monthly appraisal sheet of every office (CSV): the sheet flattened, KPI by KPI and item by item. */
    Map<String, Object> sheetRow(ScorecardRules rules) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("office", office);
        row.put("month", month);
        row.put("status", status);
        for (KpiRule rule : rules.kpis()) {
            Kpi k = kpis.get(rule.key());
            row.put(rule.key(), k == null ? null : k.rate());
            row.put(rule.key() + "_base", k == null ? null : k.base());
            row.put(rule.key() + "_steps", k == null ? null : k.steps());
            row.put(rule.key() + "_score", k == null ? null : k.score());
        }
        row.put("total", total);
        row.put("max_total", maxTotal);
        row.put("missing", String.join(" ", missing));
        for (RatingItem item : rules.ratings()) {
            Item given = rating == null ? null : rating.items().get(item.key());
            row.put(item.key(), given == null ? null : given.level());
            row.put(item.key() + "_points", given == null ? null : given.points());
        }
        row.put("rating_total", rating == null ? null : rating.total());
        row.put("late_events", lateEvents.count());
        return row;
    }

    /** The columns of {@link #sheetRow}, in order: the keys of the row of a sheet with nothing in it. */
    static List<String> sheetColumns(ScorecardRules rules) {
        ScorecardAnswer blank = new ScorecardAnswer(null, null, null, null, rules.name(), Map.of(), null, null, List.of(), Map.of(), null,
                new Late(0, List.of()));
        return List.copyOf(blank.sheetRow(rules).keySet());
    }

    private static String text(Fraction f) {
        return f == null ? null : f.toString();
    }

    private static BigDecimal decimal(Fraction f) {
        return f == null ? null : f.toDecimal(4);
    }
}
