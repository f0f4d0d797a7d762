package io.crmpulse.streams.lifecycle;

import io.crmpulse.state.Assignment;
import io.crmpulse.state.MemberRanking;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The bytes of an entry of the index of group members: a {@link MemberRanking} field by field, in a fixed layout
 * behind a format byte. An at-risk list decodes one entry per member of its group, and Avro's decoding of this record
 * was most of that list's time (JFR: 99 of 137 samples of the scan); this reads the same fields several times faster.
 * The Avro schema {@code MemberRanking.avsc} still names and documents every field.
 *
 * <p>Layout, big-endian: the format byte {@value #FORMAT}; customer id; last activity (epoch ms, or {@link #NONE});
 * segment; repeat days; first and last purchase day (epoch day, or {@link #NO_DAY}); mean spend (NaN for none);
 * then the office and the staff timeline, each a count and per assignment its instant, value and whether it is
 * explicit. A string is its UTF-8 length (-1 for null) and bytes. Any other value was written by an earlier version:
 * empty (no ranking, read as null) or by the configured Avro serde, which {@code older} reads (Avro's single-object
 * encoding begins with 0xC3, Confluent's wire format with 0, neither with the format byte).
 */
final class RankingCodec {

    static final byte FORMAT = 1;
    private static final long NONE = Long.MIN_VALUE;
    private static final int NO_DAY = Integer.MIN_VALUE;

    private RankingCodec() {
    }

    static Serializer<MemberRanking> serializer() {
        return (topic, ranking) -> ranking == null ? null : encode(ranking);
    }

    /** Reads this layout, an empty value as null, and anything else with {@code older} (the Avro value of earlier versions). */
    static Deserializer<MemberRanking> deserializer(Deserializer<MemberRanking> older) {
        return (topic, bytes) -> bytes == null || bytes.length == 0 ? null
                : bytes[0] == FORMAT ? decode(ByteBuffer.wrap(bytes, 1, bytes.length - 1)) : older.deserialize(topic, bytes);
    }

    static byte[] encode(MemberRanking r) {
        byte[] id = utf8(r.getCustomerId());
        byte[] segment = utf8(r.getSegment());
        List<byte[]> offices = values(r.getOffice());
        List<byte[]> staff = values(r.getStaff());
        int size = 1 + string(id) + 8 + string(segment) + 4 + 4 + 4 + 8 + timeline(offices) + timeline(staff);
        ByteBuffer out = ByteBuffer.allocate(size).put(FORMAT);
        putString(out, id);
        out.putLong(r.getLastActivity() == null ? NONE : r.getLastActivity().toEpochMilli());
        putString(out, segment);
        out.putInt(r.getRepeatDays());
        out.putInt(r.getFirstDay() == null ? NO_DAY : (int) r.getFirstDay().toEpochDay());
        out.putInt(r.getLastDay() == null ? NO_DAY : (int) r.getLastDay().toEpochDay());
        out.putDouble(r.getMeanSpend() == null ? Double.NaN : r.getMeanSpend());
        putTimeline(out, r.getOffice(), offices);
        putTimeline(out, r.getStaff(), staff);
        return out.array();
    }

    private static MemberRanking decode(ByteBuffer in) {
        String id = getString(in);
        long last = in.getLong();
        String segment = getString(in);
        int repeatDays = in.getInt();
        int first = in.getInt();
        int lastDay = in.getInt();
        double meanSpend = in.getDouble();
        List<Assignment> office = getTimeline(in);
        List<Assignment> staff = getTimeline(in);
        return new MemberRanking(id, last == NONE ? null : Instant.ofEpochMilli(last), segment, repeatDays,
                first == NO_DAY ? null : LocalDate.ofEpochDay(first), lastDay == NO_DAY ? null : LocalDate.ofEpochDay(lastDay),
                Double.isNaN(meanSpend) ? null : meanSpend, office, staff);
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static int string(byte[] utf8) {
        return 4 + (utf8 == null ? 0 : utf8.length);
    }

    private static List<byte[]> values(List<Assignment> timeline) {
        List<byte[]> values = new ArrayList<>(timeline.size());
        for (Assignment a : timeline) {
            values.add(utf8(a.getValue()));
        }
        return values;
    }

    private static int timeline(List<byte[]> values) {
        int size = 4;
        for (byte[] v : values) {
            size += 8 + string(v) + 1;
        }
        return size;
    }

    private static void putString(ByteBuffer out, byte[] utf8) {
        if (utf8 == null) {
            out.putInt(-1);
        } else {
            out.putInt(utf8.length).put(utf8);
        }
    }

    private static void putTimeline(ByteBuffer out, List<Assignment> timeline, List<byte[]> values) {
        out.putInt(timeline.size());
        for (int i = 0; i < timeline.size(); i++) {
            Assignment a = timeline.get(i);
            out.putLong(a.getAt().toEpochMilli());
            putString(out, values.get(i));
            out.put((byte) (a.getExplicit() ? 1 : 0));
        }
    }

    private static String getString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    private static List<Assignment> getTimeline(ByteBuffer in) {
        int n = in.getInt();
        List<Assignment> timeline = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            timeline.add(new Assignment(Instant.ofEpochMilli(in.getLong()), getString(in), in.get() == 1));
        }
        return timeline;
    }
}
