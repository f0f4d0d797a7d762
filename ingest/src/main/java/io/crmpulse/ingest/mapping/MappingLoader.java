package io.crmpulse.ingest.mapping;

import io.crmpulse.ingest.mapping.Mapping.Csv;
import io.crmpulse.ingest.mapping.Mapping.EventId;
import io.crmpulse.ingest.mapping.Mapping.MatchKey;
import io.crmpulse.ingest.mapping.Mapping.Normalization;
import io.crmpulse.ingest.mapping.Mapping.EventType;
import io.crmpulse.ingest.mapping.Mapping.Field;
import io.crmpulse.ingest.mapping.Mapping.Format;
import io.crmpulse.ingest.mapping.Mapping.Time;
import io.crmpulse.ingest.read.SourceAdapter;
import io.crmpulse.schemas.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and validates a mapping file. Every problem is reported as {@code FILE line N: KEY: what is
 * wrong}; unknown keys are refused rather than ignored, and so is any target field the stream's schema
 * does not have.
 */
public final class MappingLoader {

    private static final Set<String> TOP_KEYS = Set.of("version", "source", "stream", "format", "csv", "columns",
            "event_id", "event_type", "occurred_at", "fields", "drop", "match_key");

    private final String file;

    private MappingLoader(String file) {
        this.file = file;
    }

