package dev.qaimport.benchmarks;

import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * What an import contender is given inside its child JVM: an empty database, the CSV file and
 * the batch size. The password never appears in {@link #toString()}.
 *
 * @param database  which database {@code jdbcUrl} points at
 * @param jdbcUrl   a fresh, empty database or schema (variant properties already added)
 * @param user      database user
 * @param password  database password (may be empty)
 * @param csv       the FAQ CSV ({@code question,answer,category,tags})
 * @param batchSize rows per committed batch (chunk)
 * @param runId     a fresh id for this run, usable as the import job id
 */
public record ImportSpec(Database database, String jdbcUrl, String user, String password, Path csv, int batchSize, UUID runId) {
    public ImportSpec {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(runId, "runId");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize < 1: " + batchSize);
        }
    }

    @Override
    public String toString() {
        return "ImportSpec[" + database.id() + " " + jdbcUrl + " user=" + user + " csv=" + csv + " batchSize=" + batchSize + "]";
    }
}
