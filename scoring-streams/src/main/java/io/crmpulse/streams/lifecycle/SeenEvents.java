package io.crmpulse.streams.lifecycle;

import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The events the lifecycle has applied, by stream, source and event id, so that a repeat changes nothing.
 *
 * <p>Without lifecycle.max-lateness any event may arrive at any time, so every id is kept for good. With
 * it, an event further behind its partition's latest event is rejected as LATE anyway, so an id is only needed while its
 * event could still be on time: ids live in a window store at their event time, whose retention
 * (max-lateness) drops old segments, and the store stays bounded. A repeat arriving after that is older
 * than max-lateness, so it is rejected as LATE instead of applied twice.
 */
interface SeenEvents {

    boolean contains(String key, long eventTime);

    void add(String key, long eventTime);

    static SeenEvents forever(KeyValueStore<String, Long> store) {
        return new SeenEvents() {
            @Override
            public boolean contains(String key, long eventTime) {
                return store.get(key) != null;
            }

            @Override
            public void add(String key, long eventTime) {
                store.put(key, eventTime);
            }
        };
    }

    /** A repeat of an event has the event's own time, so it is looked up at exactly that instant. */
    static SeenEvents withinLateness(WindowStore<String, Long> store) {
        return new SeenEvents() {
            @Override
            public boolean contains(String key, long eventTime) {
                // The epoch-millisecond fetch: the Instant one validates its bounds with a formatted message on every call.
                try (WindowStoreIterator<Long> it = store.fetch(key, eventTime, eventTime)) {
                    return it.hasNext();
                }
            }

            @Override
            public void add(String key, long eventTime) {
                store.put(key, eventTime, eventTime);
            }
        };
    }
}
