package dev.qaimport.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix milliseconds, then random bits. Rows
 * inserted together get neighbouring keys, so primary-key B-trees (InnoDB's clustered index above
 * all) append instead of splitting pages at random places, and ids still need no coordination
 * between processes.
 */
public final class Ids {
    private Ids() {
    }

    public static UUID next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        long msb = (millis << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
