package dev.qaimport.benchmarks;

/**
 * One way of embedding FAQ texts through the stub provider, run by the harness as a child JVM.
 * {@link #run} is only ever called inside the child, once per process.
 */
public interface EmbeddingContender {
    /** The short name used on the command line and in reports. */
    String id();

    /** What this contender does, in one Markdown paragraph for {@code docs/BENCHMARKS.md}. */
    String description();

    /** Requests this contender keeps in flight; with the provider's latency and cap it gives the limit. */
    int concurrency();

    /** The database this contender stores into (those that store nothing ignore it). */
    default Database database() {
        return Database.H2;
    }

    /** Embeds the first {@code spec.texts()} rows of {@code spec.csv()} and reports what it did. */
    EmbeddingOutcome run(EmbeddingSpec spec) throws Exception;
}
