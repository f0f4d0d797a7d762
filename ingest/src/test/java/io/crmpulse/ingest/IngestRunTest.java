package io.crmpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.mapping.MappingLoader;
import io.crmpulse.records.DeadLetter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestRunTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

    private static final String ORDERS_MAPPING = """
            version: 1
            source: shop
            stream: order
            csv: { delimiter: ";", header: true, encoding: %s }
            event_id: { column: id }
            event_type: { column: status, values: { paid: PAID, cancelled: CANCELLED, placed: PLACED } }
            occurred_at: { column: at, format: "yyyy-MM-dd HH:mm:ss", zone: Asia/Shanghai }
            fields:
              customer_id: { column: customer }
              office_id: { column: office }
              amount: { column: amount, locale: de }
              currency: { value: CNY }
            drop: [name]
            """;

    @TempDir
    Path dir;

    private final RecordingSink sink = new RecordingSink();

    private IngestSummary ingest(String mappingYaml, String fileName, byte[] content) throws IOException {
        Mapping mapping = MappingLoader.parse("orders.yaml", new StringReader(mappingYaml));
        Path file = dir.resolve(fileName);
        Files.write(file, content);
        return new IngestRun(mapping, mapping.source(), sink, NOW, Duration.ofDays(1), read -> { }).run(List.of(file));
    }

    @Test
    void shouldPublishValidRowsAndDeadLetterEachBadOneWithItsReason() throws IOException {
        String csv = """
                id;customer;office;status;at;amount;name;note
                1;c1;SH;placed;2024-05-01 08:00:00;1.234,50;王伟;x
                2;c2;BJ;paid;2024-05-01 09:00:00;12;李娜;y
                3;;BJ;paid;2024-05-01 09:00:00;12;n;y
                4;c3;BJ;shipped;2024-05-01 09:00:00;12;n;y
                5;c3;BJ;paid;2024-05-01 09:00;12;n;y
                6;c3;BJ;paid;2024-05-01 09:00:00;-5;n;y
                7;c3;BJ;paid;1989-12-31 23:00:00;5;n;y
                8;c3;BJ;paid;2024-06-03 09:00:00;5;n;y
                9;c3;BJ
                2;c2;BJ;paid;2024-05-01 09:00:00;12;李娜;y
                2;c2;BJ;paid;2024-05-01 09:00:00;13;李娜;y
                """;

        IngestSummary summary = ingest(ORDERS_MAPPING.formatted("UTF-8"), "orders.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(summary.line()).isEqualTo("read 11, published 2, rejected 8, duplicates 1");
        assertThat(summary.unmappedColumns()).containsExactly("note");
        assertThat(sink.deadLetters).extracting(DeadLetter::getLine, DeadLetter::getReason).containsExactly(
                tuple(4L, "MISSING_REQUIRED"), tuple(5L, "UNKNOWN_ENUM"), tuple(6L, "WRONG_TYPE"), tuple(7L, "NEGATIVE_AMOUNT"),
                tuple(8L, "TIME_OUT_OF_RANGE"), tuple(9L, "TIME_OUT_OF_RANGE"), tuple(10L, "MALFORMED"), tuple(12L, "DUPLICATE_EVENT_ID"));
        assertThat(sink.deadLetters.get(0).getMessage()).contains("customer_id");
        assertThat(sink.deadLetters.get(0).getFile()).endsWith("orders.csv");
        assertThat(sink.deadLetters.get(0).getRaw()).contains("paid");

        OrderEvent first = (OrderEvent) sink.published.get(0).event();
        assertThat(sink.published.get(0).key()).isEqualTo("c1");
        assertThat(first.getType()).isEqualTo(OrderEventType.PLACED);
        assertThat(first.getAmount()).isEqualByComparingTo("1234.50");
        assertThat(first.getEnvelope().getOccurredAt()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(first.getEnvelope().getOfficeId()).isEqualTo("SH");
        assertThat(first.getEnvelope().getSource()).isEqualTo("shop");
        assertThat(first.toString()).doesNotContain("王伟");
        assertThat(sink.published.get(0).timestamp()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void shouldKeepReadingAfterAnUnclosedQuoteAndAcceptQuotedLineBreaks() throws IOException {
        String csv = "\uFEFFid;customer;office;status;at;amount;name;note\n"
                + "1;c1;SH;paid;2024-05-01 08:00:00;10;\"Wang\nWei\";x\n"
                + "2;c2;SH;paid;2024-05-01 08:00:00;10;\"Li Na;x\n"
                + "3;c3;SH;paid;2024-05-01 08:00:00;10;Zhang;x\n";

        IngestSummary summary = ingest(ORDERS_MAPPING.formatted("UTF-8"), "quotes.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(summary.line()).isEqualTo("read 3, published 2, rejected 1, duplicates 0");
        assertThat(sink.deadLetters).extracting(DeadLetter::getLine, DeadLetter::getReason).containsExactly(tuple(4L, "MALFORMED"));
        // Its cells cannot be told apart, so the dropped name cannot be masked: the letter keeps no raw text, and says where it is.
        assertThat(sink.deadLetters.get(0).getRaw()).isEmpty();
        assertThat(sink.deadLetters.get(0).getMessage()).contains("raw record withheld").contains("quotes.csv line 4").doesNotContain("Li Na");
        assertThat(sink.published).extracting(Published -> Published.key()).containsExactly("c1", "c3");
    }

    @Test
    void shouldReadAGbkEncodedGzippedExportAndFlagBytesThatAreNotGbk() throws IOException {
        Charset gbk = Charset.forName("GBK");
        byte[] good = "id;customer;office;status;at;amount;name;note\n1;客户一;上海;paid;2024-05-01 08:00:00;10;王伟;-\n".getBytes(gbk);
        byte[] bad = {'2', ';', (byte) 0x81, (byte) 0x20, ';', 'S', 'H', ';', 'p', 'a', 'i', 'd', ';', '2', '0', '2', '4', '-', '0', '5',
                '-', '0', '1', ' ', '0', '8', ':', '0', '0', ':', '0', '0', ';', '1', ';', 'n', ';', '-', '\n'};
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(good);
            out.write(bad);
        }

        IngestSummary summary = ingest(ORDERS_MAPPING.formatted("GBK"), "export.csv.gz", gz.toByteArray());

        assertThat(summary.line()).isEqualTo("read 2, published 1, rejected 1, duplicates 0");
        OrderEvent event = (OrderEvent) sink.published.get(0).event();
        assertThat(event.getEnvelope().getCustomerId()).isEqualTo("客户一");
        assertThat(event.getEnvelope().getOfficeId()).isEqualTo("上海");
        assertThat(sink.deadLetters).extracting(DeadLetter::getReason).containsExactly("MALFORMED_ENCODING");
    }

    @Test
    void shouldReadWhitespaceSeparatedFilesWithAHashedEventId() throws IOException {
        String mapping = """
                version: 1
                source: cdnow
                stream: order
                csv: { delimiter: whitespace, header: true }
                event_id: { hash: [customer_id, date, $line] }
                event_type: { value: PLACED }
                occurred_at: { column: date, format: yyyyMMdd, zone: UTC }
                fields:
                  customer_id: { column: customer_id }
                  amount: { column: dollar_value, type: decimal }
                  item_count: { column: number_of_cds }
                  office_id: { value: CDNOW }
                """;
        String data = " customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n"
                + " 00002 19970112  1   12.00\r\n";

        IngestSummary summary = ingest(mapping, "cdnow.txt", data.getBytes(StandardCharsets.US_ASCII));

        assertThat(summary.line()).isEqualTo("read 3, published 3, rejected 0, duplicates 0");
        assertThat(sink.published).extracting(p -> ((OrderEvent) p.event()).getEnvelope().getEventId()).doesNotHaveDuplicates();
        OrderEvent e = (OrderEvent) sink.published.get(0).event();
        assertThat(e.getItemCount()).isEqualTo(1);
        assertThat(e.getEnvelope().getOccurredAt()).isEqualTo(Instant.parse("1997-01-01T00:00:00Z"));
    }

    @Test
    void shouldRejectBrokenJsonLinesAndMapTheRest() throws IOException {
        String mapping = """
                version: 1
                source: api
                stream: order
                format: jsonl
                event_id: { column: id }
                event_type: { column: type }
                occurred_at: { column: at }
                fields:
                  customer_id: { column: customer }
                  order_id: { column: order }
                  amount: { column: amount }
                """;
        String data = """
                {"id":"a","type":"PLACED","at":"2024-05-01T10:00:00+08:00","customer":"c1","order":"o1","amount":9.5}
                {"id":"b","type":"PLACED","at":"2024-05-01T10:00:00Z","customer":"c1","order":"o1","amount":9.12345}
                {"id":"c", "type":
                [1,2]
                """;

        IngestSummary summary = ingest(mapping, "orders.jsonl", data.getBytes(StandardCharsets.UTF_8));

        assertThat(summary.line()).isEqualTo("read 4, published 1, rejected 3, duplicates 0");
        assertThat(sink.deadLetters).extracting(DeadLetter::getReason).containsExactly("WRONG_TYPE", "MALFORMED", "MALFORMED");
        assertThat(((OrderEvent) sink.published.get(0).event()).getEnvelope().getOccurredAt()).isEqualTo(Instant.parse("2024-05-01T02:00:00Z"));
    }
}
