package io.crmpulse.ingest.mapping;

import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A source's declarative mapping (CONTRACT.md, "Mapping files (format 1)"): how to read its files and
 * turn each record into an event of one stream. Built and validated by {@link MappingLoader}.
 */
public record Mapping(
        String source,
        String stream,
        Format format,
        String adapter,
        Csv csv,
        List<String> columns,
        EventId eventId,
        EventType eventType,
        Time occurredAt,
        Map<String, Field> fields,
        Set<String> drop,
        MatchKey matchKey) {

    /**
     * True when the mapping hashes personal data: a {@code match_key}, or an event id hashed from a {@code drop}
     * column. Such hashes are keyed (HMAC), as a plain hash of a phone number is reversed by trying every number.
     */
    public boolean hashesPersonalData() {
        return matchKey != null || eventId.hash().stream().anyMatch(drop::contains);
    }

    /**
     * The columns that identify one person across sources and offices ({@code match_key}), each normalised before
     * they are hashed together with the hash key: {@code phone} keeps digits only (and drops a leading 00),
     * {@code name} folds case, width and blanks, {@code text} only trims and folds case.
     */
    public record MatchKey(List<String> columns, Normalization normalize) {
    }

    public enum Normalization {
        PHONE, NAME, TEXT
    }

    /** CSV and JSONL are built in; CUSTOM is read by the {@code SourceAdapter} named by {@link #adapter()}. */
    public enum Format {
        CSV, JSONL, CUSTOM
    }

    /** {@code delimiter} is one character, or null for runs of blanks ({@code "whitespace"}). */
    public record Csv(Character delimiter, boolean header, Charset encoding) {
    }

    /** From a column, or a stable hash of the named columns ({@code $line} and {@code $file} name the position). */
    public record EventId(String column, List<String> hash) {
    }

    /** A constant, or a column whose values map to event types ({@code "*"}: every other value). */
    public record EventType(String value, String column, Map<String, String> values) {
    }

    /** A column read as {@code iso}, {@code epoch-millis}, {@code epoch-seconds} or a pattern, in a zone. */
    public record Time(String column, String format, TimePattern pattern, ZoneId zone) {
    }

    /**
     * One target field: from a column (with {@code fallback} when the cell is empty) or a constant value;
     * {@code locale} for decimals, {@code time} for timestamp fields.
     */
    public record Field(String target, String column, String value, String fallback, boolean required, Locale locale, Time time) {
    }
}
