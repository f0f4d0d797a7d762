package io.crmpulse.ingest.mapping;

import io.crmpulse.events.Envelope;
import io.crmpulse.schemas.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * A field a mapping may fill: the envelope's customer, office and staff, and the payload fields of the
 * stream's Avro schema. Derived from the schemas, so a mapping can never publish a field the schema lacks.
 */
public record TargetField(String name, Kind kind, boolean required, boolean inEnvelope) {

    public enum Kind {
        STRING, INT, LONG, BOOLEAN, DECIMAL, TIMESTAMP
    }

    /** Envelope fields the mapping sets through its own keys, not through {@code fields}. */
    private static final java.util.Set<String> SET_BY_MAPPING = java.util.Set.of("event_id", "occurred_at", "source", "match_key");

    /** The fields of {@code stream}'s events a mapping may name, in schema order. */
    public static Map<String, TargetField> of(String stream) {
        Schema event = SpecificData.get().getSchema(Topics.eventTopic(stream).valueType());
        Map<String, TargetField> fields = new LinkedHashMap<>();
        for (Schema.Field f : Envelope.getClassSchema().getFields()) {
            if (!SET_BY_MAPPING.contains(f.name())) {
                fields.put(f.name(), of(f, true));
            }
        }
        for (Schema.Field f : event.getFields()) {
            if (!f.name().equals("envelope") && !f.name().equals("type")) {
                fields.put(f.name(), of(f, false));
            }
        }
        return fields;
    }

    private static TargetField of(Schema.Field field, boolean inEnvelope) {
        Schema schema = field.schema();
        boolean nullable = schema.isNullable();
        if (schema.isUnion()) {
            schema = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
        }
        Kind kind;
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal) {
            kind = Kind.DECIMAL;
        } else if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            kind = Kind.TIMESTAMP;
        } else {
            kind = switch (schema.getType()) {
                case STRING -> Kind.STRING;
                case INT -> Kind.INT;
                case LONG -> Kind.LONG;
                case BOOLEAN -> Kind.BOOLEAN;
                default -> throw new IllegalStateException("field " + field.name() + " has a type mappings cannot fill: " + schema);
            };
        }
        return new TargetField(field.name(), kind, !nullable, inEnvelope);
    }
}
