package io.crmpulse.api;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * How far the pipeline has got, given with every answer so that a client knows what the figures cover.
 *
 * @param countedThrough     the counters are complete through this instant: every counter delta of every event and
 *                           deadline the lifecycle recognised up to it has been applied (a watermark each lifecycle
 *                           task sends behind its deltas); null until every counter task has heard from every
 *                           lifecycle task
 * @param streamTime         the lifecycle has recognised every customer's transitions up to this instant (customer
 *                           answers are read from that state directly); null before the first event
 * @param unprocessedRecords records in the pipeline's input and internal topics not yet processed and committed, over
 *                           every instance; 0 when the pipeline has caught up
 */
public record Progress(Instant countedThrough, Instant streamTime, long unprocessedRecords) {

    /**
     * One instance's part, as instances send it to each other: {@code countedThrough} by
     * {@code COUNTER_PARTITION:LIFECYCLE_PARTITION}, the lifecycle clock by partition, its unprocessed records.
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Local(Map<String, Long> countedThrough, Map<String, Long> clock, long unprocessedRecords) {
    }

    /**
     * The whole from every instance's part: counted through the least instant of all when every counter partition has
     * one from every lifecycle partition ({@code partitions} of each: Kafka Streams sizes the group-deltas topic like
     * the lifecycle's input), else null; stream time the least of the lifecycle partitions.
     */
    static Progress of(List<Local> parts, int partitions) {
        Map<String, Long> counted = new HashMap<>();
        Map<String, Long> clock = new HashMap<>();
        long unprocessed = 0;
        for (Local part : parts) {
            counted.putAll(part.countedThrough());
            clock.putAll(part.clock());
            unprocessed += part.unprocessedRecords();
        }
        boolean complete = partitions > 0 && counted.size() >= partitions * partitions;
        return new Progress(complete ? least(counted) : null, least(clock), unprocessed);
    }

    private static Instant least(Map<String, Long> instants) {
        return instants.values().stream().min(Long::compare).map(Instant::ofEpochMilli).orElse(null);
    }

    /**
     * The last measure, reused for up to 100 ms: measuring asks every instance (and reads its metrics), and a
     * measure that old is still true (the counters were complete through its instant then, so they are now). One
     * caller measures at a time; meanwhile the others take the last measure.
     */
    static final class Reused {

        private static final long REUSE_NANOS = 100_000_000L;

        private record Measured(Progress progress, long atNanos) {
        }

        private final ReentrantLock measuring = new ReentrantLock();
        private volatile Measured last;

        Progress get(Supplier<Progress> measure) {
            Measured seen = last;
            if (fresh(seen)) {
                return seen.progress();
            }
            if (seen != null && !measuring.tryLock()) {
                return seen.progress();
            }
            if (seen == null) {
                measuring.lock();
            }
            try {
                Measured again = last;
                if (fresh(again)) {
                    return again.progress();
                }
                long at = System.nanoTime();
                Progress progress = measure.get();
                last = new Measured(progress, at);
                return progress;
            } finally {
                measuring.unlock();
            }
        }

        private static boolean fresh(Measured measured) {
            return measured != null && System.nanoTime() - measured.atNanos() < REUSE_NANOS;
        }
    }

    /** The same two as {@link #putInto} as headers of a CSV answer, which has no room for them in its body. */
    <T> MutableHttpResponse<T> putInto(MutableHttpResponse<T> csv, Instant asOf) {
        return csv.header("X-As-Of", asOf == null ? "" : asOf.toString())
                .header("X-Unprocessed-Records", Long.toString(unprocessedRecords));
    }

    /** Puts {@code as_of} ({@code asOf}: one of the instants above, as the answer reads) and {@code unprocessed_records}. */
    void putInto(Map<String, Object> body, Instant asOf) {
        body.put("as_of", asOf == null ? null : asOf.toString());
        body.put("unprocessed_records", unprocessedRecords);
    }
}
