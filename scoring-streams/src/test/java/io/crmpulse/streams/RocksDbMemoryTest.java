package io.crmpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every RocksDB store of the topology shares the one block cache of the budget, not a cache of its own. */
class RocksDbMemoryTest {

    @Test
    void shouldGiveEveryPersistentStoreTheOneSharedCache() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            pipeline.order("c1", "2024-05-10T09:00:00Z", "SH").sendDeltas();

            List<Object> capacities = pipeline.driver().metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("block-cache-capacity")).map(e -> e.getValue().metricValue()).toList();

            // Kafka Streams' default would be 50 MiB per store; every store reports the one cache of 64 MiB instead.
            assertThat(capacities).hasSizeGreaterThan(10).allSatisfy(c -> assertThat(c).isEqualTo(BigInteger.valueOf(64L << 20)));
        }
    }
}
