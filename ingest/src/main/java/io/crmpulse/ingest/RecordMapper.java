package io.crmpulse.ingest;

import io.crmpulse.events.Envelope;
import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.mapping.TargetField;
import io.crmpulse.ingest.read.SourceRecord;
import io.crmpulse.schemas.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns a source record into an event of the mapping's stream, or says precisely why it cannot:
 * every rejection carries a {@link Reason} and a message naming the field and the value.
 */
public final class RecordMapper {

    static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    static final int MAX_TEXT = 2048;
    private static final int DECIMAL_SCALE = 4;
    private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "是");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "0", "否");

    /** A record mapped to its event: the key (customer id), the event id, the event time and the office (null when none). */
    public record Mapped(SpecificRecord event, String customerId, String eventId, Instant occurredAt, String officeId) {
    }

    public static final class Rejected extends Exception {
        private final Reason reason;

        Rejected(Reason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    private final Mapping mapping;
    private final String source;
    private final Map<String, TargetField> targets;
    private final Class<? extends SpecificRecord> eventClass;
    private final java.lang.reflect.Constructor<? extends SpecificRecord> eventConstructor;
    private final Map<java.util.Locale, DecimalFormatSymbols> symbols = new java.util.HashMap<>();
    private final Schema eventSchema;
    private final Class<?> typeEnum;
    private final Clock clock;
    private final Duration maxFuture;
    private final Pseudonyms pseudonyms;

    /**
     * {@code pseudonyms} hashes personal data (null when no key is configured); a mapping that hashes any
     * ({@link Mapping#hashesPersonalData()}) is refused without it.
     */
    public RecordMapper(Mapping mapping, String source, Clock clock, Duration maxFuture, Pseudonyms pseudonyms) {
        Pseudonyms.check(mapping, source, pseudonyms);
        this.pseudonyms = pseudonyms;
        this.mapping = mapping;
        this.source = source;
        this.targets = TargetField.of(mapping.stream());
        this.eventClass = Topics.eventTopic(mapping.stream()).valueType();
        this.eventSchema = SpecificData.get().getSchema(eventClass);
        try {
            this.typeEnum = eventClass.getMethod("getType").getReturnType();
            this.eventConstructor = eventClass.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(eventClass + " has no event type or no-argument constructor", e);
        }
        this.clock = clock;
        this.maxFuture = maxFuture;
    }

    public Mapped map(SourceRecord record) throws Rejected {
        if (record.problem() != null) {
            throw new Rejected(Reason.valueOf(record.problem().reason()), record.problem().message());
        }
        Instant occurredAt = time(cell(record, mapping.occurredAt().column()), mapping.occurredAt(), "occurred_at");
        if (occurredAt == null) {
            throw new Rejected(Reason.MISSING_REQUIRED, "occurred_at: column '" + mapping.occurredAt().column() + "' is empty");
        }
        Instant latest = clock.instant().plus(maxFuture);
        if (occurredAt.isBefore(EARLIEST) || occurredAt.isAfter(latest)) {
            throw new Rejected(Reason.TIME_OUT_OF_RANGE, "occurred_at " + occurredAt + " is before " + EARLIEST
                    + " or after now + ingest.max-future (" + latest + ")");
        }
        String eventId = eventId(record);
        Envelope envelope = new Envelope(eventId, null, occurredAt, source, null, null, matchKey(record));
        SpecificRecord event = newEvent();
        event.put(eventSchema.getField("envelope").pos(), envelope);
        event.put(eventSchema.getField("type").pos(), eventType(record));
        for (Mapping.Field field : mapping.fields().values()) {
            TargetField target = targets.get(field.target());
            Object value = convert(record, field, target);
            if (value == null && field.required()) {
                throw new Rejected(Reason.MISSING_REQUIRED, field.target() + ": required, but column '" + field.column() + "' is empty");
            }
            if (target.inEnvelope()) {
                envelope.put(field.target(), value);
            } else {
                event.put(eventSchema.getField(field.target()).pos(), value);
            }
        }
        return new Mapped(event, envelope.getCustomerId(), eventId, occurredAt, envelope.getOfficeId());
    }

    private String eventId(SourceRecord record) throws Rejected {
        Mapping.EventId rule = mapping.eventId();
        if (rule.column() != null) {
            String id = cell(record, rule.column());
            if (id == null) {
                throw new Rejected(Reason.MISSING_REQUIRED, "event_id: column '" + rule.column() + "' is empty");
            }
            return text("event_id", id);
        }
        List<String> parts = new ArrayList<>(List.of(source));
        for (String column : rule.hash()) {
            String v = switch (column) {
                case "$line" -> Long.toString(record.line());
                case "$file" -> java.nio.file.Path.of(record.file()).getFileName().toString();
                default -> cell(record, column);
            };
            parts.add(v == null ? "" : v);
        }
        // Only a hash of personal columns is keyed: ids hashed from other columns stay what earlier runs published.
        return rule.hash().stream().anyMatch(mapping.drop()::contains) ? pseudonyms.of(parts)
                : HexFormat.of().formatHex(sha256(String.join("\u001f", parts)), 0, 16);
    }

    /** The keyed hash of the mapping's match_key columns, normalised; null without a match_key or when they are all empty. */
    private String matchKey(SourceRecord record) {
        Mapping.MatchKey rule = mapping.matchKey();
        if (rule == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String column : rule.columns()) {
            String v = cell(record, column);
            parts.add(v == null ? "" : Pseudonyms.normalize(v, rule.normalize()));
        }
        return parts.stream().allMatch(String::isEmpty) ? null : pseudonyms.of(parts);
    }

    private Object eventType(SourceRecord record) throws Rejected {
        Mapping.EventType rule = mapping.eventType();
        String symbol = rule.value();
        if (symbol == null) {
            String raw = cell(record, rule.column());
            symbol = raw == null ? null : rule.values().get(raw);
            if (symbol == null && raw != null) {
                for (Map.Entry<String, String> e : rule.values().entrySet()) {
                    if (e.getKey().equalsIgnoreCase(raw.strip())) {
                        symbol = e.getValue();
                        break;
                    }
                }
            }
            if (symbol == null) {
                symbol = rule.values().get("*");
            }
            if (symbol == null) {
                throw new Rejected(raw == null ? Reason.MISSING_REQUIRED : Reason.UNKNOWN_ENUM,
                        "event_type: " + (raw == null ? "column '" + rule.column() + "' is empty"
                                : "value '" + raw + "' of column '" + rule.column() + "' is not in event_type.values " + rule.values().keySet()));
            }
        }
        return enumConstant(typeEnum, symbol);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String symbol) {
        return Enum.valueOf((Class) type, symbol);
    }

    private SpecificRecord newEvent() {
        try {
            return eventConstructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + eventClass.getName(), e);
        }
    }

    private Object convert(SourceRecord record, Mapping.Field field, TargetField target) throws Rejected {
        String raw = field.column() != null ? cell(record, field.column()) : field.value();
        if (raw == null) {
            raw = field.fallback();
        }
        if (raw == null) {
            return null;
        }
        String name = field.target();
        try {
            return switch (target.kind()) {
                case STRING -> text(name, raw);
                case INT -> Integer.parseInt(raw.strip());
                case LONG -> Long.parseLong(raw.strip());
                case BOOLEAN -> bool(name, raw);
                case DECIMAL -> decimal(name, raw, field.locale(), symbols.computeIfAbsent(field.locale(), DecimalFormatSymbols::getInstance));
                case TIMESTAMP -> time(raw, field.time(), name);
            };
        } catch (NumberFormatException e) {
            throw new Rejected(Reason.WRONG_TYPE, name + ": '" + raw + "' is not a whole number");
        }
    }

    private static String text(String name, String raw) throws Rejected {
        if (raw.length() > MAX_TEXT) {
            throw new Rejected(Reason.OVERSIZE_TEXT, name + ": " + raw.length() + " characters, more than the limit of " + MAX_TEXT);
        }
        return raw;
    }

    private static Boolean bool(String name, String raw) throws Rejected {
        String v = raw.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return true;
        }
        if (FALSE.contains(v)) {
            return false;
        }
        throw new Rejected(Reason.WRONG_TYPE, name + ": '" + raw + "' is not a boolean (true/false, yes/no, 1/0)");
    }

    private static BigDecimal decimal(String name, String raw, Locale locale, DecimalFormatSymbols symbols) throws Rejected {
        String plain = raw.strip().replace(String.valueOf(symbols.getGroupingSeparator()), "")
                .replace('\u00a0', ' ').replace(" ", "");
        if (symbols.getDecimalSeparator() != '.') {
            plain = plain.replace(symbols.getDecimalSeparator(), '.');
        }
        BigDecimal value;
        try {
            value = new BigDecimal(plain);
        } catch (NumberFormatException e) {
            throw new Rejected(Reason.WRONG_TYPE, name + ": '" + raw + "' is not a decimal number (locale " + locale.toLanguageTag() + ")");
        }
        if (value.signum() < 0) {
            throw new Rejected(Reason.NEGATIVE_AMOUNT, name + ": " + raw + " is negative");
        }
        if (value.stripTrailingZeros().scale() > DECIMAL_SCALE) {
            throw new Rejected(Reason.WRONG_TYPE, name + ": '" + raw + "' has more than " + DECIMAL_SCALE + " decimal places");
        }
        value = value.setScale(DECIMAL_SCALE);
        if (value.precision() > 18) {
            throw new Rejected(Reason.WRONG_TYPE, name + ": '" + raw + "' is too large");
        }
        return value;
    }

    /** {@code raw} read as the rule's format in its zone; null stays null. */
    private static Instant time(String raw, Mapping.Time rule, String name) throws Rejected {
        if (raw == null) {
            return null;
        }
        String v = raw.strip();
        try {
            return switch (rule.format()) {
                case "epoch-millis" -> Instant.ofEpochMilli(Long.parseLong(v));
                case "epoch-seconds" -> Instant.ofEpochSecond(Long.parseLong(v));
                case "iso" -> iso(v, rule);
                default -> {
                    LocalDateTime local = rule.pattern().parse(v);
                    ZoneRules rules = rule.zone().getRules();
                    yield rules.isFixedOffset() ? local.toInstant(rules.getOffset(Instant.EPOCH)) : local.atZone(rule.zone()).toInstant();
                }
            };
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new Rejected(Reason.WRONG_TYPE, name + ": '" + raw + "' does not match format '" + rule.format() + "'");
        }
    }

    /** An ISO instant, offset date-time, or local date-time / date taken in the rule's zone. */
    private static Instant iso(String v, Mapping.Time rule) {
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return ZonedDateTime.parse(v).toInstant();
            } catch (DateTimeParseException notZoned) {
                try {
                    return LocalDateTime.parse(v).atZone(rule.zone()).toInstant();
                } catch (DateTimeParseException notLocal) {
                    return java.time.LocalDate.parse(v, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(rule.zone()).toInstant();
                }
            }
        }
    }

    /** The cell of a column, or null when it is absent or blank. */
    private static String cell(SourceRecord record, String column) {
        String v = record.values().get(column);
        return v == null || v.isBlank() ? null : v;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
