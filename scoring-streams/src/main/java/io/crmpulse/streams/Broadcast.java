package io.crmpulse.streams;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Multicast: a record that {@code toEvery} accepts goes to every partition of its topic; any other where Kafka's
 * default partitioner puts its key (so that interactive queries find it by key).
 */
public final class Broadcast<K, V> implements StreamPartitioner<K, V> {

    private final Predicate<V> toEvery;

    private Broadcast(Predicate<V> toEvery) {
        this.toEvery = toEvery;
    }

    /** Every record to every partition. */
    public static <K, V> Broadcast<K, V> always() {
        return new Broadcast<>(value -> true);
    }

    /** The records {@code toEvery} accepts to every partition, the others by key. */
    public static <K, V> Broadcast<K, V> when(Predicate<V> toEvery) {
        return new Broadcast<>(toEvery);
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions) {
        return toEvery.test(value) ? Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet())) : Optional.empty();
    }
}
