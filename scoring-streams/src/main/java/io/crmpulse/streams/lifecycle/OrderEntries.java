package io.crmpulse.streams.lifecycle;

import java.time.Duration;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * One entry per order (its first activity, or its first payment), so that a later event of the same order is
 * never counted as a new one and an earlier one moves the order to its own instant.
 *
 * <p>Without lifecycle.max-lateness any event of an order may still arrive, so every entry is kept for good.
 * With it, an order's events belong to it within lifecycle.order-lifetime of its entry: entries live in a
 * window store at their instant, and an event at {@code t} looks for its order's entry between
 * {@code t - lifetime} and {@code t + max-lateness} (no accepted event lies further behind an entry already
 * made). The store's retention, max-lateness + lifetime, drops an entry once no accepted event can fall
 * within the lifetime of it, so the state of a customer is bounded by how many orders it places in that
 * time, not in its whole life.
 *
 * @param <V> the entry
 */
interface OrderEntries<V> {

    /** The entry of {@code orderKey} an event at {@code at} belongs to: the earliest found; null for a new order. */
    V find(String orderKey, long at);

    /** Records {@code entry} for {@code orderKey} in place of {@code previous} (null when the order is new). */
    void replace(String orderKey, V previous, V entry);

    static <V> OrderEntries<V> forever(KeyValueStore<String, V> store) {
        return new OrderEntries<>() {
            @Override
            public V find(String orderKey, long at) {
                return store.get(orderKey);
            }

            @Override
            public void replace(String orderKey, V previous, V entry) {
                store.put(orderKey, entry);
            }
        };
    }

    /** @param instant the instant an entry is kept at (the order's activity, or its payment) */
    static <V> OrderEntries<V> withinLifetime(WindowStore<String, V> store, ToLongFunction<V> instant, Duration lifetime, Duration maxLateness) {
        return new OrderEntries<>() {
            @Override
            public V find(String orderKey, long at) {
                // The epoch-millisecond fetch: the Instant one validates its bounds with a formatted message on every call.
                try (WindowStoreIterator<V> it = store.fetch(orderKey, at - lifetime.toMillis(), at + maxLateness.toMillis())) {
                    return it.hasNext() ? it.next().value : null;
                }
            }

            @Override
            public void replace(String orderKey, V previous, V entry) {
                if (previous != null) {
                    store.put(orderKey, null, instant.applyAsLong(previous));
                }
                store.put(orderKey, entry, instant.applyAsLong(entry));
            }
        };
    }

    /** Retention of the window store: an entry is needed while an accepted event can lie within the lifetime after it. */
    static Duration retention(Duration lifetime, Duration maxLateness) {
        return lifetime.plus(maxLateness).plusMillis(1);
    }
}
