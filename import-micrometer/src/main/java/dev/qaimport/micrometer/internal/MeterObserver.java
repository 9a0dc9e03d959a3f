package dev.qaimport.micrometer.internal;

import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ImportJob;
import dev.qaimport.spi.EmbeddingRequestEvent;
import dev.qaimport.spi.ImportObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what a {@code QaImport} tells its observers into meters. Meters are registered the first
 * time a tag combination is seen and then looked up without allocating: by collection for
 * batches and jobs, by profile for embeddings. Every tag value is bounded: a collection, a job
 * status, an outcome, a provider kind, a model name; never a file name, a text, an id or a key.
 * Thread-safe. After {@link #close()} it registers nothing more and removes what it registered.
 */
public final class MeterObserver implements ImportObserver, AutoCloseable {
    private final MeterRegistry registry;
    private final Tags common;
    private final Set<Meter> registered = ConcurrentHashMap.newKeySet();
    private final Map<String, BatchMeters> batches = new ConcurrentHashMap<>();
    private final Map<String, Counter> jobsFinished = new ConcurrentHashMap<>();
    private final Map<String, Timer> jobTimers = new ConcurrentHashMap<>();
    private final Map<EmbeddingProfile, EmbeddingMeters> embeddings = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** An observer that registers its meters with {@code registry}, each with the {@code common} tags too. */
    public MeterObserver(MeterRegistry registry, Tags common) {
        this.registry = registry;
        this.common = common;
    }

    /** Keeps {@code meter} to remove it on {@link #close()}, or removes it at once if that has begun; returns it. */
    public <M extends Meter> M track(M meter) {
        registered.add(meter);
        if (closed) {
            // Registered by an event that raced with close(), which may have passed it by.
            registry.remove(meter);
        }
        return meter;
    }

    @Override
    public void onBatchCommitted(BatchCommitted batch) {
        BatchMeters m = batches.get(batch.collection());
        if (m == null) {
            if (closed) {
                return;
            }
            m = batches.computeIfAbsent(batch.collection(), BatchMeters::new);
        }
        m.created.increment(batch.created());
        m.updated.increment(batch.updated());
        m.skipped.increment(batch.skipped());
        m.rejected.increment(batch.rejected());
        m.batches.increment();
        m.commit.record(batch.duration());
    }

    @Override
    public void onJobFinished(ImportJob job) {
        if (closed) {
            return;
        }
        String key = job.collection() + '\u0000' + job.status();
        Tags tags = Tags.of("collection", job.collection(), "status", job.status().name().toLowerCase(java.util.Locale.ROOT));
        jobsFinished.computeIfAbsent(key, k -> track(Counter.builder("qaimport.jobs.finished")
                .description("Jobs that reached a terminal state, by that state")
                .tags(common).tags(tags).register(registry))).increment();
        Instant from = job.startedAt() != null ? job.startedAt() : job.createdAt();
        Instant to = job.completedAt() != null ? job.completedAt() : job.updatedAt();
        if (from != null && to != null && !to.isBefore(from)) {
            jobTimers.computeIfAbsent(key, k -> track(Timer.builder("qaimport.job")
                    .description("Jobs from a worker's first claim to their terminal state, by that state")
                    .tags(common).tags(tags).register(registry))).record(Duration.between(from, to));
        }
    }

    @Override
    public void onEmbeddingsCommitted(EmbeddingsCommitted commit) {
        EmbeddingMeters m = embedding(commit.profile());
        if (m != null) {
            m.cacheHits.increment(commit.cacheHits());
            m.embedded.increment(commit.embedded());
            m.failed.increment(commit.failed());
        }
    }

    @Override
    public void onRequest(EmbeddingRequestEvent event) {
        EmbeddingMeters m = embedding(event.profile());
        if (m == null) {
            return;
        }
        m.requests[event.outcome().ordinal()].increment();
        m.latency.record(event.latency());
        if (event.outcome() == EmbeddingRequestEvent.Outcome.OK) {
            m.inputs.record(event.inputs());
            if (event.tokens() >= 0) {
                m.tokens.record(event.tokens());
            }
        }
    }

    @Override
    public void onRateLimitWait(EmbeddingProfile profile, Duration waited) {
        EmbeddingMeters m = embedding(profile);
        if (m != null) {
            m.rateLimitWait.record(waited);
        }
    }

    private EmbeddingMeters embedding(EmbeddingProfile profile) {
        EmbeddingMeters m = embeddings.get(profile);
        if (m == null && !closed) {
            m = embeddings.computeIfAbsent(profile, EmbeddingMeters::new);
        }
        return m;
    }

    /** Registers nothing more and removes every meter registered so far. */
    @Override
    public void close() {
        closed = true;
        for (Meter m : registered) {
            registry.remove(m);
        }
        registered.clear();
    }

    private Counter counter(String name, String description, String unit, Tags tags) {
        return track(Counter.builder(name).description(description).baseUnit(unit).tags(common).tags(tags).register(registry));
    }

    /** The meters of the import batches of one collection. */
    private final class BatchMeters {
        final Counter created;
        final Counter updated;
        final Counter skipped;
        final Counter rejected;
        final Counter batches;
        final Timer commit;

        BatchMeters(String collection) {
            Tags c = Tags.of("collection", collection);
            String rows = "Rows of committed import batches, by what became of them";
            created = counter("qaimport.rows", rows, "rows", c.and("outcome", "created"));
            updated = counter("qaimport.rows", rows, "rows", c.and("outcome", "updated"));
            skipped = counter("qaimport.rows", rows, "rows", c.and("outcome", "skipped"));
            rejected = counter("qaimport.rows", rows, "rows", c.and("outcome", "rejected"));
            batches = counter("qaimport.batches", "Committed import batches", "batches", c);
            commit = track(Timer.builder("qaimport.batch.commit").description("Time to commit one import batch, retries included")
                    .tags(common).tags(c).register(registry));
        }
    }

    /** The meters of one embedding provider and model. */
    private final class EmbeddingMeters {
        final Counter[] requests = new Counter[EmbeddingRequestEvent.Outcome.values().length];
        final Timer latency;
        final DistributionSummary inputs;
        final DistributionSummary tokens;
        final Timer rateLimitWait;
        final Counter cacheHits;
        final Counter embedded;
        final Counter failed;

        EmbeddingMeters(EmbeddingProfile profile) {
            Tags p = Tags.of("provider", String.valueOf(profile.provider()), "model", String.valueOf(profile.model()));
            for (EmbeddingRequestEvent.Outcome o : EmbeddingRequestEvent.Outcome.values()) {
                requests[o.ordinal()] = counter("qaimport.embedding.requests", "Attempts of requests to the embedding provider, by outcome",
                        "requests", p.and("outcome", o.tag()));
            }
            latency = track(Timer.builder("qaimport.embedding.request").description("Latency of one attempt of an embedding request")
                    .tags(common).tags(p).register(registry));
            inputs = track(DistributionSummary.builder("qaimport.embedding.request.inputs").baseUnit("inputs")
                    .description("Inputs per successful embedding request").tags(common).tags(p).register(registry));
            tokens = track(DistributionSummary.builder("qaimport.embedding.request.tokens").baseUnit("tokens")
                    .description("Tokens per successful embedding request (as the provider counted, else estimated)")
                    .tags(common).tags(p).register(registry));
            rateLimitWait = track(Timer.builder("qaimport.embedding.ratelimit.wait")
                    .description("Time spent waiting for the provider's rate limits: pacing and the waits 429s ask for")
                    .tags(common).tags(p).register(registry));
            cacheHits = counter("qaimport.embedding.cache.hits", "Pairs whose vector came from the cache, not a request", null, p);
            String pairs = "Pairs the embedding stage committed, by outcome";
            embedded = counter("qaimport.embedding.pairs", pairs, "pairs", p.and("outcome", "embedded"));
            failed = counter("qaimport.embedding.pairs", pairs, "pairs", p.and("outcome", "failed"));
        }
    }
}
