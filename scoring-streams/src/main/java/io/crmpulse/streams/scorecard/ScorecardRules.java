package io.crmpulse.streams.scorecard;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.crmpulse.streams.YamlNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A scorecard's rules, as data (a YAML file): the period it is drawn up for, how each KPI is scored, and the
 * qualitative items a manager rates. The office scorecard of the sales department's appraisal scheme is the default
 * ({@code /scorecard/office-monthly.yaml}); {@code docs/SCORECARD.md} describes the format.
 */
public record ScorecardRules(String name, KpiRule.PeriodKind period, List<KpiRule> kpis, List<RatingItem> ratings) {

    /** The resource holding the default rules. */
    public static final String DEFAULT_RESOURCE = "/scorecard/office-monthly.yaml";

    public ScorecardRules {
        kpis = List.copyOf(kpis);
        ratings = List.copyOf(ratings);
    }

    /** The office scorecard of METRICS.md section 6. */
    public static ScorecardRules defaults() {
        try (InputStream in = ScorecardRules.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** Reads a rules file; an error names the file and the key that is wrong. */
    public static ScorecardRules load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read scorecard rules " + file + ": " + e.getMessage(), e);
        }
    }

    static ScorecardRules read(Reader reader, String where) {
        YamlNode top = YamlNode.read(reader, where);
        Map<String, YamlNode> fields = top.map(Set.of("version", "name", "period", "kpis", "ratings"));
        int version = fields.containsKey("version") ? fields.get("version").integer() : 0;
        if (version != 1) {
            throw top.error("version must be 1 (the format this version reads)");
        }
        KpiRule.PeriodKind period = fields.containsKey("period") ? period(fields.get("period")) : KpiRule.PeriodKind.MONTH;
        List<KpiRule> kpis = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (YamlNode kpi : top.required(fields, "kpis").list()) {
            KpiRule rule = kpi(kpi, period);
            if (!keys.add(rule.key())) {
                throw kpi.error("a second KPI named " + rule.key());
            }
            kpis.add(rule);
        }
        if (kpis.isEmpty()) {
            throw top.error("kpis must name at least one KPI");
        }
        List<RatingItem> ratings = new ArrayList<>();
        if (fields.containsKey("ratings")) {
            for (YamlNode item : fields.get("ratings").list()) {
                Map<String, YamlNode> f = item.map(Set.of("key", "label", "levels"));
                String key = item.required(f, "key").text();
                if (!keys.add(key)) {
                    throw item.error("a second item named " + key);
                }
                Map<String, Fraction> levels = new LinkedHashMap<>();
                item.required(f, "levels").map(null).forEach((level, points) -> levels.put(level, number(points)));
                if (levels.isEmpty()) {
                    throw item.error("levels must give at least one level and its points");
                }
                ratings.add(new RatingItem(key, f.containsKey("label") ? f.get("label").text() : key, levels));
            }
        }
        return new ScorecardRules(top.required(fields, "name").text(), period, kpis, ratings);
    }

    private static KpiRule kpi(YamlNode node, KpiRule.PeriodKind period) {
        Map<String, YamlNode> f = node.map(Set.of("key", "label", "metric", "better", "base", "step", "at_base", "points", "max", "min", "per"));
        String key = node.required(f, "key").text();
        String better = node.required(f, "better").text();
        if (!better.equals("lower") && !better.equals("higher")) {
            throw f.get("better").error("must be lower or higher, got '" + better + "'");
        }
        Map<String, YamlNode> points = f.containsKey("points") ? f.get("points").map(Set.of("better", "worse")) : Map.of();
        KpiRule.PeriodKind per = f.containsKey("per") ? period(f.get("per")) : period;
        if (per.compareTo(period) > 0) {
            throw f.get("per").error("a KPI cannot be scored per " + per.name().toLowerCase(Locale.ROOT) + " in a scorecard per "
                    + period.name().toLowerCase(Locale.ROOT));
        }
        return new KpiRule(key, f.containsKey("label") ? f.get("label").text() : key,
                f.containsKey("metric") ? f.get("metric").text() : key,
                better.equals("lower") ? KpiRule.Better.LOWER : KpiRule.Better.HIGHER,
                base(node.required(f, "base")), step(node.required(f, "step")), number(node.required(f, "at_base")),
                points.containsKey("better") ? number(points.get("better")) : Fraction.ONE,
                points.containsKey("worse") ? number(points.get("worse")) : Fraction.ONE,
                f.containsKey("max") ? number(f.get("max")) : null, f.containsKey("min") ? number(f.get("min")) : null, per);
    }

    private static KpiRule.Base base(YamlNode node) {
        if (node.isMap()) {
            return KpiRule.Base.target(number(node.required(node.map(Set.of("target")), "target")));
        }
        return switch (node.text()) {
            case "historical-lowest" -> KpiRule.Base.of(KpiRule.Base.Kind.HISTORICAL_LOWEST);
            case "historical-highest" -> KpiRule.Base.of(KpiRule.Base.Kind.HISTORICAL_HIGHEST);
            case "previous-period" -> KpiRule.Base.of(KpiRule.Base.Kind.PREVIOUS_PERIOD);
            default -> throw node.error("must be historical-lowest, historical-highest, previous-period or {target: RATE}, got '"
                    + node.text() + "'");
        };
    }

    /** {@code 1pp} (a percentage point), {@code 5pp}, {@code 1%} (of the base), or a plain number in the rate's units. */
    private static KpiRule.Step step(YamlNode node) {
        String text = node.text().replace(" ", "");
        try {
            if (text.endsWith("pp")) {
                return new KpiRule.Step(Fraction.parse(text.substring(0, text.length() - 2)).times(Fraction.of(1, 100)), false);
            }
            if (text.endsWith("%")) {
                return new KpiRule.Step(Fraction.parse(text.substring(0, text.length() - 1)).times(Fraction.of(1, 100)), true);
            }
            return new KpiRule.Step(Fraction.parse(text), false);
        } catch (NumberFormatException e) {
            throw node.error("must be a number followed by pp (percentage points) or % (of the base), e.g. 1pp; got '" + node.text() + "'");
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static KpiRule.PeriodKind period(YamlNode node) {
        return switch (node.text()) {
            case "week" -> KpiRule.PeriodKind.WEEK;
            case "month" -> KpiRule.PeriodKind.MONTH;
            case "quarter" -> KpiRule.PeriodKind.QUARTER;
            default -> throw node.error("must be week, month or quarter, got '" + node.text() + "'");
        };
    }

    private static Fraction number(YamlNode node) {
        return Fraction.of(node.decimal());
    }
}
