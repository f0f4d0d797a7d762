package io.crmpulse.streams;

import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One value of a YAML rules file with where it is, so that every error names the file and the key
 * ({@code rules.yaml at kpis[0].step: ...}). Read with SnakeYAML's safe constructor: plain maps, lists and scalars.
 */
public record YamlNode(String file, String path, Object value) {

    /** The document of {@code reader}, named {@code file} in errors. */
    public static YamlNode read(Reader reader, String file) {
        try {
            return new YamlNode(file, "", new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    public IllegalArgumentException error(String message) {
        return new IllegalArgumentException(file + (path.isEmpty() ? "" : " at " + path) + ": " + message);
    }

    public boolean isMap() {
        return value instanceof Map;
    }

    /** The entries of a mapping; {@code allowed} (null: any) are the keys it may have. */
    public Map<String, YamlNode> map(Set<String> allowed) {
        if (!(value instanceof Map<?, ?> m)) {
            throw error("expected a mapping");
        }
        Map<String, YamlNode> fields = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            String name = String.valueOf(k);
            if (allowed != null && !allowed.contains(name)) {
                throw error("unknown key '" + name + "' (expected one of " + new java.util.TreeSet<>(allowed) + ")");
            }
            fields.put(name, new YamlNode(file, path.isEmpty() ? name : path + "." + name, v));
        });
        return fields;
    }

    /** The field {@code name} of a mapping's {@code fields}; an error naming it when it is missing. */
    public YamlNode required(Map<String, YamlNode> fields, String name) {
        YamlNode node = fields.get(name);
        if (node == null) {
            throw error("missing " + name);
        }
        return node;
    }

    public List<YamlNode> list() {
        if (!(value instanceof List<?> l)) {
            throw error("expected a list");
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            items.add(new YamlNode(file, path + "[" + i + "]", l.get(i)));
        }
        return items;
    }

    public String text() {
        if (value == null || value instanceof Map || value instanceof List) {
            throw error("expected a value");
        }
        return String.valueOf(value);
    }

    public int integer() {
        if (!(value instanceof Integer i)) {
            throw error("expected a whole number, got '" + value + "'");
        }
        return i;
    }

    /** A number exactly as written (0.1 is one tenth, not the nearest double). */
    public BigDecimal decimal() {
        if (!(value instanceof Number)) {
            throw error("expected a number, got '" + value + "'");
        }
        return new BigDecimal(String.valueOf(value));
    }
}
