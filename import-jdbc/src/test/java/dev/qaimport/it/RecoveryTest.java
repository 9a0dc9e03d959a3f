package dev.qaimport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.ImportException;
import dev.qaimport.ImportListener;
import dev.qaimport.QaImport;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.testing.ScriptedEmbeddings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Leases, take-over, cancellation and graceful shutdown with the real store on one H2 database.
 * No test races a thread against a job or sleeps until something happened: a job is stopped,
 * cancelled or closed at an exact batch from its own thread (a listener's first notice, or
 * {@link AfterCommitStore}), a frozen worker's lease runs out on the taking-over worker's clock,
 * and the tests wait for latches, for the embedding service's calls and for the job's end.
 */
class RecoveryTest {
    /** How long a test waits for a latch at most: a guard against a hang, never a measurement. */
    private static final long GUARD_SECONDS = 60;

    private final DataSource ds = Fixture.h2();
    private final ImportStore real = Fixture.store(ds);

    /** A CSV of {@code n} rows where every 10th row has no answer; questions are unique across calls. */
    private static byte[] csvWithErrors(int n) {
        String file = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder sb = new StringBuilder("question,answer\n");
        for (int i = 1; i <= n; i++) {
            sb.append("Question ").append(file).append('-').append(i).append("?,").append(i % 10 == 0 ? "" : "Answer " + i).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static QaImport.Builder worker(ImportStore store, String id) {
        return QaImport.builder().store(store).workerId(id).autoStart(false).recoveryInterval(Duration.ZERO).batchSize(10)
                .leaseDuration(Duration.ofMillis(600)).shutdownTimeout(Duration.ofSeconds(10));
    }

    /** Every row once: as many distinct source rows as pairs, and the expected count. */
    private void assertEveryValidRowOnce(QaImport qa, UUID jobId, int rows) {
        List<QAPair> pairs = real.queries().pairsOfJob(jobId, 0, 100_000);
        Set<Long> sourceRows = new HashSet<>();
        pairs.forEach(p -> sourceRows.add(p.sourceRow()));
        assertThat(pairs).hasSize(rows - rows / 10);
        assertThat(sourceRows).hasSize(pairs.size());
        assertThat(qa.getErrors(jobId, 0, 100_000)).hasSize(rows / 10).extracting(e -> e.row()).doesNotHaveDuplicates();
        ImportJob job = qa.getJob(jobId).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.processedRows()).isEqualTo(rows);
        assertThat(job.totalRows()).isEqualTo(rows);
        assertThat(job.successCount()).isEqualTo(rows - rows / 10);
        assertThat(job.errorCount()).isEqualTo(rows / 10);
    }

    @Test
    void aWorkerWhoseLeaseWasTakenOverCannotCommitAfterwards() throws Exception {
        PausingStore frozen = new PausingStore(real, 4);
        // B's clock is ahead of every lease A can hold: A's has run out for B at once, as it would after A's silence.
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        try (QaImport a = worker(frozen, "worker-a").build(); QaImport b = worker(real, "worker-b").clock(later).build()) {
            UUID id = a.startImport("faq.csv", csvWithErrors(100), null);
            CompletableFuture<ImportJob> first = a.scheduleImport(id);
            frozen.awaitPaused();
            assertThat(b.getJob(id).orElseThrow().leaseExpiresAt()).isBefore(later.instant());

            List<ImportJob> recovered = b.recover();
            frozen.resume();
            ImportJob seenByA = first.get(30, TimeUnit.SECONDS);

            assertThat(recovered).singleElement().satisfies(j -> assertThat(j.attempt()).isEqualTo(2));
            // A woke up in the middle of a batch: its fence refused it, and it reports the job as B left it.
            assertThat(seenByA.attempt()).isEqualTo(2);
            assertThat(seenByA.leaseOwner()).isNotEqualTo("worker-a");
            assertEveryValidRowOnce(b, id, 100);
            // Had A's batch gone through, the unique key would have turned its rows into refused rows.
            assertThat(b.getErrors(id, 0, 1_000)).extracting(e -> e.code()).containsOnly(dev.qaimport.model.ErrorCodes.REQUIRED);
        }
    }

    @Test
    void cancellingARunningJobStopsItAfterTheCurrentBatchAndKeepsCommittedRows() {
        java.util.concurrent.atomic.AtomicLong cancelledAt = new java.util.concurrent.atomic.AtomicLong(-1);
        QaImport[] self = new QaImport[1];
        try (QaImport qa = worker(real, "w").listener(new ImportListener() {
            @Override
            public void onImportProgress(ImportJob job) {
                // Listeners run on the job's thread right after a commit: the next batch is the current one. The first
                // notice (the throttle lets it through at once) is the only one sure to come before the last batch.
                if (cancelledAt.compareAndSet(-1, job.processedRows())) {
                    self[0].cancel(job.id());
                }
            }
        }).build()) {
            self[0] = qa;
            UUID id = qa.startImport("faq.csv", csvWithErrors(500), null);

            ImportJob job = qa.processImport(id);

            assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(cancelledAt.get()).as("cancelled after the first batch").isEqualTo(10);
            // Cancelled here, it stops right after the batch just committed; cancelled from another process, the
            // next batch sees it at its fence, commits, and stops.
            assertThat(job.processedRows()).isIn(cancelledAt.get(), cancelledAt.get() + 10);
            assertThat(real.queries().countPairs(id)).isEqualTo(job.successCount());
            assertThat(job.successCount() + job.errorCount()).isEqualTo(job.processedRows());
            assertThat(qa.recover()).isEmpty();
        }
    }

    @Test
    void gracefulShutdownMidImportReleasesTheJobAndAnotherWorkerResumesIt() throws Exception {
        QaImport[] self = new QaImport[1];
        Thread[] closer = new Thread[1];
        // Right after the 4th batch commits, on the job's thread: close() starts on a thread of its own (it waits for
        // this job to stop), and the job goes on only once the instance is closing. Its next look for a stop sees it.
        AfterCommitStore store = new AfterCommitStore(real, 4, () -> {
            closer[0] = new Thread(self[0]::close, "closer");
            closer[0].start();
            awaitClosing(self[0], closer[0]);
        });
        QaImport a = worker(store, "worker-a").build();
        self[0] = a;
        UUID id = a.startImport("faq.csv", csvWithErrors(1000), null);
        // In this thread rather than on the instance's pool, which close() shuts down once the job has stopped.
        ImportJob stopped = a.processImport(id);
        closer[0].join();

        // Released, not abandoned: waiting for the next worker at once, with its checkpoint kept.
        assertThat(stopped.status()).isEqualTo(JobStatus.PENDING);
        assertThat(stopped.processedRows()).isBetween(40L, 999L).as("stopped right after the batch it was in").isEqualTo(40);
        assertThat(stopped.leaseOwner()).isNull();

        try (QaImport b = worker(real, "worker-b").build()) {
            List<ImportJob> resumed = b.recover();
            assertThat(resumed).singleElement().satisfies(j -> assertThat(j.attempt()).isEqualTo(2));
            assertEveryValidRowOnce(b, id, 1000);
        }
    }

    @Test
    void closingWaitsForTheEndOfAJobsLastListenerCallBeforeItStopsTheJobThreads() throws Exception {
        CountDownLatch finishing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean listenerReturned = new AtomicBoolean();
        AtomicBoolean listenerInterrupted = new AtomicBoolean();
        QaImport qa = worker(real, "w").listener(new ImportListener() {
            @Override
            public void onJobFinished(ImportJob job) {
                finishing.countDown();
                try {
                    release.await();
                    listenerReturned.set(true);
                } catch (InterruptedException e) {
                    listenerInterrupted.set(true);
                }
            }
        }).build();
        UUID id = qa.startImport("faq.csv", csvWithErrors(20), null);
        qa.scheduleImport(id);
        assertThat(finishing.await(10, TimeUnit.SECONDS)).as("the job ended").isTrue();

        // The job's run is over but for its listener call, which holds on until the instance is closing.
        AtomicBoolean returnedWhenClosed = new AtomicBoolean();
        Thread closer = new Thread(() -> {
            qa.close();
            returnedWhenClosed.set(listenerReturned.get());
        }, "closer");
        closer.start();
        awaitClosing(qa, closer);
        release.countDown();
        closer.join();

        assertThat(listenerInterrupted).as("the job's thread was not stopped under its listener").isFalse();
        assertThat(returnedWhenClosed).as("close() returned after the listener had").isTrue();
        assertThat(qa.getJob(id)).hasValueSatisfying(j -> assertThat(j.status()).isEqualTo(JobStatus.COMPLETED));
    }

    @Test
    void aJobIsFailedOnceItHasUsedUpItsAttempts() {
        try (QaImport qa = worker(real, "w").maxAttempts(2).build()) {
            UUID id = qa.startImport("faq.csv", csvWithErrors(10), null);
            Instant now = Instant.now();
            real.jobs().claim(id, "dead-1", now.minusSeconds(20), now.minusSeconds(10)).orElseThrow();
            real.jobs().claim(id, "dead-2", now.minusSeconds(9), now.minusSeconds(5)).orElseThrow();

            List<ImportJob> recovered = qa.recover();

            assertThat(recovered).singleElement().satisfies(j -> {
                assertThat(j.status()).isEqualTo(JobStatus.FAILED);
                assertThat(j.errorMessage()).startsWith("ATTEMPTS_EXHAUSTED").contains("2 attempts");
            });
        }
    }

    @Test
    void aWorkerPicksUpQueuedJobsAndStopsGracefully() throws Exception {
        UUID[] ids = new UUID[3];
        try (QaImport producer = worker(real, "web").build()) {
            for (int i = 0; i < ids.length; i++) {
                ids[i] = producer.startImport("faq-" + i + ".csv", csvWithErrors(200), null);
            }
        }
        // The worker runs each job it claims as one task on this executor; a task ends after the worker is done with it.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch ran = new CountDownLatch(ids.length);
        Executor counting = task -> pool.execute(() -> {
            try {
                task.run();
            } finally {
                ran.countDown();
            }
        });
        try (QaImport qa = worker(real, "worker").executor(counting).build(); dev.qaimport.Worker w = qa.startWorker(2, Duration.ofMillis(20))) {
            assertThat(ran.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("the worker ran the three jobs").isTrue();
            for (UUID id : ids) {
                assertEveryValidRowOnce(qa, id, 200);
            }
            assertThat(w.runningJobs()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cancellingAJobWhoseWorkerDiedCancelsItAtOnceAndARetryNeedsItsUpload() {
        UUID id;
        try (QaImport web = worker(real, "web").build()) {
            id = web.startImport("faq.csv", csvWithErrors(50), null);
        }
        Instant now = Instant.now();
        real.jobs().claim(id, "crashed", now.minusSeconds(10), now.minusSeconds(5)).orElseThrow();

        try (QaImport qa = worker(real, "admin").build()) {
            assertThat(qa.cancel(id)).isTrue();
            ImportJob job = qa.getJob(id).orElseThrow();
            assertThat(job.status()).as("no worker is left to stop it after a batch").isEqualTo(JobStatus.CANCELLED);
            assertThat(job.leaseOwner()).isNull();
            // Its upload went with it, as a worker's cancel would have deleted it.
            assertThatThrownBy(() -> qa.retry(id)).hasMessageContaining("its upload was deleted");
        }
    }

    @Test
    void aCancelledJobWithItsUploadKeptIsRetriedFromItsCheckpoint() throws Exception {
        UUID id;
        AtomicBoolean once = new AtomicBoolean();
        QaImport[] self = new QaImport[1];
        // Cancelled from the first progress notice (the throttle lets the first one through at once), on the job's
        // thread right after its first commit: a cancel from a polling thread, or at a later, throttled notice,
        // could land after the last batch of so small a file.
        try (QaImport qa = worker(real, "w").keepPayloads(true).listener(new ImportListener() {
            @Override
            public void onImportProgress(ImportJob job) {
                if (once.compareAndSet(false, true)) {
                    self[0].cancel(job.id());
                }
            }
        }).build()) {
            self[0] = qa;
            id = qa.startImport("faq.csv", csvWithErrors(100), null);
            ImportJob cancelled = qa.processImport(id);
            assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
            long kept = cancelled.processedRows();
            assertThat(kept).isBetween(10L, 99L);

            assertThat(qa.retry(id).status()).isEqualTo(JobStatus.PENDING);
            qa.processImport(id);
            assertEveryValidRowOnce(qa, id, 100);
            assertThat(qa.getJob(id).orElseThrow().processedRows()).isEqualTo(100);
        }
    }

    @Test
    void closingAnInstanceStopsItsEmbeddingSweepAndLeavesTheRestPendingAndUnclaimed() throws Exception {
        UUID id;
        try (QaImport importer = worker(real, "importer").build()) {
            id = importer.startImport("faq.csv", csvWithErrors(200), null);
            importer.processImport(id);
        }
        assertThat(real.embeddings().countPending(id)).isEqualTo(180);
        // One request at a time; the second is held until the instance is closing, so the sweep is provably mid-backlog.
        ScriptedEmbeddings slow = new ScriptedEmbeddings("slow@8", new EmbeddingLimits(8, 10_000, 1_000, 1)).holdFrom(2);
        QaImport qa = worker(real, "sweeper").embeddingService(slow).recoveryInterval(Duration.ofMillis(20)).build();
        slow.awaitCalls(2);

        int sentBeforeClose = slow.calls().size();
        closeWhileHeld(qa, slow);

        // One request at a time: at most the one in flight when close() began finished after it.
        assertThat(slow.calls().size()).as("no request starts once closing began").isLessThanOrEqualTo(sentBeforeClose + 1);
        long pending = real.embeddings().countPending(id);
        assertThat(pending).isPositive().isLessThan(180);
        Instant now = Instant.now();
        assertThat(real.embeddings().claimPending(id, "next", 500, now, now.plusSeconds(5)))
                .as("no pair is left claimed by the stopped sweep").hasSize((int) pending);
    }

    @Test
    void closingAnInstanceStopsARetryPendingRunAfterItsRequestsInFlight() throws Exception {
        UUID id;
        try (QaImport importer = worker(real, "importer").build()) {
            id = importer.startImport("faq.csv", csvWithErrors(200), null);
            importer.processImport(id);
        }
        ScriptedEmbeddings slow = new ScriptedEmbeddings("slow@8", new EmbeddingLimits(8, 10_000, 1_000, 1)).holdFrom(2);
        QaImport qa = worker(real, "retrier").embeddingService(slow).build();
        CompletableFuture<dev.qaimport.model.EmbeddingResult> retry = CompletableFuture.supplyAsync(() -> qa.retryPending(id));
        slow.awaitCalls(2);

        int sentBeforeClose = slow.calls().size();
        closeWhileHeld(qa, slow);

        dev.qaimport.model.EmbeddingResult r = retry.get(GUARD_SECONDS, TimeUnit.SECONDS);
        assertThat(slow.calls().size()).as("no request starts once closing began").isLessThanOrEqualTo(sentBeforeClose + 1);
        assertThat(r.embedded()).isPositive().isLessThan(180);
        long pending = real.embeddings().countPending(id);
        assertThat(pending).isEqualTo(180 - r.embedded());
        Instant now = Instant.now();
        assertThat(real.embeddings().claimPending(id, "next", 500, now, now.plusSeconds(5))).hasSize((int) pending);
    }

    @Test
    void theRecoverySweeperOfAnEmbeddedInstanceResumesAStaleJob() throws Exception {
        UUID id;
        try (QaImport web = worker(real, "crashed").build()) {
            id = web.startImport("faq.csv", csvWithErrors(50), null);
        }
        Instant now = Instant.now();
        real.jobs().claim(id, "crashed", now.minusSeconds(10), now.minusSeconds(5)).orElseThrow();

        CountDownLatch finished = new CountDownLatch(1);
        try (QaImport qa = worker(real, "sweeper").recoveryInterval(Duration.ofMillis(50)).listener(new ImportListener() {
            @Override
            public void onJobFinished(ImportJob job) {
                finished.countDown();
            }
        }).build()) {
            assertThat(finished.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("the sweeper ran the job: %s", qa.getJob(id)).isTrue();
            assertEveryValidRowOnce(qa, id, 50);
        }
    }

    /**
     * A database can lose commits it acknowledged: H2 writes its file up to a second after a
     * commit (measured: a killed H2 process lost its last two batches), PostgreSQL with
     * {@code synchronous_commit = off} loses the last ones when it crashes. A worker still running
     * (it reached the database again through a new connection) must not carry on from where it
     * believes it is: the rows of the lost batches would be missing for good.
     */
    @Test
    void aWorkerStopsInsteadOfLeavingAGapWhenTheDatabaseLostCommitsItHadAcknowledged() throws Exception {
        java.util.concurrent.atomic.AtomicLong keptUpTo = new java.util.concurrent.atomic.AtomicLong(-1);
        UUID[] job = new UUID[1];
        // Right after the 3rd commit, on the job's thread: the last batch (10 rows) is "lost" before the next one starts.
        AfterCommitStore losing = new AfterCommitStore(real, 3, () -> {
            keptUpTo.set(20);
            forgetRowsAfter(job[0], keptUpTo.get());
        });
        try (QaImport qa = worker(losing, "w").build()) {
            UUID id = qa.startImport("faq.csv", csvWithErrors(500), null);
            job[0] = id;

            ImportJob stopped = qa.processImport(id);

            assertThat(keptUpTo.get()).isPositive();
            // Handed back at once, to be resumed from the checkpoint the database still has.
            assertThat(stopped.status()).isEqualTo(JobStatus.PENDING);
            assertThat(stopped.processedRows()).isEqualTo(keptUpTo.get());
            assertThat(qa.recover()).singleElement().satisfies(j -> assertThat(j.attempt()).isEqualTo(2));
            assertEveryValidRowOnce(qa, id, 500);
        }
    }

    /** Puts the database back to the state it had after row {@code row}, as a crash that lost the later commits would. */
    private void forgetRowsAfter(UUID jobId, long row) {
        try (java.sql.Connection c = ds.getConnection()) {
            for (String sql : List.of("DELETE FROM qa_pairs WHERE import_job_id = ? AND source_row > " + row,
                    "DELETE FROM import_row_errors WHERE job_id = ? AND source_row > " + row,
                    "UPDATE import_jobs SET processed_rows = " + row + ", "
                            + "success_count = (SELECT COUNT(*) FROM qa_pairs WHERE import_job_id = ?), "
                            + "error_count = (SELECT COUNT(DISTINCT source_row) FROM import_row_errors WHERE job_id = ?) WHERE id = ?")) {
                try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                        ps.setObject(i, jobId);
                    }
                    ps.executeUpdate();
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Closes {@code qa} while {@code held} holds an embedding call in flight: close() runs on a thread of its own (it
     * waits for that call), and the call is let go only once the instance is closing.
     */
    private static void closeWhileHeld(QaImport qa, ScriptedEmbeddings held) throws InterruptedException {
        Thread closer = new Thread(qa::close, "closer");
        closer.start();
        awaitClosing(qa, closer);
        held.release();
        closer.join();
    }

    /**
     * Returns once {@code closer} has begun closing {@code qa}. The instance shows it by refusing work from then on:
     * asked to run a job that does not exist, it says it is closed instead of that the job is unknown. This waits for
     * that state, not for time to pass: whoever calls it holds up the work that close() waits for, so nothing can
     * change meanwhile but the closing itself.
     */
    private static void awaitClosing(QaImport qa, Thread closer) {
        UUID unknown = UUID.randomUUID();
        while (true) {
            try {
                qa.processImport(unknown);
                throw new AssertionError("a job that does not exist ran");
            } catch (ImportException e) {
                if (ErrorCodes.ILLEGAL_STATE.equals(e.code())) {
                    assertThat(e).hasMessage("this QaImport is closed");
                    return;
                }
                assertThat(e.code()).isEqualTo(ErrorCodes.NOT_FOUND);
            }
            assertThat(closer.isAlive()).as("close() returned before the instance was closing").isTrue();
            Thread.yield();
        }
    }
}
