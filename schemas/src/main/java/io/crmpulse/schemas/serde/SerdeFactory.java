package io.crmpulse.schemas.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Makes the value serde of each Avro record type. The default writes Apache Avro single-object
 * encoding ({@link SingleObjectSerdeFactory}); a user with a Confluent Schema Registry plugs in a
 * factory that returns its {@code SpecificAvroSerde}, named by the setting {@code pulse.serde.factory}.
 */
public interface SerdeFactory {

    /** Receives every {@code pulse.serde.*} setting (for example a registry URL) before first use. */
    default void configure(Map<String, String> settings) {
    }

    <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type);

    /** The factory named by class, or the default when {@code className} is null or blank. */
    static SerdeFactory named(String className, Map<String, String> settings) {
        SerdeFactory factory;
        if (className == null || className.isBlank()) {
            factory = new SingleObjectSerdeFactory();
        } else {
            try {
                Class<?> type = Class.forName(className.strip());
                if (!SerdeFactory.class.isAssignableFrom(type)) {
                    throw new IllegalArgumentException("pulse.serde.factory: " + className + " does not implement " + SerdeFactory.class.getName());
                }
                factory = (SerdeFactory) type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("pulse.serde.factory: cannot create " + className + ": " + e, e);
            }
        }
        factory.configure(settings);
        return factory;
    }
}
