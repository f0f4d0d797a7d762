package io.crmpulse.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

class MappingLoaderTest {

    /** The example of CONTRACT.md, verbatim. */
    static final String CONTRACT_EXAMPLE = """
            version: 1
            source: shop-orders            # name in dead-letter records and metrics
            stream: order                  # customer | contact | order | complaint
            format: csv                    # csv | jsonl; a .gz file is read compressed
            csv: { delimiter: ",", header: true, encoding: UTF-8 }   # delimiter "whitespace": runs of blanks
            # columns: [id, day, amount]   # names the columns of a file without a header line
            event_id: { column: order_id }              # or { hash: [colA, colB] }
            event_type:
              column: status
              values: { canceled: CANCELLED, refunded: REFUNDED, "*": PLACED }   # or { value: PLACED }
            occurred_at: { column: created, format: "yyyy-MM-dd HH:mm:ss", zone: UTC }  # format: iso | epoch-millis | a pattern
            fields:
              customer_id: { column: customer, required: true }
              office_id:   { column: region_office }
              amount:      { column: total, type: decimal, locale: en }
              currency:    { value: EUR }
            drop: [customer_name, phone]   # columns that must never be published
            """;

    private static Mapping parse(String yaml) {
        return MappingLoader.parse("m.yaml", new StringReader(yaml));
    }

    @Test
    void shouldLoadTheContractExample() {
        Mapping m = parse(CONTRACT_EXAMPLE);

        assertThat(m.source()).isEqualTo("shop-orders");
        assertThat(m.stream()).isEqualTo("order");
        assertThat(m.csv().delimiter()).isEqualTo(',');
        assertThat(m.csv().encoding()).isEqualTo(Charset.forName("UTF-8"));
        assertThat(m.eventType().values()).containsEntry("canceled", "CANCELLED").containsEntry("*", "PLACED");
        assertThat(m.fields()).containsOnlyKeys("customer_id", "office_id", "amount", "currency");
        assertThat(m.drop()).containsExactly("customer_name", "phone");
    }

    @Test
    void shouldNameLineAndKeyOfAnUnknownKey() {
        assertThatThrownBy(() -> parse(CONTRACT_EXAMPLE.replace("drop:", "dorp:")))
                .isInstanceOf(MappingException.class).hasMessageStartingWith("m.yaml line 17: dorp: unknown key");
    }

    @Test
    void shouldRefuseAFieldTheStreamDoesNotHave() {
        assertThatThrownBy(() -> parse(CONTRACT_EXAMPLE.replace("currency:    { value: EUR }", "customer_name: { column: customer_name }")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("line 16: fields.customer_name: stream order has no field 'customer_name'");
    }

    @Test
    void shouldRefuseToPublishADroppedColumn() {
        assertThatThrownBy(() -> parse(CONTRACT_EXAMPLE.replace("{ column: region_office }", "{ column: phone }")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("fields.office_id.column: column 'phone' is listed under 'drop'");
    }

    @Test
    void shouldRefuseAnEventTypeTheStreamDoesNotHave() {
        assertThatThrownBy(() -> parse(CONTRACT_EXAMPLE.replace("refunded: REFUNDED", "refunded: RETURNED")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("line 10: event_type.values.refunded: 'RETURNED' is not an event type of this stream");
    }

    @Test
    void shouldRefuseABadZoneAPatternAndADeclaredTypeThatDiffers() {
        assertThatThrownBy(() -> parse(CONTRACT_EXAMPLE.replace("zone: UTC", "zone: Mars/Olympus")))
                .hasMessageContaining("occurred_at.zone: unknown time zone 'Mars/Olympus'");
        assertThatThrownBy(() -> parse(CONTRACT_EXAMPLE.replace("yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss {{")))
                .hasMessageContaining("occurred_at.format:");
        assertThatThrownBy(() -> parse(CONTRACT_EXAMPLE.replace("type: decimal", "type: int")))
                .hasMessageContaining("fields.amount.type: field 'amount' is a decimal, not a int");
    }

    @Test
    void shouldRequireTheEssentials() {
        assertThatThrownBy(() -> parse(CONTRACT_EXAMPLE.replace("version: 1", "version: 2")))
                .hasMessageContaining("line 1: version: unsupported mapping version '2'");
        assertThatThrownBy(() -> parse(CONTRACT_EXAMPLE.replace("  customer_id: { column: customer, required: true }\n", "")))
                .hasMessageContaining("fields.customer_id: required");
        assertThatThrownBy(() -> parse(CONTRACT_EXAMPLE.replace("header: true", "header: false")))
                .hasMessageContaining("columns: a CSV file without a header line needs 'columns'");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("m.yaml: the mapping file is empty");
        assertThatThrownBy(() -> parse("version: [1")).hasMessageContaining("m.yaml: not valid YAML");
    }
}
