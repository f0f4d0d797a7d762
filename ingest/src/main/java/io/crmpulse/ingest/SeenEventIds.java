package io.crmpulse.ingest;

/**
 * The event ids of one run, each with the hash of the raw record that carried it, to tell an identical
 * repeat (a duplicate) from a different record reusing the id (rejected as DUPLICATE_EVENT_ID).
 *
 * <p>A file of millions of rows would cost a map entry, a string and a boxed hash per row, and the
 * garbage collector's copying of them stole a tenth of the run. Ids are kept instead as 64-bit
 * fingerprints in an open-addressing table of primitives (12 bytes per id at most half full). Two ids
 * share a fingerprint with probability about n²/2⁶⁵ (3·10⁻⁸ for a million ids); such a pair is
 * rejected as DUPLICATE_EVENT_ID into the dead-letter topic, never dropped, and also needs equal raw
 * hashes to be miscounted as a duplicate — the same 32-bit hash comparison that tells duplicates from
 * conflicts for true repeats.
 */
final class SeenEventIds {

    /** What {@link #remember} returns for an id not seen before. */
    static final long NEW = Long.MIN_VALUE;

    private long[] fingerprints = new long[1 << 16];
    private int[] rawHashes = new int[1 << 16];
    private int size;

    /** Records {@code eventId} with {@code rawHash}; returns {@link #NEW}, or the raw hash it was first seen with. */
    long remember(String eventId, int rawHash) {
        if (2 * (size + 1) > fingerprints.length) {
            grow();
        }
        long fingerprint = fingerprint(eventId);
        int mask = fingerprints.length - 1;
        for (int slot = (int) fingerprint & mask; ; slot = (slot + 1) & mask) {
            if (fingerprints[slot] == 0) {
                fingerprints[slot] = fingerprint;
                rawHashes[slot] = rawHash;
                size++;
                return NEW;
            }
            if (fingerprints[slot] == fingerprint) {
                return rawHashes[slot];
            }
        }
    }

    private void grow() {
        long[] oldFingerprints = fingerprints;
        int[] oldHashes = rawHashes;
        fingerprints = new long[oldFingerprints.length * 2];
        rawHashes = new int[oldFingerprints.length * 2];
        int mask = fingerprints.length - 1;
        for (int i = 0; i < oldFingerprints.length; i++) {
            long f = oldFingerprints[i];
            if (f != 0) {
                int slot = (int) f & mask;
                while (fingerprints[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                fingerprints[slot] = f;
                rawHashes[slot] = oldHashes[i];
            }
        }
    }

    /** FNV-1a over the characters, finished with MurmurHash3's mixer; never 0 (0 marks a free slot). */
    static long fingerprint(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
