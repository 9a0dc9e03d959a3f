package dev.qaimport.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.ImportListener;
import dev.qaimport.QaImport;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.testing.ScriptedEmbeddings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class BackgroundTest {
    private final DataSource ds = Fixture.h2();

    @Test
    void runsTheImportInTheBackgroundAndCompletes() {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedEmbeddings held = ScriptedEmbeddings.small().gate(gate);
        try (QaImport qa = Fixture.builder(ds).autoStart(true).batchSize(10).embeddingService(held).build()) {
            UUID id = qa.startImport("faq.csv", Fixture.csv(200).getBytes(StandardCharsets.UTF_8), null);

            // startImport returned although the job cannot finish before the gate opens.
            ImportJob whileRunning = qa.getJob(id).orElseThrow();
            assertThat(whileRunning.status()).isIn(JobStatus.PENDING, JobStatus.PROCESSING);

            gate.countDown();
            ImportJob done = qa.awaitJob(id, Duration.ofSeconds(30));
            assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(done.successCount()).isEqualTo(200);
            assertThat(done.embeddedCount()).isEqualTo(200);
        }
    }

    @Test
    void exposesStatusAndCountsWhileTheJobRuns() throws Exception {
        // The job waits in its first progress notice, right after its first commit, until the test has looked.
        CountDownLatch committed = new CountDownLatch(1);
        CountDownLatch looked = new CountDownLatch(1);
        ImportListener holdAfterFirstBatch = new ImportListener() {
            @Override
            public void onImportProgress(ImportJob job) {
                committed.countDown();
                try {
                    looked.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (QaImport qa = Fixture.builder(ds).autoStart(true).batchSize(10).embeddingService(ScriptedEmbeddings.small())
                .listener(holdAfterFirstBatch).build()) {
            UUID id = qa.startImport("faq.csv", Fixture.csv(300).getBytes(StandardCharsets.UTF_8), null);
            ImportJob seen;
            try {
                // A guard against a hang, not a measurement.
                assertThat(committed.await(60, TimeUnit.SECONDS)).as("the first batch committed").isTrue();
                seen = qa.getJob(id).orElseThrow();
            } finally {
                looked.countDown();
            }
            assertThat(seen.status()).as("a PROCESSING snapshot with progress").isEqualTo(JobStatus.PROCESSING);
            assertThat(seen.processedRows()).isPositive();
            assertThat(seen.leaseOwner()).isNotNull();
            assertThat(seen.updatedAt()).isNotNull();
            assertThat(qa.awaitJob(id, Duration.ofSeconds(30)).status()).isEqualTo(JobStatus.COMPLETED);
        }
    }

    @Test
    void runsOnTheCallersExecutorAndNeverShutsItDown() throws Exception {
        ExecutorService mine = Executors.newSingleThreadExecutor();
        try {
            UUID id;
            try (QaImport qa = Fixture.builder(ds).executor(mine).build()) {
                id = qa.startImport("faq.csv", Fixture.csv(20).getBytes(StandardCharsets.UTF_8), null);
                CompletableFuture<ImportJob> f = qa.scheduleImport(id);
                assertThat(f.get(30, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.COMPLETED);
            }
            assertThat(mine.isShutdown()).isFalse();
            assertThat(mine.submit(() -> 42).get()).isEqualTo(42);
        } finally {
            mine.shutdownNow();
        }
    }
}
