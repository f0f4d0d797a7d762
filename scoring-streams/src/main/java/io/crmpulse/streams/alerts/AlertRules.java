package io.crmpulse.streams.alerts;

import io.crmpulse.records.AlertRule;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.YamlNode;
import io.crmpulse.streams.scorecard.Fraction;
import io.crmpulse.streams.scorecard.MonthFigures;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Alert rules as data (METRICS.md section 9): a YAML file of rules, each checked as the API checks a rule posted to it,
 * with an error that names the rule and the field that is wrong. {@code docs/ALERTS.md} describes the format.
 */
public final class AlertRules {

    public static final List<String> COMPARATORS = List.of(">", ">=", "<", "<=");
    public static final List<String> SEVERITIES = List.of("info", "warning", "critical");
    private static final Pattern ROLLING = Pattern.compile("rolling:([1-9][0-9]{0,2})d");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Set<String> DIMENSIONS = Set.of(Groups.ALL, Groups.OFFICE, Groups.STAFF, Groups.SEGMENT, Groups.REGION);

    private AlertRules() {
    }

    /** Reads a rules file ({@code version: 1}, {@code rules: [...]}); an error names the file and the key. */
    public static List<AlertRule> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read alert rules " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<AlertRule> read(Reader reader, String where) {
        YamlNode top = YamlNode.read(reader, where);
        Map<String, YamlNode> fields = top.map(Set.of("version", "rules"));
        if (!fields.containsKey("version") || fields.get("version").integer() != 1) {
            throw top.error("version must be 1 (the format this version reads)");
        }
        List<AlertRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (YamlNode node : top.required(fields, "rules").list()) {
            Map<String, YamlNode> f = node.map(Set.of("id", "metric", "group", "window", "comparator", "threshold", "clear",
                    "min_denominator", "severity", "description"));
            String threshold = node.required(f, "threshold").decimal().toPlainString();
            AlertRule rule = new AlertRule(node.required(f, "id").text(), node.required(f, "metric").text(), node.required(f, "group").text(),
                    node.required(f, "window").text(), node.required(f, "comparator").text(), threshold,
                    f.containsKey("clear") ? f.get("clear").decimal().toPlainString() : threshold,
                    f.containsKey("min_denominator") ? (long) f.get("min_denominator").integer() : 1L,
                    f.containsKey("severity") ? f.get("severity").text() : "warning",
                    f.containsKey("description") ? f.get("description").text() : null);
            try {
                check(rule);
            } catch (IllegalArgumentException e) {
                throw node.error(e.getMessage());
            }
            if (!ids.add(rule.getRuleId())) {
                throw node.error("a second rule with id " + rule.getRuleId());
            }
            rules.add(rule);
        }
        return rules;
    }

    /** Throws, naming the field, when {@code rule} is not one the pipeline can evaluate. */
    public static void check(AlertRule rule) {
        if (!ID.matcher(rule.getRuleId()).matches()) {
            throw new IllegalArgumentException("id '" + rule.getRuleId() + "' must be 1-100 letters, digits, '.', '_' or '-'");
        }
        if (!MonthFigures.METRICS.contains(rule.getMetric())) {
            throw new IllegalArgumentException("metric '" + rule.getMetric() + "' is not one of " + MonthFigures.METRICS);
        }
        String group = rule.getGroup();
        String dimension = group.contains(":") ? group.substring(0, group.indexOf(':')) : group;
        if (!DIMENSIONS.contains(dimension) || group.equals(Groups.ALL + ":") || group.endsWith(":")) {
            throw new IllegalArgumentException("group '" + group + "' must be all, a dimension (office, staff, segment, region) or one group (office:SH)");
        }
        window(rule.getWindow());
        if (!COMPARATORS.contains(rule.getComparator())) {
            throw new IllegalArgumentException("comparator '" + rule.getComparator() + "' is not one of " + COMPARATORS);
        }
        Fraction threshold = number("threshold", rule.getThreshold());
        Fraction clear = number("clear", rule.getClear());
        boolean above = rule.getComparator().startsWith(">");
        if (above ? clear.compareTo(threshold) > 0 : clear.compareTo(threshold) < 0) {
            throw new IllegalArgumentException("clear " + rule.getClear() + " must be " + (above ? "at or below" : "at or above") + " threshold "
                    + rule.getThreshold() + " for comparator " + rule.getComparator() + " (the alert resolves past it, on the other side)");
        }
        if (rule.getMinDenominator() < 1) {
            throw new IllegalArgumentException("min_denominator must be at least 1, got " + rule.getMinDenominator());
        }
        if (!SEVERITIES.contains(rule.getSeverity())) {
            throw new IllegalArgumentException("severity '" + rule.getSeverity() + "' is not one of " + SEVERITIES);
        }
    }

    /** The days of a window: {@code rolling:Nd} gives N (1-999); {@code month} gives 0, the month of as_of to date. */
    public static int window(String window) {
        if (window.equals("month")) {
            return 0;
        }
        java.util.regex.Matcher m = ROLLING.matcher(window);
        if (!m.matches()) {
            throw new IllegalArgumentException("window '" + window + "' must be rolling:Nd (N from 1 to 999 days) or month");
        }
        return Integer.parseInt(m.group(1));
    }

    static Fraction number(String field, String text) {
        try {
            return Fraction.parse(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a decimal number");
        }
    }
}
