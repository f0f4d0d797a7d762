package io.crmpulse.streams.scorecard;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

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
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(where + ": not valid YAML: " + e.getMessage(), e);
        }
        Node top = new Node(where, "", root);
        Map<String, Node> fields = top.map(Set.of("version", "name", "period", "kpis", "ratings"));
        int version = fields.containsKey("version") ? fields.get("version").integer() : 0;
        if (version != 1) {
            throw top.error("version must be 1 (the format this version reads)");
        }
        KpiRule.PeriodKind period = fields.containsKey("period") ? fields.get("period").period() : KpiRule.PeriodKind.MONTH;
        List<KpiRule> kpis = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Node kpi : required(top, fields, "kpis").list()) {
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
            for (Node item : fields.get("ratings").list()) {
                Map<String, Node> f = item.map(Set.of("key", "label", "levels"));
                String key = required(item, f, "key").text();
                if (!keys.add(key)) {
                    throw item.error("a second item named " + key);
                }
                Map<String, Fraction> levels = new LinkedHashMap<>();
                required(item, f, "levels").map(null).forEach((level, points) -> levels.put(level, points.number()));
                if (levels.isEmpty()) {
                    throw item.error("levels must give at least one level and its points");
                }
                ratings.add(new RatingItem(key, f.containsKey("label") ? f.get("label").text() : key, levels));
            }
        }
        return new ScorecardRules(required(top, fields, "name").text(), period, kpis, ratings);
    }

    private static KpiRule kpi(Node node, KpiRule.PeriodKind period) {
        Map<String, Node> f = node.map(Set.of("key", "label", "metric", "better", "base", "step", "at_base", "points", "max", "min", "per"));
        String key = required(node, f, "key").text();
        String better = required(node, f, "better").text();
        if (!better.equals("lower") && !better.equals("higher")) {
            throw f.get("better").error("must be lower or higher, got '" + better + "'");
        }
        Map<String, Node> points = f.containsKey("points") ? f.get("points").map(Set.of("better", "worse")) : Map.of();
        KpiRule.PeriodKind per = f.containsKey("per") ? f.get("per").period() : period;
        if (per.compareTo(period) > 0) {
            throw f.get("per").error("a KPI cannot be scored per " + per.name().toLowerCase(Locale.ROOT) + " in a scorecard per "
                    + period.name().toLowerCase(Locale.ROOT));
        }
        return new KpiRule(key, f.containsKey("label") ? f.get("label").text() : key,
                f.containsKey("metric") ? f.get("metric").text() : key,
                better.equals("lower") ? KpiRule.Better.LOWER : KpiRule.Better.HIGHER,
                base(required(node, f, "base")), step(required(node, f, "step")), required(node, f, "at_base").number(),
                points.containsKey("better") ? points.get("better").number() : Fraction.ONE,
                points.containsKey("worse") ? points.get("worse").number() : Fraction.ONE,
                f.containsKey("max") ? f.get("max").number() : null, f.containsKey("min") ? f.get("min").number() : null, per);
    }

    private static KpiRule.Base base(Node node) {
        if (node.value instanceof Map) {
            return KpiRule.Base.target(required(node, node.map(Set.of("target")), "target").number());
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
    private static KpiRule.Step step(Node node) {
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

    private static Node required(Node parent, Map<String, Node> fields, String name) {
        Node node = fields.get(name);
        if (node == null) {
            throw parent.error("missing " + name);
        }
        return node;
    }

    /** One value of the file with where it is, so that every error names the file and the key. */
    private record Node(String file, String path, Object value) {

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException(file + (path.isEmpty() ? "" : " at " + path) + ": " + message);
        }

        /** The entries of a mapping; {@code allowed} (null: any) are the keys it may have. */
        Map<String, Node> map(Set<String> allowed) {
            if (!(value instanceof Map<?, ?> m)) {
                throw error("expected a mapping");
            }
            Map<String, Node> fields = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                String name = String.valueOf(k);
                if (allowed != null && !allowed.contains(name)) {
                    throw error("unknown key '" + name + "' (expected one of " + new java.util.TreeSet<>(allowed) + ")");
                }
                fields.put(name, new Node(file, path.isEmpty() ? name : path + "." + name, v));
            });
            return fields;
        }

        List<Node> list() {
            if (!(value instanceof List<?> l)) {
                throw error("expected a list");
            }
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                items.add(new Node(file, path + "[" + i + "]", l.get(i)));
            }
            return items;
        }

        String text() {
            if (value == null || value instanceof Map || value instanceof List) {
                throw error("expected a value");
            }
            return String.valueOf(value);
        }

        int integer() {
            if (!(value instanceof Integer i)) {
                throw error("expected a whole number, got '" + value + "'");
            }
            return i;
        }

        Fraction number() {
            if (!(value instanceof Number)) {
                throw error("expected a number, got '" + value + "'");
            }
            return Fraction.of(new BigDecimal(String.valueOf(value)));
        }

        KpiRule.PeriodKind period() {
            return switch (text()) {
                case "week" -> KpiRule.PeriodKind.WEEK;
                case "month" -> KpiRule.PeriodKind.MONTH;
                case "quarter" -> KpiRule.PeriodKind.QUARTER;
                default -> throw error("must be week, month or quarter, got '" + text() + "'");
            };
        }
    }
}
