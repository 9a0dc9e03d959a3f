package dev.qaimport.micrometer.internal;

import dev.qaimport.model.ImportCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database counts behind the gauges, read at most once per {@code ttl} of the injected clock
 * however often the registry is scraped: the four gauges of a collection share one read. A read
 * that fails is cached too (the gauges show NaN until the next one), so that a database in
 * trouble is not asked again on every scrape. Thread-safe.
 */
public final class CachedCounts {
    private static final Logger LOG = LoggerFactory.getLogger(CachedCounts.class);

    private final Supplier<ImportCounts> source;
    private final Clock clock;
    private final Duration ttl;
    private ImportCounts value;
    private Instant readAt;
    private long reads;

    /** Counts from {@code source}, kept for {@code ttl} of {@code clock}. */
    public CachedCounts(Supplier<ImportCounts> source, Clock clock, Duration ttl) {
        this.source = source;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The counts, read again when the last read is {@code ttl} old; {@code null} when that read failed. */
    public synchronized ImportCounts get() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(ttl))) {
            readAt = now;
            reads++;
            try {
                value = source.get();
            } catch (UnsupportedOperationException e) {
                LOG.debug("no job counts: {}", e.getMessage());
                value = null;
            } catch (RuntimeException e) {
                LOG.warn("reading the job counts for the gauges failed; they show NaN for {}: {}", ttl, e.toString());
                value = null;
            }
        }
        return value;
    }

    /** One of the counts, or NaN when they could not be read. */
    public double get(ToLongFunction<ImportCounts> which) {
        ImportCounts c = get();
        return c == null ? Double.NaN : which.applyAsLong(c);
    }

    /** How often the database was read. */
    public synchronized long reads() {
        return reads;
    }
}
