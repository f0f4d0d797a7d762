package io.crmpulse.streams.lifecycle;

import io.crmpulse.streams.StoreNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The customers' next deadlines ({@link StoreNames#LIFECYCLE_DUE}): the instant at which each customer's figures next
 * change without an event. Keys are the big-endian deadline then the customer id, so the index reads in deadline
 * order and stream time reaching a deadline costs a read of the deadlines due, not a scan of all customers.
 *
 * <p>It also remembers a bound before which no deadline lies, found by reading an hour past stream time, so that
 * stream time moving on short of it, as it does with nearly every record of a replay, reads nothing. The bound is
 * unknown after a start, when the first read finds it. A read only as far as needed matters: the record cache copies
 * the keys of every range it is asked for, so a read to the end of the index cost more than all it saved.
 */
final class DueIndex {

    private static final long LOOKAHEAD = Duration.ofHours(1).toMillis();

    private final KeyValueStore<Bytes, byte[]> store;
    /** No deadline before this is in the index; Long.MIN_VALUE while unknown. */
    private long earliest = Long.MIN_VALUE;

    DueIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** Moves a customer's deadline from {@code before} to {@code after} (either null: none). */
    void move(String customerId, Long before, Long after) {
        if (before != null && !before.equals(after)) {
            store.delete(key(before, customerId));
        }
        if (after != null) {
            store.put(key(after, customerId), new byte[0]);
            earliest = Math.min(earliest, after);
        }
    }

    /**
     * The customers whose deadline lies in [{@code from}, {@code upTo}], in deadline order. Deadlines are always
     * entered after the stream time of their entry, so a caller that has read up to some stream time starts after it:
     * from the start, a read would step over every deleted deadline (replaying 350,000 orders, that was nearly all of
     * the lifecycle's time).
     */
    List<String> due(long from, long upTo) {
        List<String> customers = new ArrayList<>();
        if (upTo < earliest) {
            return customers;
        }
        earliest = upTo + LOOKAHEAD + 1;
        try (KeyValueIterator<Bytes, byte[]> it = store.range(bound(from), bound(earliest))) {
            while (it.hasNext()) {
                ByteBuffer key = ByteBuffer.wrap(it.next().key.get());
                long deadline = key.getLong();
                if (deadline > upTo) {
                    earliest = deadline;
                    break;
                }
                customers.add(StandardCharsets.UTF_8.decode(key).toString());
            }
        }
        return customers;
    }

    /** The smallest key of a deadline: no customer id sorts before the empty one. */
    private static Bytes bound(long deadline) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(deadline).array());
    }

    private static Bytes key(long deadline, String customerId) {
        byte[] id = customerId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(deadline).put(id).array());
    }
}
