package io.crmpulse.ingest;

import java.util.BitSet;

/**
 * How many leading records of a file are done: records are acknowledged in any order (partitions
 * answer independently), and the prefix advances only over an unbroken run of acknowledgements.
 */
final class AckedPrefix {

    private final BitSet acked = new BitSet();
    private final long start;
    private long prefix;

    /** Counting from record {@code start} (records before it were done by an earlier run). */
    AckedPrefix(long start) {
        this.start = start;
        this.prefix = start;
    }

    synchronized void ack(long record) {
        acked.set((int) (record - start));
        while (acked.get((int) (prefix - start))) {
            prefix++;
        }
    }

    synchronized long prefix() {
        return prefix;
    }
}
