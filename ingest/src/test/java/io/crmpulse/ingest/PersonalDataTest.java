package io.crmpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmpulse.events.CustomerEvent;
import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.mapping.MappingException;
import io.crmpulse.ingest.mapping.MappingLoader;
import io.crmpulse.records.DeadLetter;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal columns ({@code drop}) reach no topic: dead letters keep them masked, and what is hashed from them (an
 * event id, the match key) is hashed with the installation's key. Given a customer export with names and phones.
 */
class PersonalDataTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final String KEY = "a-hash-key-of-this-installation";

    private static final String CUSTOMERS = """
            version: 1
            source: crm
            stream: customer
            format: %s
            event_id: { hash: [phone, at] }
            event_type: { value: REGISTERED }
            occurred_at: { column: at, format: iso, zone: UTC }
            fields:
              customer_id: { column: customer, required: true }
              office_id: { column: office }
            drop: [name, phone]
            match_key: { columns: [phone], normalize: phone }
            """;

    @TempDir
    Path dir;

    private final RecordingSink sink = new RecordingSink();

    private IngestSummary ingest(String format, String text, Pseudonyms pseudonyms) throws IOException {
        Mapping mapping = MappingLoader.parse("crm.yaml", new StringReader(CUSTOMERS.formatted(format)));
        Path file = Files.writeString(dir.resolve("crm." + format), text);
        return new IngestRun(mapping, "crm", sink, NOW, Duration.ofDays(1), pseudonyms, p -> { }).run(List.of(file));
    }

    @Test
    void shouldMaskTheDroppedColumnsOfARejectedCsvRecord() throws IOException {
        ingest("csv", "customer,name,phone,office,at\nc1,Wang Wei,13800000001,SH,not-a-time\n", new Pseudonyms(KEY));

        DeadLetter letter = sink.deadLetters.get(0);
        assertThat(letter.getReason()).isEqualTo("WRONG_TYPE");
        assertThat(letter.getRaw()).isEqualTo("c1,[dropped],[dropped],SH,not-a-time").doesNotContain("Wang", "13800000001");
        assertThat(letter.getColumns()).containsExactly("customer", "name", "phone", "office", "at");
    }

    @Test
    void shouldMaskTheDroppedFieldsOfARejectedJsonRecord() throws IOException {
        ingest("jsonl", "{\"customer\":\"c1\",\"name\":\"Wang Wei\",\"phone\":\"13800000001\",\"at\":\"yesterday\"}\n", new Pseudonyms(KEY));

        assertThat(sink.deadLetters.get(0).getRaw())
                .isEqualTo("{\"customer\":\"c1\",\"name\":\"[dropped]\",\"phone\":\"[dropped]\",\"at\":\"yesterday\"}");
    }

    @Test
    void shouldHashPersonalColumnsWithTheKeySoThatOnePersonMatchesAcrossOffices() throws IOException {
        ingest("csv", """
                customer,name,phone,office,at
                c1,Wang Wei,138 0000 0001,SH,2024-05-01T00:00:00Z
                b7,WANG Wei,0013800000001,BJ,2024-05-02T00:00:00Z
                c2,Li Na,13800000002,SH,2024-05-01T00:00:00Z
                """, new Pseudonyms(KEY));

        List<CustomerEvent> events = sink.published.stream().map(p -> (CustomerEvent) p.event()).toList();
        assertThat(events).extracting(e -> e.getEnvelope().getMatchKey()).doesNotContainNull();
        assertThat(events.get(0).getEnvelope().getMatchKey()).as("one phone written two ways, two offices")
                .isEqualTo(events.get(1).getEnvelope().getMatchKey())
                .isEqualTo(new Pseudonyms(KEY).of(List.of("13800000001")))
                .isNotEqualTo(new Pseudonyms("another-installation-s-hash-key").of(List.of("13800000001")));
        assertThat(events.get(2).getEnvelope().getMatchKey()).isNotEqualTo(events.get(0).getEnvelope().getMatchKey());
        assertThat(events.get(0).getEnvelope().getEventId()).isEqualTo(new Pseudonyms(KEY).of(List.of("crm", "138 0000 0001", "2024-05-01T00:00:00Z")));
        assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain("Wang", "WANG", "Li Na", "0001", "0002"));
    }

    @Test
    void shouldRefuseAMappingThatHashesPersonalColumnsWhenNoKeyIsConfigured() {
        assertThatThrownBy(() -> ingest("csv", "customer,name,phone,office,at\n", null))
                .isInstanceOf(MappingException.class).hasMessageContaining("match_key").hasMessageContaining(Pseudonyms.KEY_ENV);
    }

    @Test
    void shouldNormaliseAPhoneToItsDigitsAndANameToOneCaseAndSpacing() {
        assertThat(Pseudonyms.normalize("+86 (138) 0000-0001", Mapping.Normalization.PHONE)).isEqualTo("8613800000001");
        assertThat(Pseudonyms.normalize("0086 138 0000 0001", Mapping.Normalization.PHONE)).isEqualTo("8613800000001");
        assertThat(Pseudonyms.normalize("  Wang   WEI ", Mapping.Normalization.NAME)).isEqualTo("wang wei");
        assertThat(Pseudonyms.normalize("ＷＡＮＧ", Mapping.Normalization.NAME)).as("full-width letters").isEqualTo("wang");
    }
}
