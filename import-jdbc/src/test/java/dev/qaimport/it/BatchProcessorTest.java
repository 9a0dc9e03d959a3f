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

    private JobLease claimNewJob(QaImport qa) {
        UUID jobId = qa.startImport("rows.csv", new byte[0], SourceType.CSV);
        Instant now = Instant.now();
        return qa.store().jobs().claim(jobId, "test-worker", now, now.plusSeconds(60)).orElseThrow();
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
        JobLease lease = claimNewJob(qa);
        int before = store.transactions();

        qa.batchProcessor().process(lease, rows(25), (p, t) -> { });

        assertThat(store.transactions() - before).isEqualTo(3);
    }

    @Test
    void callsTheProgressCallbackAfterEachBatch() {
        QaImport qa = qa(10);
        List<long[]> calls = new CopyOnWriteArrayList<>();

        qa.batchProcessor().process(claimNewJob(qa), rows(25), (p, t) -> calls.add(new long[] {p, t}));

        assertThat(calls).containsExactly(new long[] {10, 25}, new long[] {20, 25}, new long[] {25, 25});
    }

    @Test
    void reportsAnUnknownTotalForAStreamedSource() {
        QaImport qa = qa(10);
        List<Long> totals = new CopyOnWriteArrayList<>();

        qa.batchProcessor().process(claimNewJob(qa), rows(15).iterator(), (p, t) -> totals.add(t));

        assertThat(totals).containsExactly(-1L, 15L);
    }

    @Test
    void commitsAfterEachBatchSoPartialSuccessSurvivesALaterFailure() {
        QaImport qa = qa(10);
        JobLease lease = claimNewJob(qa);
        store.failTransaction(3, StoreException.Kind.FATAL, 1);

        assertThatThrownBy(() -> qa.batchProcessor().process(lease, rows(35), (p, t) -> { }))
                .isInstanceOf(StoreException.class).hasMessageContaining("injected failure");

        assertThat(qa.store().queries().countPairs(lease.jobId())).isEqualTo(20);
        ImportJob job = qa.getJob(lease.jobId()).orElseThrow();
        assertThat(job.processedRows()).isEqualTo(20);
        assertThat(job.successCount()).isEqualTo(20);
    }

    @Test
    void retriesABatchAfterATransientDatabaseFailure() {
        QaImport qa = qa(10);
        JobLease lease = claimNewJob(qa);
        store.failTransaction(2, StoreException.Kind.TRANSIENT, 1);

        BatchResult r = qa.batchProcessor().process(lease, rows(30), (p, t) -> { });

        assertThat(r.successCount()).isEqualTo(30);
        assertThat(qa.store().queries().countPairs(lease.jobId())).isEqualTo(30);
    }

    @Test
    void continuesOnARowErrorAndTracksCounts() {
        QaImport qa = qa(10);
        List<ParsedQA> rows = rows(25);
        rows.set(4, new ParsedQA(5, 6, "   ", "An answer", null, List.of()));
        rows.set(17, new ParsedQA(18, 19, "A question?", "<p> </p>", null, List.of()));

        JobLease lease = claimNewJob(qa);
        BatchResult r = qa.batchProcessor().process(lease, rows, (p, t) -> { });

        assertThat(r.successCount()).isEqualTo(23);
        assertThat(r.errorCount()).isEqualTo(2);
        assertThat(r.createdIds()).hasSize(23).doesNotHaveDuplicates();
        ImportJob job = qa.getJob(lease.jobId()).orElseThrow();
        assertThat(job.successCount()).isEqualTo(23);
        assertThat(job.errorCount()).isEqualTo(2);
        assertThat(job.processedRows()).isEqualTo(25);
        assertThat(qa.getErrors(lease.jobId(), 0, 10)).extracting(e -> e.row(), e -> e.field()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(5L, "question"), org.assertj.core.groups.Tuple.tuple(18L, "answer"));
    }

    @Test
    void collectsErrorDetailsWithRowLineFieldAndMessage() {
        QaImport qa = qa(10);
        List<ParsedQA> rows = rows(3);
        rows.set(1, new ParsedQA(2, 3, "", "An answer", null, List.of()));
        JobLease lease = claimNewJob(qa);

        BatchResult r = qa.batchProcessor().process(lease, rows, (p, t) -> { });

        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(2);
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.field()).isEqualTo("question");
            assertThat(e.code()).isEqualTo(ErrorCodes.REQUIRED);
            assertThat(e.message()).containsIgnoringCase("question");
        });
        assertThat(qa.getErrors(lease.jobId(), 0, 10)).extracting(RowError::row, RowError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, "question"));
    }

    @Test
    void handlesEmptyInput() {
        QaImport qa = qa(10);
        List<Long> calls = new CopyOnWriteArrayList<>();

        BatchResult r = qa.batchProcessor().process(claimNewJob(qa), List.of(), (p, t) -> calls.add(p));

        assertThat(r.processedCount()).isZero();
        assertThat(calls).isEmpty();
    }

    @Test
    void batchSizeDefaultsTo50AndIsConfigurable() {
        try (QaImport defaults = QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).build()) {
            BatchProcessor p = defaults.batchProcessor();
            assertThat(p.batchSize()).isEqualTo(50);
            List<Long> progress = new CopyOnWriteArrayList<>();
            p.process(claimNewJob(defaults), rows(120), (done, total) -> progress.add(done));
            assertThat(progress).containsExactly(50L, 100L, 120L);
        }
        assertThat(qa(7).batchProcessor().batchSize()).isEqualTo(7);
        assertThatThrownBy(() -> QaImport.builder().batchSize(0)).hasMessage("batchSize < 1: 0");
    }

    @Test
    void isolatesARowTheDatabaseRefusesSoOnlyThatRowFails() {
        QaImport qa = qa(10);
        store.refuseQuestions(q -> q.equals("Question 7?"));
        JobLease lease = claimNewJob(qa);

        BatchResult r = qa.batchProcessor().process(lease, rows(10), (p, t) -> { });

        assertThat(r.successCount()).isEqualTo(9);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(7);
            assertThat(e.code()).isEqualTo(ErrorCodes.DATABASE_REJECTED);
            assertThat(e.message()).contains("value too long");
        });
        assertThat(qa.store().queries().countPairs(lease.jobId())).isEqualTo(9);
        assertThat(qa.getJob(lease.jobId()).orElseThrow().errorCount()).isEqualTo(1);
    }

    @Test
    void aRowThatUpdatesARefusedRowOfItsBatchIsRefusedWithItAndNotCountedAsStored() {
        qa = QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).batchSize(10)
                .duplicatePolicy(dev.qaimport.model.DuplicatePolicy.UPDATE).build();
        store.refuseQuestions(q -> q.equals("Question 7?"));
        List<ParsedQA> rows = new ArrayList<>(rows(8));
        rows.add(new ParsedQA(9, 10, "QUESTION 7?", "A newer answer.", null, List.of()));
        rows.add(new ParsedQA(10, 11, "Question 10?", "Answer 10.", null, List.of()));
        JobLease lease = claimNewJob(qa);

        BatchResult r = qa.batchProcessor().process(lease, rows, (p, t) -> { });

        assertThat(r.errors()).extracting(e -> e.row()).containsExactly(7L, 9L);
        assertThat(r.errors().get(1).message()).contains("refused row 7, which this row updates");
        assertThat(r.successCount()).isEqualTo(8);
        assertThat(qa.store().queries().countPairs(lease.jobId())).isEqualTo(8);
        ImportJob job = qa.getJob(lease.jobId()).orElseThrow();
        assertThat(job.successCount()).as("stored pairs, not rows merged into a refused one").isEqualTo(8);
        assertThat(job.errorCount()).isEqualTo(2);
    }

    @Test
    void skipsDuplicateQuestionsWithinTheFileAndAgainstStoredPairs() {
        QaImport qa = qa(4);
        List<ParsedQA> rows = new ArrayList<>(rows(6));
        rows.add(new ParsedQA(7, 8, "question 2", "Another answer", null, List.of()));
        rows.add(new ParsedQA(8, 9, "QUESTION   5?", "Another answer", null, List.of()));
        JobLease first = claimNewJob(qa);
        BatchResult r = qa.batchProcessor().process(first, rows, (p, t) -> { });

        assertThat(r.successCount()).isEqualTo(6);
        assertThat(r.skippedCount()).isEqualTo(2);

        BatchResult again = qa.batchProcessor().process(claimNewJob(qa), rows(3), (p, t) -> { });
        assertThat(again.skippedCount()).isEqualTo(3);
        assertThat(again.successCount()).isZero();
    }

    @Test
    void stopsAfterTheCurrentBatchWhenTheJobIsCancelled() {
        QaImport qa = qa(10);
        JobLease lease = claimNewJob(qa);
        List<Long> progress = new CopyOnWriteArrayList<>();

        BatchResult r = qa.batchProcessor().process(lease, rows(50), (p, t) -> {
            progress.add(p);
            if (p == 20) {
                qa.cancel(lease.jobId());
            }
        });

        assertThat(r.processedCount()).isEqualTo(30);
        assertThat(progress).containsExactly(10L, 20L, 30L);
    }

    @Test
    void refusesToWriteOnceAnotherWorkerHasTakenTheJobOver() {
        QaImport qa = qa(10);
        JobLease mine = claimNewJob(qa);
        Instant later = mine.expiresAt().plusSeconds(1);
        JobLease theirs = qa.store().jobs().claim(mine.jobId(), "other-worker", later, later.plusSeconds(60)).orElseThrow();

        assertThatThrownBy(() -> qa.batchProcessor().process(mine, rows(5), (p, t) -> { }))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.LEASE_LOST));

        assertThat(theirs.attempt()).isEqualTo(mine.attempt() + 1);
        assertThat(qa.store().queries().countPairs(mine.jobId())).isZero();
    }
}
