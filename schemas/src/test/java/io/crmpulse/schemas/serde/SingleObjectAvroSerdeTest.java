package io.crmpulse.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmpulse.events.Envelope;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.schemas.SchemaCatalog;
import io.crmpulse.schemas.SchemaVersion;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SingleObjectAvroSerdeTest {

    private static final Instant AT = Instant.parse("2024-02-29T23:59:59.999Z");

    private static OrderEvent order() {
        return OrderEvent.newBuilder()
                .setEnvelope(Envelope.newBuilder().setEventId("e-1").setCustomerId("c-1").setOccurredAt(AT)
                        .setSource("shop").setOfficeId("SH").setStaffId(null).build())
                .setType(OrderEventType.PAID).setOrderId("o-1").setAmount(new BigDecimal("1234.5000"))
                .setCurrency("CNY").setItemCount(3).build();
    }

    @Test
    void shouldRoundTripDecimalsInstantsAndEnums() {
        SingleObjectAvroSerde<OrderEvent> serde = new SingleObjectAvroSerde<>(OrderEvent.class, SchemaCatalog.bundled());

        byte[] bytes = serde.serializer().serialize("t", order());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(order());
    }

    @Test
    void shouldReadARecordWrittenWithAnOlderReleasedSchema() throws Exception {
        // An older release of OrderEvent without item_count and currency.
        Schema current = OrderEvent.getClassSchema();
        Schema older = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
                current.getFields().stream()
                        .filter(f -> !f.name().equals("currency") && !f.name().equals("item_count"))
                        .map(f -> new Schema.Field(f, f.schema())).toList());
        assertThat(older.getField("item_count")).isNull();
        SchemaCatalog catalog = new SchemaCatalog(List.of(
                new SchemaVersion("v0", java.util.Map.of(older.getFullName(), older))));

        GenericRecord envelope = new GenericData.Record(older.getField("envelope").schema());
        envelope.put("event_id", "e-1");
        envelope.put("customer_id", "c-1");
        envelope.put("occurred_at", AT.toEpochMilli());
        envelope.put("source", "shop");
        envelope.put("office_id", "SH");
        GenericRecord old = new GenericData.Record(older);
        old.put("envelope", envelope);
        old.put("type", new GenericData.EnumSymbol(older.getField("type").schema(), "PAID"));
        old.put("order_id", "o-1");
        old.put("amount", ByteBuffer.wrap(new BigDecimal("1234.5000").unscaledValue().toByteArray()));
        ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old);
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);

        OrderEvent read = new SingleObjectAvroSerde<>(OrderEvent.class, catalog).deserializer().deserialize("t", bytes);

        assertThat(read.getItemCount()).isNull();
        assertThat(read.getCurrency()).isNull();
        assertThat(read.getAmount()).isEqualByComparingTo("1234.5");
        assertThat(read.getEnvelope().getOccurredAt()).isEqualTo(AT);
    }

    @Test
    void shouldNameTheTypeWhenTheWriterSchemaIsUnknown() {
        byte[] bytes = new SingleObjectAvroSerde<>(OrderEvent.class, SchemaCatalog.bundled()).serializer().serialize("t", order());
        bytes[5] ^= 0x5A; // corrupt the fingerprint

        assertThatThrownBy(() -> new SingleObjectAvroSerde<>(OrderEvent.class, SchemaCatalog.bundled())
                .deserializer().deserialize("pulse.events.order", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("OrderEvent").hasMessageContaining("pulse.events.order");
    }

    @Test
    void shouldRefuseAFactoryThatIsNotASerdeFactory() {
        assertThatThrownBy(() -> SerdeFactory.named("java.lang.String", java.util.Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pulse.serde.factory");
    }
}
