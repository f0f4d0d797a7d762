package io.crmpulse.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.state.Assignment;
import io.crmpulse.state.MemberRanking;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * An entry of the index of group members reads back as the ranking that was written, whatever it leaves empty, and
 * the values earlier versions wrote (empty, then Avro) still read.
 */
class RankingCodecTest {

    private static final Serde<MemberRanking> ENTRIES = GroupMembers.valueSerde(SerdeFactory.named(null, Map.of()));

    private static MemberRanking roundTrip(MemberRanking ranking) {
        return ENTRIES.deserializer().deserialize("group-members", ENTRIES.serializer().serialize("group-members", ranking));
    }

    @Test
    void shouldReadBackACustomerWithPurchasesAndMovesBetweenOfficesAndStaff() {
        MemberRanking ranking = new MemberRanking("客户-0042", Instant.parse("2024-05-01T10:15:30.123Z"), "A", 3,
                LocalDate.parse("2023-01-02"), LocalDate.parse("2024-05-01"), 123.4567,
                List.of(new Assignment(Instant.parse("2023-01-02T00:00:00Z"), "上海", false), new Assignment(Instant.parse("2024-02-01T00:00:00Z"), "BJ", true)),
                List.of(new Assignment(Instant.parse("2023-01-02T00:00:00Z"), "SH-s1", true)));

        assertThat(roundTrip(ranking)).isEqualTo(ranking);
        // Written in the layout, not in Avro (which would read back the same).
        assertThat(ENTRIES.serializer().serialize("group-members", ranking)[0]).isEqualTo(RankingCodec.FORMAT);
    }

    @Test
    void shouldReadBackAProspectWithNothingButItsId() {
        MemberRanking prospect = new MemberRanking("c1", null, null, 0, null, null, null, List.of(), List.of());

        assertThat(roundTrip(prospect)).isEqualTo(prospect);
    }

    @Test
    void shouldReadTheValuesOfEarlierVersions() {
        MemberRanking ranking = new MemberRanking("c1", Instant.parse("2024-05-01T10:00:00Z"), "B", 0,
                LocalDate.parse("2024-05-01"), LocalDate.parse("2024-05-01"), null,
                List.of(new Assignment(Instant.parse("2024-05-01T10:00:00Z"), "SH", false)), List.of());
        byte[] avro = SerdeFactory.named(null, Map.of()).valueSerde(MemberRanking.class).serializer().serialize("group-members", ranking);

        assertThat(ENTRIES.deserializer().deserialize("group-members", avro)).isEqualTo(ranking);
        assertThat(ENTRIES.deserializer().deserialize("group-members", new byte[0])).isNull();
    }
}
