package dev.qaimport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.BatchProcessor;
import dev.qaimport.ImportException;
import dev.qaimport.QaImport;
import dev.qaimport.model.BatchResult;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.RowError;
import dev.qaimport.model.SourceType;
import dev.qaimport.spi.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {
    private final DataSource ds = Fixture.h2();
    private final FaultyStore store = new FaultyStore(Fixture.store(ds));
    private QaImport qa;

    @AfterEach
    void close() {
        if (qa != null) {
            qa.close();
        }
    }

    private QaImport qa(int batchSize) {
        qa = QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).batchSize(batchSize).build();
        return qa;
    }

    /** A job for rows the test hands over: created from an empty upload, not started. */
    private static UUID newJob(QaImport qa) {
        return qa.startImport("rows.csv", new byte[0], SourceType.CSV);
    }

    private static List<ParsedQA> rows(int n) {
        List<ParsedQA> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(new ParsedQA(i, i + 1, "Question " + i + "?", "Answer " + i + ".", "General", List.of("t")));
        }
        return rows;
    }

    @Test
    void processesInBatchesRespectingTheBatchSize() {
        QaImport qa = qa(10);
        UUID jobId = newJob(qa);
        int before = store.transactions();

        qa.batchProcessor().process(jobId, rows(25), (p, t) -> { });

        assertThat(store.transactions() - before).isEqualTo(3);
    }

    @Test
    void callsTheProgressCallbackAfterEachBatch() {
        QaImport qa = qa(10);
        List<long[]> calls = new CopyOnWriteArrayList<>();

        qa.batchProcessor().process(newJob(qa), rows(25), (p, t) -> calls.add(new long[] {p, t}));

        assertThat(calls).containsExactly(new long[] {10, 25}, new long[] {20, 25}, new long[] {25, 25});
    }

    @Test
    void reportsAnUnknownTotalForAStreamedSource() {
        QaImport qa = qa(10);
        List<Long> totals = new CopyOnWriteArrayList<>();

        qa.batchProcessor().process(newJob(qa), rows(15).iterator(), (p, t) -> totals.add(t));

        assertThat(totals).containsExactly(-1L, 15L);
    }

    @Test
    void commitsAfterEachBatchSoPartialSuccessSurvivesALaterFailure() {
        QaImport qa = qa(10);
        UUID jobId = newJob(qa);
        store.failTransaction(3, StoreException.Kind.FATAL, 1);

        assertThatThrownBy(() -> qa.batchProcessor().process(jobId, rows(35), (p, t) -> { }))
                .isInstanceOf(StoreException.class).hasMessageContaining("injected failure");

        assertThat(store.queries().countPairs(jobId)).isEqualTo(20);
        ImportJob job = qa.getJob(jobId).orElseThrow();
        assertThat(job.processedRows()).isEqualTo(20);
        assertThat(job.successCount()).isEqualTo(20);
    }

    @Test
    void retriesABatchAfterATransientDatabaseFailure() {
        QaImport qa = qa(10);
        UUID jobId = newJob(qa);
        store.failTransaction(2, StoreException.Kind.TRANSIENT, 1);

        BatchResult r = qa.batchProcessor().process(jobId, rows(30), (p, t) -> { });

        assertThat(r.successCount()).isEqualTo(30);
        assertThat(store.queries().countPairs(jobId)).isEqualTo(30);
    }

    @Test
    void continuesOnARowErrorAndTracksCounts() {
        QaImport qa = qa(10);
        List<ParsedQA> rows = rows(25);
        rows.set(4, new ParsedQA(5, 6, "   ", "An answer", null, List.of()));
        rows.set(17, new ParsedQA(18, 19, "A question?", "<p> </p>", null, List.of()));

        UUID jobId = newJob(qa);
        BatchResult r = qa.batchProcessor().process(jobId, rows, (p, t) -> { });

        assertThat(r.successCount()).isEqualTo(23);
        assertThat(r.errorCount()).isEqualTo(2);
        assertThat(r.createdIds()).hasSize(23).doesNotHaveDuplicates();
        ImportJob job = qa.getJob(jobId).orElseThrow();
        assertThat(job.successCount()).isEqualTo(23);
        assertThat(job.errorCount()).isEqualTo(2);
        assertThat(job.processedRows()).isEqualTo(25);
        assertThat(qa.getErrors(jobId, 0, 10)).extracting(e -> e.row(), e -> e.field()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(5L, "question"), org.assertj.core.groups.Tuple.tuple(18L, "answer"));
    }

    @Test
    void collectsErrorDetailsWithRowLineFieldAndMessage() {
        QaImport qa = qa(10);
        List<ParsedQA> rows = rows(3);
        rows.set(1, new ParsedQA(2, 3, "", "An answer", null, List.of()));
        UUID jobId = newJob(qa);

        BatchResult r = qa.batchProcessor().process(jobId, rows, (p, t) -> { });

        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(2);
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.field()).isEqualTo("question");
            assertThat(e.code()).isEqualTo(ErrorCodes.REQUIRED);
            assertThat(e.message()).containsIgnoringCase("question");
        });
        assertThat(qa.getErrors(jobId, 0, 10)).extracting(RowError::row, RowError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, "question"));
    }

    @Test
    void handlesEmptyInput() {
        QaImport qa = qa(10);
        List<Long> calls = new CopyOnWriteArrayList<>();

        BatchResult r = qa.batchProcessor().process(newJob(qa), List.of(), (p, t) -> calls.add(p));

        assertThat(r.processedCount()).isZero();
        assertThat(calls).isEmpty();
    }

    @Test
    void batchSizeDefaultsTo50AndIsConfigurable() {
        try (QaImport defaults = QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).build()) {
            BatchProcessor p = defaults.batchProcessor();
            assertThat(p.batchSize()).isEqualTo(50);
            List<Long> progress = new CopyOnWriteArrayList<>();
            p.process(newJob(defaults), rows(120), (done, total) -> progress.add(done));
            assertThat(progress).containsExactly(50L, 100L, 120L);
        }
        assertThat(qa(7).batchProcessor().batchSize()).isEqualTo(7);
        assertThatThrownBy(() -> QaImport.builder().batchSize(0)).hasMessage("batchSize < 1: 0");
    }

    @Test
    void isolatesARowTheDatabaseRefusesSoOnlyThatRowFails() {
        QaImport qa = qa(10);
        store.refuseQuestions(q -> q.equals("Question 7?"));
        UUID jobId = newJob(qa);

        BatchResult r = qa.batchProcessor().process(jobId, rows(10), (p, t) -> { });

        assertThat(r.successCount()).isEqualTo(9);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(7);
            assertThat(e.code()).isEqualTo(ErrorCodes.DATABASE_REJECTED);
            assertThat(e.message()).contains("value too long");
        });
        assertThat(store.queries().countPairs(jobId)).isEqualTo(9);
        assertThat(qa.getJob(jobId).orElseThrow().errorCount()).isEqualTo(1);
    }

    @Test
    void aRowThatUpdatesARefusedRowOfItsBatchIsRefusedWithItAndNotCountedAsStored() {
        qa = QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).batchSize(10)
                .duplicatePolicy(dev.qaimport.model.DuplicatePolicy.UPDATE).build();
        store.refuseQuestions(q -> q.equals("Question 7?"));
        List<ParsedQA> rows = new ArrayList<>(rows(8));
        rows.add(new ParsedQA(9, 10, "QUESTION 7?", "A newer answer.", null, List.of()));
        rows.add(new ParsedQA(10, 11, "Question 10?", "Answer 10.", null, List.of()));
        UUID jobId = newJob(qa);

        BatchResult r = qa.batchProcessor().process(jobId, rows, (p, t) -> { });

        assertThat(r.errors()).extracting(e -> e.row()).containsExactly(7L, 9L);
        assertThat(r.errors().get(1).message()).contains("refused row 7, which this row updates");
        assertThat(r.successCount()).isEqualTo(8);
        assertThat(store.queries().countPairs(jobId)).isEqualTo(8);
        ImportJob job = qa.getJob(jobId).orElseThrow();
        assertThat(job.successCount()).as("stored pairs, not rows merged into a refused one").isEqualTo(8);
        assertThat(job.errorCount()).isEqualTo(2);
    }

    @Test
    void skipsDuplicateQuestionsWithinTheFileAndAgainstStoredPairs() {
        QaImport qa = qa(4);
        List<ParsedQA> rows = new ArrayList<>(rows(6));
        rows.add(new ParsedQA(7, 8, "question 2", "Another answer", null, List.of()));
        rows.add(new ParsedQA(8, 9, "QUESTION   5?", "Another answer", null, List.of()));
        UUID first = newJob(qa);
        BatchResult r = qa.batchProcessor().process(first, rows, (p, t) -> { });

        assertThat(r.successCount()).isEqualTo(6);
        assertThat(r.skippedCount()).isEqualTo(2);

        BatchResult again = qa.batchProcessor().process(newJob(qa), rows(3), (p, t) -> { });
        assertThat(again.skippedCount()).isEqualTo(3);
        assertThat(again.successCount()).isZero();
    }

    @Test
    void stopsAfterTheCurrentBatchWhenTheJobIsCancelled() {
        QaImport qa = qa(10);
        UUID jobId = newJob(qa);
        List<Long> progress = new CopyOnWriteArrayList<>();

        BatchResult r = qa.batchProcessor().process(jobId, rows(50), (p, t) -> {
            progress.add(p);
            if (p == 20) {
                qa.cancel(jobId);
            }
        });

        assertThat(r.processedCount()).isEqualTo(30);
        assertThat(progress).containsExactly(10L, 20L, 30L);
    }

    @Test
    void refusesToWriteOnceAnotherWorkerHasTakenTheJobOver() {
        QaImport qa = qa(10);
        UUID mine = newJob(qa);
        JobLease[] theirs = new JobLease[1];

        assertThatThrownBy(() -> qa.batchProcessor().process(mine, rows(25), (p, t) -> {
            if (theirs[0] == null) {
                // After the first batch, another worker takes the job over (as if this one's lease had expired).
                ImportJob job = qa.getJob(mine).orElseThrow();
                Instant later = job.leaseExpiresAt().plusSeconds(1);
                theirs[0] = store.jobs().claim(mine, "other-worker", later, later.plusSeconds(60)).orElseThrow();
                assertThat(theirs[0].attempt()).isEqualTo(job.attempt() + 1);
            }
        })).isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.LEASE_LOST));

        assertThat(store.queries().countPairs(mine)).as("only the batch before the takeover").isEqualTo(10);
        assertThat(qa.getJob(mine).orElseThrow().leaseOwner()).isEqualTo("other-worker");
    }

    @Test
    void endsTheJobCompletedAndRefusesToWriteIntoItAgain() {
        QaImport qa = qa(10);
        UUID jobId = newJob(qa);

        qa.batchProcessor().process(jobId, rows(12), (p, t) -> { });

        ImportJob job = qa.getJob(jobId).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.totalRows()).isEqualTo(12);
        assertThat(job.successCount()).isEqualTo(12);
        assertThatThrownBy(() -> qa.batchProcessor().process(jobId, rows(1), (p, t) -> { }))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.ILLEGAL_STATE))
                .hasMessageContaining("is already COMPLETED");
        assertThatThrownBy(() -> qa.batchProcessor().process(UUID.randomUUID(), rows(1), (p, t) -> { }))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.NOT_FOUND));
    }

    @Test
    void aCancelledJobEndsCancelled() {
        QaImport qa = qa(10);
        UUID jobId = newJob(qa);

        qa.batchProcessor().process(jobId, rows(30), (p, t) -> {
            if (p == 10) {
                qa.cancel(jobId);
            }
        });

        assertThat(qa.getJob(jobId).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(store.queries().countPairs(jobId)).isEqualTo(20);
    }
}
