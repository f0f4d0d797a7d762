package io.crmpulse.schemas.serde;

import io.crmpulse.schemas.SchemaCatalog;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** The default: Avro single-object encoding resolved against the bundled {@link SchemaCatalog}. */
public final class SingleObjectSerdeFactory implements SerdeFactory {

    private final Map<Class<?>, Serde<?>> serdes = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        return (Serde<T>) serdes.computeIfAbsent(type, t -> new SingleObjectAvroSerde<>(type, SchemaCatalog.bundled()));
    }
}
