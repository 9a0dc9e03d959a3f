package dev.qaimport.examples.cli;

import dev.qaimport.QaImport;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How a command that runs jobs runs them: {@code --batch-size} and the advanced
 * {@code --lease-seconds}. Shared by {@code import}, {@code resume} and {@code worker}, because a
 * job resumed or taken over by another process runs with that process's settings.
 */
public final class RunOptions {
    /** The default lease, as {@link QaImport.Builder#leaseDuration}'s. */
    static final int DEFAULT_LEASE_SECONDS = 60;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per transaction (default 50). Larger batches commit "
            + "less often, which is faster where every commit waits for the disk (PostgreSQL, MariaDB).")
    Integer batchSize;

    @Option(names = "--lease-seconds", paramLabel = "N", description = "Advanced: how long this process's claim on a job lasts "
            + "without renewal (default " + DEFAULT_LEASE_SECONDS + "). It is renewed with every batch and every third of this time; "
            + "if the process dies, 'qa-import resume' or a worker takes the job over this long after the last renewal.")
    Integer leaseSeconds;

    /** Checks the values; called before anything is opened. */
    void validate() {
        if (batchSize != null && (batchSize < 1 || batchSize > 10_000)) {
            throw new UsageException("--batch-size must be between 1 and 10000, not " + batchSize);
        }
        if (leaseSeconds != null && leaseSeconds < 1) {
            throw new UsageException("--lease-seconds must be at least 1, not " + leaseSeconds);
        }
    }

    /** The builder with the values given on the command line; the builder's defaults otherwise. */
    QaImport.Builder apply(QaImport.Builder b) {
        validate();
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (leaseSeconds != null) {
            b.leaseDuration(Duration.ofSeconds(leaseSeconds));
        }
        return b;
    }
}