    public static Mapping load(Path path) {
        String name = path.toString();
        if (!Files.isReadable(path)) {
            throw new MappingException(name + ": mapping file not found or not readable");
        }
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(name, reader);
        } catch (IOException e) {
            throw new MappingException(name + ": cannot read: " + e.getMessage());
        }
    }

    public static Mapping parse(String name, Reader reader) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (YAMLException e) {
            throw new MappingException(name + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
        if (root == null) {
            throw new MappingException(name + ": the mapping file is empty");
        }
        return new MappingLoader(name).mapping(root);
    }

    private Mapping mapping(Node root) {
        Map<String, Node> top = object(root, "(top level)", TOP_KEYS);
        String version = scalar(required(top, "version", root), "version");
        if (!version.equals("1")) {
            throw error(top.get("version"), "version", "unsupported mapping version '" + version + "'; this release reads version 1");
        }
        String source = scalar(required(top, "source", root), "source");
        String stream = scalar(required(top, "stream", root), "stream");
        try {
            Topics.eventTopic(stream);
        } catch (IllegalArgumentException e) {
            throw error(top.get("stream"), "stream", e.getMessage());
        }
        Format format = Format.CSV;
        String adapter = null;
        if (top.containsKey("format")) {
            String name = scalar(top.get("format"), "format");
            if (name.equalsIgnoreCase("csv") || name.equalsIgnoreCase("jsonl")) {
                format = Format.valueOf(name.toUpperCase(Locale.ROOT));
            } else if (SourceAdapter.named(name).isPresent()) {
                format = Format.CUSTOM;
                adapter = name;
            } else {
                String installed = SourceAdapter.installedNames();
                throw error(top.get("format"), "format", "unknown format '" + name + "'; expected csv, jsonl"
                        + (installed.isEmpty() ? "" : " or an installed adapter: " + installed));
            }
        }
        Csv csv = csv(top.get("csv"));
        List<String> columns = top.containsKey("columns") ? strings(top.get("columns"), "columns") : List.of();
        if (format == Format.CSV && !csv.header() && columns.isEmpty()) {
            throw error(root, "columns", "a CSV file without a header line needs 'columns' to name its columns");
        }
        EventId eventId = eventId(top.get("event_id"));
        EventType eventType = eventType(required(top, "event_type", root), stream);
        Time occurredAt = occurredAt(required(top, "occurred_at", root));
        Set<String> drop = top.containsKey("drop") ? new LinkedHashSet<>(strings(top.get("drop"), "drop")) : Set.of();
        Map<String, Field> fields = fields(required(top, "fields", root), stream, drop);
        MatchKey matchKey = top.containsKey("match_key") ? matchKey(top.get("match_key")) : null;
        return new Mapping(source, stream, format, adapter, csv, columns, eventId, eventType, occurredAt, fields, drop, matchKey);
    }

    private MatchKey matchKey(Node node) {
        Map<String, Node> key = object(node, "match_key", Set.of("columns", "normalize"));
        List<String> columns = nonEmpty(strings(required(key, "columns", node), "match_key.columns"), node, "match_key.columns");
        String kind = key.containsKey("normalize") ? scalar(key.get("normalize"), "match_key.normalize") : "text";
        try {
            return new MatchKey(columns, Normalization.valueOf(kind.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw error(key.get("normalize"), "match_key.normalize", "expected phone, name or text, got '" + kind + "'");
        }
    }

    private Csv csv(Node node) {
        if (node == null) {
            return new Csv(',', true, StandardCharsets.UTF_8);
        }
        Map<String, Node> csv = object(node, "csv", Set.of("delimiter", "header", "encoding"));
        Character delimiter = ',';
        if (csv.containsKey("delimiter")) {
            String d = scalar(csv.get("delimiter"), "csv.delimiter");
            if (d.equals("whitespace")) {
                delimiter = null;
            } else if (d.equals("\\t") || d.equals("\t")) {
                delimiter = '\t';
            } else if (d.length() == 1) {
                delimiter = d.charAt(0);
            } else {
                throw error(csv.get("delimiter"), "csv.delimiter", "expected one character or \"whitespace\", got '" + d + "'");
            }
        }
        boolean header = !csv.containsKey("header") || bool(csv.get("header"), "csv.header");
        Charset encoding = StandardCharsets.UTF_8;
        if (csv.containsKey("encoding")) {
            String e = scalar(csv.get("encoding"), "csv.encoding");
            try {
                encoding = Charset.forName(e);
            } catch (IllegalArgumentException ex) {
                throw error(csv.get("encoding"), "csv.encoding", "unknown character encoding '" + e + "'");
            }
        }
        return new Csv(delimiter, header, encoding);
    }

    private EventId eventId(Node node) {
        if (node == null) {
            throw new MappingException(file + ": event_id: required; give { column: NAME } or { hash: [COLUMNS] }"
                    + " (a hash of the columns that identify a record, $line and $file for its position)");
        }
        Map<String, Node> id = object(node, "event_id", Set.of("column", "hash"));
        if (id.containsKey("column") == id.containsKey("hash")) {
            throw error(node, "event_id", "give exactly one of 'column' or 'hash'");
        }
        return id.containsKey("column")
                ? new EventId(scalar(id.get("column"), "event_id.column"), List.of())
                : new EventId(null, nonEmpty(strings(id.get("hash"), "event_id.hash"), id.get("hash"), "event_id.hash"));
    }

    private EventType eventType(Node node, String stream) {
        Map<String, Node> type = object(node, "event_type", Set.of("value", "column", "values"));
        Schema typeSchema = SpecificData.get().getSchema(Topics.eventTopic(stream).valueType()).getField("type").schema();
        List<String> symbols = typeSchema.getEnumSymbols();
        if (type.containsKey("value")) {
            if (type.containsKey("column") || type.containsKey("values")) {
                throw error(node, "event_type", "give either 'value' or 'column' with 'values', not both");
            }
            return new EventType(symbol(type.get("value"), "event_type.value", symbols), null, Map.of());
        }
        if (!type.containsKey("column")) {
            throw error(node, "event_type", "give 'value: TYPE' or 'column: NAME' with 'values'");
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (type.containsKey("values")) {
            for (Map.Entry<String, Node> e : object(type.get("values"), "event_type.values", null).entrySet()) {
                values.put(e.getKey(), symbol(e.getValue(), "event_type.values." + e.getKey(), symbols));
            }
        } else {
            symbols.forEach(s -> values.put(s, s));
        }
        return new EventType(null, scalar(type.get("column"), "event_type.column"), values);
    }

    private String symbol(Node node, String key, List<String> symbols) {
        String s = scalar(node, key);
        if (!symbols.contains(s)) {
            throw error(node, key, "'" + s + "' is not an event type of this stream; expected one of " + symbols);
        }
        return s;
    }

    private Time occurredAt(Node node) {
        Map<String, Node> t = object(node, "occurred_at", Set.of("column", "format", "zone"));
        if (!t.containsKey("column")) {
            throw error(node, "occurred_at.column", "required: the column holding the event time");
        }
        return time("occurred_at", scalar(t.get("column"), "occurred_at.column"), t.get("format"), t.get("zone"));
    }

    private Time time(String key, String column, Node formatNode, Node zoneNode) {
        String format = formatNode != null ? scalar(formatNode, key + ".format") : "iso";
        ZoneId zone = ZoneId.of("UTC");
        if (zoneNode != null) {
            String z = scalar(zoneNode, key + ".zone");
            try {
                zone = ZoneId.of(z);
            } catch (DateTimeException e) {
                throw error(zoneNode, key + ".zone", "unknown time zone '" + z + "'");
            }
        }
        TimePattern pattern = null;
        if (!Set.of("iso", "epoch-millis", "epoch-seconds").contains(format)) {
            try {
                pattern = TimePattern.of(format);
            } catch (IllegalArgumentException e) {
                throw error(formatNode, key + ".format", "not iso, epoch-millis, epoch-seconds or a valid pattern: " + e.getMessage());
            }
        }
        return new Time(column, format, pattern, zone);
    }

    private Map<String, Field> fields(Node node, String stream, Set<String> drop) {
        Map<String, TargetField> targets = TargetField.of(stream);
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : object(node, "fields", null).entrySet()) {
            String name = e.getKey();
            String key = "fields." + name;
            TargetField target = targets.get(name);
            if (target == null) {
                throw error(e.getValue(), key, "stream " + stream + " has no field '" + name + "'; its fields are " + targets.keySet());
            }
            Map<String, Node> f = object(e.getValue(), key, Set.of("column", "value", "default", "required", "type", "locale", "format", "zone"));
            if (f.containsKey("column") == f.containsKey("value")) {
                throw error(e.getValue(), key, "give exactly one of 'column' or 'value'");
            }
            if (f.containsKey("default") && !f.containsKey("column")) {
                throw error(f.get("default"), key + ".default", "a default applies to a column's empty cells; with 'value' it has nothing to do");
            }
            String column = f.containsKey("column") ? scalar(f.get("column"), key + ".column") : null;
            if (column != null && drop.contains(column)) {
                throw error(f.get("column"), key + ".column", "column '" + column + "' is listed under 'drop' (personal data) and must not be published");
            }
            if (f.containsKey("type")) {
                String declared = scalar(f.get("type"), key + ".type");
                if (!declared.equalsIgnoreCase(target.kind().name())) {
                    throw error(f.get("type"), key + ".type", "field '" + name + "' is a " + target.kind().name().toLowerCase(Locale.ROOT)
                            + ", not a " + declared);
                }
            }
            Locale locale = f.containsKey("locale") ? Locale.forLanguageTag(scalar(f.get("locale"), key + ".locale")) : Locale.ROOT;
            Time time = null;
            if (target.kind() == TargetField.Kind.TIMESTAMP) {
                time = time(key, column, f.get("format"), f.get("zone"));
            } else if (f.containsKey("format") || f.containsKey("zone")) {
                throw error(e.getValue(), key, "'format' and 'zone' apply to timestamp fields only");
            }
            boolean required = target.required() || (f.containsKey("required") && bool(f.get("required"), key + ".required"));
            fields.put(name, new Field(name, column, f.containsKey("value") ? scalar(f.get("value"), key + ".value") : null,
                    f.containsKey("default") ? scalar(f.get("default"), key + ".default") : null, required, locale, time));
        }
        if (!fields.containsKey("customer_id")) {
            throw error(node, "fields.customer_id", "required: every event names its customer");
        }
        for (TargetField t : targets.values()) {
            if (t.required() && !fields.containsKey(t.name())) {
                throw error(node, "fields." + t.name(), "required by stream " + stream);
            }
        }
        return fields;
    }

    // --- YAML helpers: every error names the line and the key ---

    private MappingException error(Node node, String key, String message) {
        int line = node == null ? 0 : node.getStartMark().getLine() + 1;
        return new MappingException(file + " line " + line + ": " + key + ": " + message);
    }

    private Node required(Map<String, Node> map, String key, Node parent) {
        Node n = map.get(key);
        if (n == null) {
            throw error(parent, key, "required key is missing");
        }
        return n;
    }

    /** A YAML mapping; with {@code allowed}, any other key is an error. */
    private Map<String, Node> object(Node node, String key, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, key, "expected a mapping of keys to values");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            String k = scalar(t.getKeyNode(), key);
            if (allowed != null && !allowed.contains(k)) {
                throw error(t.getKeyNode(), key.equals("(top level)") ? k : key + "." + k,
                        "unknown key; expected one of " + new java.util.TreeSet<>(allowed));
            }
            if (out.put(k, t.getValueNode()) != null) {
                throw error(t.getKeyNode(), k, "key given twice");
            }
        }
        return out;
    }

    private String scalar(Node node, String key) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, key, "expected a single value");
        }
        return s.getValue();
    }

    private boolean bool(Node node, String key) {
        String v = scalar(node, key);
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw error(node, key, "expected true or false, got '" + v + "'");
    }

    private List<String> strings(Node node, String key) {
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, key, "expected a list, e.g. [a, b]");
        }
        List<String> out = new ArrayList<>();
        for (Node n : seq.getValue()) {
            out.add(scalar(n, key));
        }
        return out;
    }

    private List<String> nonEmpty(List<String> list, Node node, String key) {
        if (list.isEmpty()) {
            throw error(node, key, "must name at least one column");
        }
        return list;
    }
}
