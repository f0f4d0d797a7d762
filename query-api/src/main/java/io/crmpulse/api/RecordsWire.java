package io.crmpulse.api;

import io.crmpulse.records.AlertEvent;
import io.crmpulse.records.LateEvent;
import io.crmpulse.records.OfficeScorecard;
import io.crmpulse.records.ScorecardRating;
import io.crmpulse.streams.scorecard.ScorecardState;
import io.micronaut.core.type.Argument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Records between instances in Avro's own single-object encoding (each generated class writes and reads it), in
 * base64 under a name: no hand-written field list to keep in step with the schemas.
 */
final class RecordsWire {

    static final Argument<Map<String, List<String>>> FORM = Argument.mapOf(Argument.STRING, Argument.listOf(String.class));

    private RecordsWire() {
    }

    static Map<String, List<String>> toWire(ScorecardState state) {
        Map<String, List<String>> wire = new LinkedHashMap<>();
        wire.put("sheets", encode(List.copyOf(state.sheets().values())));
        wire.put("ratings", encode(List.copyOf(state.ratings().values())));
        wire.put("late", encode(state.late().values().stream().flatMap(List::stream).toList()));
        return wire;
    }

    static List<String> toWire(List<? extends SpecificRecordBase> records) {
        return encode(records);
    }

    static List<AlertEvent> alertsFromWire(List<String> wire) {
        List<AlertEvent> alerts = new ArrayList<>(wire.size());
        try {
            for (String s : wire) {
                alerts.add(AlertEvent.fromByteBuffer(decode(s)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("an instance answered alerts that do not decode", e);
        }
        return alerts;
    }

    static ScorecardState scorecardFromWire(Map<String, List<String>> wire) {
        Map<YearMonth, OfficeScorecard> sheets = new TreeMap<>();
        Map<YearMonth, ScorecardRating> ratings = new TreeMap<>();
        Map<YearMonth, List<LateEvent>> late = new TreeMap<>();
        try {
            for (String s : wire.getOrDefault("sheets", List.of())) {
                OfficeScorecard sheet = OfficeScorecard.fromByteBuffer(decode(s));
                sheets.put(YearMonth.parse(sheet.getMonth()), sheet);
            }
            for (String s : wire.getOrDefault("ratings", List.of())) {
                ScorecardRating rating = ScorecardRating.fromByteBuffer(decode(s));
                ratings.put(YearMonth.parse(rating.getMonth()), rating);
            }
            for (String s : wire.getOrDefault("late", List.of())) {
                LateEvent event = LateEvent.fromByteBuffer(decode(s));
                late.computeIfAbsent(YearMonth.parse(event.getMonth()), m -> new ArrayList<>()).add(event);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("an instance answered records that do not decode", e);
        }
        return new ScorecardState(sheets, ratings, late);
    }

    private static List<String> encode(List<? extends SpecificRecordBase> records) {
        List<String> encoded = new ArrayList<>(records.size());
        try {
            for (SpecificRecordBase r : records) {
                ByteBuffer bytes = new BinaryMessageEncoder<SpecificRecordBase>(SpecificData.get(), r.getSchema()).encode(r);
                byte[] array = new byte[bytes.remaining()];
                bytes.get(array);
                encoded.add(Base64.getEncoder().encodeToString(array));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + records.get(0).getSchema().getName(), e);
        }
        return encoded;
    }

    private static ByteBuffer decode(String base64) {
        return ByteBuffer.wrap(Base64.getDecoder().decode(base64));
    }
}
