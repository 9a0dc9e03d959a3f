package dev.qaimport.micrometer;

import dev.qaimport.CollectionName;
import dev.qaimport.QaImport;
import dev.qaimport.micrometer.internal.CachedCounts;
import dev.qaimport.micrometer.internal.MeterObserver;
import dev.qaimport.model.ImportCounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The meters of a {@link QaImport} in a Micrometer {@link MeterRegistry}, bound in one call and
 * removed again by {@link #close()}:
 *
 * <pre>{@code
 * QaImportMetrics metrics = QaImportMetrics.bind(qa, registry);   // after QaImport.builder()...build()
 * ...
 * metrics.close();                                              // before qa.close(), or never
 * }</pre>
 *
 * <p>Counters and timers cover every collection the instance works in, tagged with it; the gauges
 * read the database, once per {@link Builder#gaugeTtl} at most whatever the scrape rate, for
 * the instance's collection unless {@link Builder#gaugeCollections} names others. The meters and
 * their tags are listed in the README's "Metrics" section. Bind an instance once per registry: a
 * second binding would count everything twice. Immutable and thread-safe.
 */
public final class QaImportMetrics implements AutoCloseable {
    private final QaImport qa;
    private final MeterObserver observer;
    /** Held here: gauges keep only weak references to what they read. */
    private final List<CachedCounts> counts;
    private boolean closed;

    private QaImportMetrics(QaImport qa, MeterObserver observer, List<CachedCounts> counts) {
        this.qa = qa;
        this.observer = observer;
        this.counts = List.copyOf(counts);
    }

    /** Binds {@code qa} to {@code registry} with the defaults of {@link #builder}. */
    public static QaImportMetrics bind(QaImport qa, MeterRegistry registry) {
        return builder(qa, registry).bind();
    }

    /** A builder to bind {@code qa} to {@code registry} with other tags, gauge collections, clock or TTL. */
    public static Builder builder(QaImport qa, MeterRegistry registry) {
        return new Builder(qa, registry);
    }

    /** Stops observing the instance and removes every meter this binding registered. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        qa.removeObserver(observer);
        observer.close();
    }

    /** How often the gauges have read the database so far, for every collection together. */
    public long databaseReads() {
        return counts.stream().mapToLong(CachedCounts::reads).sum();
    }

    @Override
    public String toString() {
        return "QaImportMetrics{" + qa + "}";
    }

    /** Options of a binding; every one has a default. Not thread-safe. */
    public static final class Builder {
        private final QaImport qa;
        private final MeterRegistry registry;
        private Tags tags = Tags.empty();
        private final Set<String> gaugeCollections = new LinkedHashSet<>();
        private Clock clock = Clock.systemUTC();
        private Duration gaugeTtl = Duration.ofSeconds(10);

        private Builder(QaImport qa, MeterRegistry registry) {
            this.qa = Objects.requireNonNull(qa, "qa");
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Tags added to every meter, such as the application's name; default none. Keep them
         * bounded: never a file name, a job id or anything a user typed.
         */
        public Builder tags(Iterable<Tag> tags) {
            this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
            return this;
        }

        /**
         * The collections whose queued, running and stale jobs and pending embeddings the gauges
         * show, each tagged with its collection; default the instance's own collection.
         *
         * @throws IllegalArgumentException for a name {@link CollectionName#check} refuses
         */
        public Builder gaugeCollections(String... collections) {
            gaugeCollections.clear();
            for (String c : collections) {
                gaugeCollections.add(CollectionName.check(c));
            }
            return this;
        }

        /** The time source of the gauges' cache; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long the gauges keep a database read before they read again; default 10 s.
         * {@link Duration#ZERO} reads on every scrape.
         */
        public Builder gaugeTtl(Duration gaugeTtl) {
            Objects.requireNonNull(gaugeTtl, "gaugeTtl");
            if (gaugeTtl.isNegative()) {
                throw new IllegalArgumentException("gaugeTtl < 0: " + gaugeTtl);
            }
            this.gaugeTtl = gaugeTtl;
            return this;
        }

        /** Registers the gauges and starts observing the instance: from now on its work is counted. */
        public QaImportMetrics bind() {
            MeterObserver observer = new MeterObserver(registry, tags);
            List<CachedCounts> all = new ArrayList<>();
            Set<String> collections = gaugeCollections.isEmpty() ? Set.of(qa.collection()) : gaugeCollections;
            for (String collection : collections) {
                QaImport view = collection.equals(qa.collection()) ? qa : qa.inCollection(collection);
                CachedCounts counts = new CachedCounts(view::counts, clock, gaugeTtl);
                all.add(counts);
                Tags c = tags.and("collection", collection);
                gauge(observer, "qaimport.jobs.queued", "Jobs waiting for a worker", counts, ImportCounts::queuedJobs, c);
                gauge(observer, "qaimport.jobs.running", "Jobs a worker holds a valid lease on", counts, ImportCounts::runningJobs, c);
                gauge(observer, "qaimport.jobs.stale", "Jobs whose worker's lease expired (it died); recovery resumes them",
                        counts, ImportCounts::staleJobs, c);
                gauge(observer, "qaimport.embeddings.pending", "Pairs waiting for their vector", counts,
                        ImportCounts::pendingEmbeddings, c);
            }
            QaImportMetrics metrics = new QaImportMetrics(qa, observer, all);
            qa.addObserver(observer);
            return metrics;
        }

        private void gauge(MeterObserver observer, String name, String description, CachedCounts counts,
                ToLongFunction<ImportCounts> which, Tags tags) {
            observer.track(Gauge.builder(name, counts, c -> c.get(which)).description(description).tags(tags).register(registry));
        }
    }
}
