package dev.qaimport.benchmarks.qaimport;

import dev.qaimport.QaImport;
import dev.qaimport.benchmarks.Contenders;
import dev.qaimport.benchmarks.Database;
import dev.qaimport.benchmarks.ImportContender;
import dev.qaimport.benchmarks.ImportOutcome;
import dev.qaimport.benchmarks.ImportSpec;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.SourceType;
import java.time.Duration;
import java.util.UUID;

/**
 * qa-import as its users run it: {@code startImport} stores the file with the job, then
 * {@code processImport} streams, sanitizes, validates, de-duplicates and writes it in committed
 * batches, with the job's counts and checkpoint in each batch's transaction. Embeddings are off
 * (measured separately).
 */
public final class QaImportContender implements ImportContender {
    @Override
    public String id() {
        return Contenders.QA_IMPORT;
    }

    @Override
    public String description() {
        return "The library under test through its public API: `JdbcImportStore` on its own HikariCP pool (on PostgreSQL with "
                + "`reWriteBatchedInserts=true`), `QaImport.startImport` (which first stores the whole file in the database as the "
                + "job's durable payload), then `processImport`: a parser thread, sanitizing (jsoup, safe-HTML answers) and validation "
                + "on both cores, and one transaction per batch holding the lease check, the duplicate lookup (one indexed query), "
                + "the pairs, the row errors and the job's counters and checkpoint. No embeddings.";
    }

    @Override
    public boolean supports(Database database) {
        return true;
    }

    @Override
    public String errorsTable() {
        return "import_row_errors";
    }

    @Override
    public ImportOutcome run(ImportSpec spec) {
        try (JdbcImportStore store = JdbcImportStore.builder(spec.jdbcUrl(), spec.user(), spec.password()).installSchema(true).build();
                QaImport qa = QaImport.builder().store(store).batchSize(spec.batchSize()).autoStart(false)
                        .recoveryInterval(Duration.ZERO).build()) {
            UUID id = qa.startImport(spec.csv(), SourceType.CSV);
            ImportJob job = qa.processImport(id);
            if (job.status() != JobStatus.COMPLETED) {
                throw new IllegalStateException("qa-import ended " + job.status() + ": " + job.errorMessage());
            }
            return new ImportOutcome(job.totalRows(), job.successCount(), job.errorCount(), job.skippedCount());
        }
    }
}
