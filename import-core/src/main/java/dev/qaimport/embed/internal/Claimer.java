package dev.qaimport.embed.internal;

import dev.qaimport.spi.EmbeddingRepository.PendingPair;
import java.time.Instant;
import java.util.List;

/** Claims pending pairs for one run: those of a job, of every job, or a caller's list. */
@FunctionalInterface
interface Claimer {
    /** Up to {@code limit} pairs, reserved for this worker until {@code until}; empty when none is left. */
    List<PendingPair> claim(int limit, Instant now, Instant until);
}
