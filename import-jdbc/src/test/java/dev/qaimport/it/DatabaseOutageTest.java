package dev.qaimport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.ImportException;
import dev.qaimport.QaImport;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.spi.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database that fails for longer than the retries of a batch: the job ends FAILED with the
 * reason and keeps its committed rows and its upload, and retry continues after them; a
 * database that cannot even record the failure leaves the job to recovery.
 */
class DatabaseOutageTest {
    private final DataSource ds = Fixture.h2();
    private final FaultyStore store = new FaultyStore(Fixture.store(ds));
    private final QaImport qa = QaImport.builder().store(store).autoStart(false).recoveryInterval(java.time.Duration.ZERO)
            .batchSize(10).leaseDuration(java.time.Duration.ofSeconds(5)).shutdownTimeout(java.time.Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        qa.close();
    }

    private UUID start(int rows) {
        return qa.startImport("faq.csv", Fixture.csv(rows).getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void aDatabaseThatStaysDownFailsTheJobWithTheReasonKeepingItsRowsAndRetryContinuesAfterThem() {
        UUID id = start(50);
        // The third batch and every retry of it fail (a batch is tried four times).
        store.failTransaction(3, StoreException.Kind.TRANSIENT, 4);

        ImportJob failed = qa.processImport(id);

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.errorMessage()).startsWith(ErrorCodes.DATABASE_UNAVAILABLE + ": faq.csv: the database kept failing")
                .contains("injected failure").contains("the 20 rows committed before are kept").contains("retry(jobId)");
        assertThat(failed.processedRows()).isEqualTo(20);
        assertThat(store.queries().countPairs(id)).isEqualTo(20);

        ImportJob reopened = qa.retry(id);
        assertThat(reopened.status()).isEqualTo(JobStatus.PENDING);
        assertThat(reopened.errorMessage()).isNull();
        ImportJob done = qa.processImport(id);

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.successCount()).isEqualTo(50);
        assertThat(done.processedRows()).isEqualTo(50);
        List<QAPair> pairs = store.queries().pairsOfJob(id, 0, 1_000);
        Set<Long> rows = new HashSet<>();
        pairs.forEach(p -> rows.add(p.sourceRow()));
        assertThat(pairs).hasSize(50);
        assertThat(rows).as("every row exactly once").hasSize(50);
    }

    @Test
    void aDatabaseThatCannotEvenRecordTheFailureLeavesTheJobProcessingForRecoveryAndSaysSo() {
        UUID id = start(50);
        // Down for good from the third batch on, so that marking the job fails too.
        store.failTransaction(3, StoreException.Kind.TRANSIENT, 1_000).failJobWrites(true);

        assertThatThrownBy(() -> qa.processImport(id)).isInstanceOf(ImportException.class)
                .satisfies(e -> assertThat(((ImportException) e).code()).isEqualTo(ErrorCodes.DATABASE_UNAVAILABLE))
                .hasMessageContaining("stays PROCESSING").hasMessageContaining("up to row 20");

        store.failJobWrites(false);
        ImportJob job = qa.getJob(id).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(job.processedRows()).isEqualTo(20);
        assertThat(store.queries().countPairs(id)).isEqualTo(20);
    }

    @Test
    void aJobWhoseUploadWasDeletedCannotBeRetriedAndTheMessageSaysWhy() {
        UUID id = qa.startImport("broken.csv", "no,usable,columns\n1,2,3\n".getBytes(StandardCharsets.UTF_8), null);
        assertThat(qa.processImport(id).status()).isEqualTo(JobStatus.FAILED);

        assertThatThrownBy(() -> qa.retry(id)).isInstanceOf(ImportException.class)
                .hasMessageContaining("cannot be retried: its upload was deleted when it ended");
        assertThat(qa.getJob(id).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void onlyAFailedOrCancelledJobCanBeRetried() {
        UUID id = start(5);
        assertThatThrownBy(() -> qa.retry(id)).isInstanceOf(ImportException.class).hasMessageContaining("is PENDING");
        qa.processImport(id);
        assertThatThrownBy(() -> qa.retry(id)).isInstanceOf(ImportException.class).hasMessageContaining("is COMPLETED");
        assertThatThrownBy(() -> qa.retry(UUID.randomUUID())).isInstanceOf(ImportException.class);
    }
}
