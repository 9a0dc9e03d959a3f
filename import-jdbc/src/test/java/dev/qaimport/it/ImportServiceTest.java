package dev.qaimport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.ImportException;
import dev.qaimport.ImportListener;
import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.RowError;
import dev.qaimport.model.SourceType;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportServiceTest {
    private final DataSource ds = Fixture.h2();
    private final ImportStore store = Fixture.store(ds);
    private final List<ImportJob> progress = new CopyOnWriteArrayList<>();
    private final QaImport qa = Fixture.builder(store).batchSize(10).listener(new ImportListener() {
        @Override
        public void onImportProgress(ImportJob job) {
            progress.add(job);
        }
    }).build();

    @AfterEach
    void close() {
        qa.close();
    }

    private UUID start(String name, String content) {
        return qa.startImport(name, content.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void createsTheJobAsPendingAndReturnsItsIdImmediately() {
        UUID id = start("faq.csv", Fixture.csv(3));

        ImportJob job = qa.getJob(id).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.PENDING);
        assertThat(job.filename()).isEqualTo("faq.csv");
        assertThat(job.sourceType()).isEqualTo(SourceType.CSV);
        assertThat(job.payloadBytes()).isEqualTo(Fixture.csv(3).getBytes(StandardCharsets.UTF_8).length);
        assertThat(store.queries().countPairs(id)).isZero();
    }

    @Test
    void setsProcessingOnStartAndCompletedAtTheEnd() {
        UUID id = start("faq.csv", Fixture.csv(25));
        List<JobStatus> seen = new CopyOnWriteArrayList<>();
        progress.clear();

        ImportJob done = qa.processImport(id);

        progress.forEach(j -> seen.add(j.status()));
        assertThat(seen).isNotEmpty().containsOnly(JobStatus.PROCESSING);
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.completedAt()).isNotNull();
        assertThat(done.leaseOwner()).isNull();
    }

    @Test
    void parsesEachFormatWithTheRightParser() {
        UUID csv = start("a.csv", "question,answer\nQ1?,A1\n");
        UUID tsv = start("b.tsv", "question\tanswer\nQ2?\tA2\n");
        UUID json = start("c.json", "[{\"question\":\"Q3?\",\"answer\":\"A3\"}]");
        UUID jsonl = start("d.jsonl", "{\"question\":\"Q4?\",\"answer\":\"A4\"}\n");

        for (UUID id : List.of(csv, tsv, json, jsonl)) {
            ImportJob job = qa.processImport(id);
            assertThat(job.status()).as(job.filename()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.successCount()).as(job.filename()).isEqualTo(1);
        }
        assertThat(store.queries().pairsOfJob(jsonl, 0, 10)).extracting(QAPair::question).containsExactly("Q4?");
    }

    @Test
    void validatesRowsAndRecordsTheirErrors() {
        UUID id = start("faq.csv", "question,answer\nGood?,Yes\n,No question\nNo answer?,\n" + "Q".repeat(1001) + ",Too long\n");

        ImportJob job = qa.processImport(id);

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.totalRows()).isEqualTo(4);
        assertThat(job.successCount()).isEqualTo(1);
        assertThat(job.errorCount()).isEqualTo(3);
        List<RowError> errors = qa.getErrors(id, 0, 100);
        assertThat(errors).extracting(RowError::row, RowError::line, RowError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, 3L, "question"),
                org.assertj.core.groups.Tuple.tuple(3L, 4L, "answer"),
                org.assertj.core.groups.Tuple.tuple(4L, 5L, "question"));
        assertThat(errors.get(2).code()).isEqualTo(ErrorCodes.TOO_LONG);
    }

    @Test
    void processesInBatchesAndUpdatesProgressAfterEach() {
        List<Long> seen = new CopyOnWriteArrayList<>();
        // Listeners hear at most every 100 ms of the instance's clock; here each batch takes 150 ms of it.
        ManualClock clock = new ManualClock();
        try (QaImport slowListener = Fixture.builder(ds).batchSize(10).clock(clock).listener(new ImportListener() {
            @Override
            public void onImportProgress(ImportJob job) {
                seen.add(job.processedRows());
                clock.advance(Duration.ofMillis(150));
            }
        }).build()) {
            UUID id = slowListener.startImport("faq.csv", Fixture.csv(35).getBytes(StandardCharsets.UTF_8), null);

            ImportJob done = slowListener.processImport(id);

            assertThat(done.successCount()).isEqualTo(35);
            // Read back from the database after each committed batch of 10.
            assertThat(seen).containsExactly(10L, 20L, 30L, 35L);
        }
    }

    @Test
    void startImportReturnsTheIdBeforeTheJobRunsInTheBackground() {
        java.util.concurrent.LinkedBlockingQueue<Runnable> held = new java.util.concurrent.LinkedBlockingQueue<>();
        try (QaImport background = Fixture.builder(ds).autoStart(true).executor(held::add).build()) {
            UUID id = background.startImport("faq.csv", Fixture.csv(30).getBytes(StandardCharsets.UTF_8), null);

            // Scheduled, not run: the caller has the id and the job waits for the executor.
            assertThat(held).hasSize(1);
            assertThat(background.getJob(id).orElseThrow().status()).isEqualTo(JobStatus.PENDING);
            assertThat(store.queries().countPairs(id)).isZero();

            held.poll().run();
            assertThat(background.getJob(id).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(store.queries().countPairs(id)).isEqualTo(30);
        }
    }

    @Test
    void setsFailedWithAMessageOnAFatalErrorAndKeepsCommittedRows() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 1; i <= 25; i++) {
            json.append("{\"question\":\"Q").append(i).append("?\",\"answer\":\"A\"},\n");
        }
        json.append("{\"question\":\"broken");
        UUID id = start("broken.json", json.toString());

        ImportJob job = qa.processImport(id);

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.errorMessage()).startsWith(ErrorCodes.MALFORMED_FILE + ": broken.json: ").containsIgnoringCase("line 26");
        assertThat(store.queries().countPairs(id)).isEqualTo(job.successCount()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void failsAJobWhoseRequiredColumnsAreMissingNamingTheColumnsFound() {
        UUID id = start("faq.csv", "frage;antwort_text\nA;B\n");

        ImportJob job = qa.processImport(id);

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.errorMessage()).startsWith(ErrorCodes.MISSING_COLUMNS).contains("antwort_text");
    }

    @Test
    void refusesAnUnknownFormatAtOnce() {
        assertThatThrownBy(() -> start("notes.txt", "hello"))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.UNSUPPORTED_FORMAT))
                .hasMessageContaining("notes.txt");
    }

    @Test
    void refusesAnOversizedUploadNamingTheLimit() {
        try (QaImport small = Fixture.builder(ds).limits(dev.qaimport.Limits.defaults().withMaxFileBytes(10)).build()) {
            assertThatThrownBy(() -> small.startImport("big.csv", Fixture.csv(5).getBytes(StandardCharsets.UTF_8), null))
                    .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED))
                    .hasMessageContaining("maxFileBytes");
        }
        assertThat(qa.recentJobs(10)).isEmpty();
    }

    @Test
    void importsAFileFromAPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kb.jsonl");
        Files.writeString(file, "{\"q\":\"Where?\",\"a\":\"Here.\"}\n");

        UUID id = qa.startImport(file, (SourceType) null);

        assertThat(qa.processImport(id).successCount()).isEqualTo(1);
        assertThat(qa.getJob(id).orElseThrow().filename()).isEqualTo("kb.jsonl");
    }

    @Test
    void refusesToProcessAFinishedJob() {
        UUID id = start("faq.csv", Fixture.csv(1));
        qa.processImport(id);

        assertThatThrownBy(() -> qa.processImport(id))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.ILLEGAL_STATE))
                .hasMessageContaining("already COMPLETED");
        assertThatThrownBy(() -> qa.processImport(UUID.randomUUID()))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.NOT_FOUND));
    }

    @Test
    void appliesTheJobsColumnMapping() {
        UUID id = qa.startImport("de.csv", new java.io.ByteArrayInputStream("Frage;Antwort\nWie?;So.\n".getBytes(StandardCharsets.UTF_8)),
                ImportOptions.builder().column(dev.qaimport.Field.QUESTION, "Frage").column(dev.qaimport.Field.ANSWER, "Antwort").build());

        assertThat(qa.processImport(id).successCount()).isEqualTo(1);
    }

    @Test
    void cancelsAPendingJobAtOnce() {
        UUID id = start("faq.csv", Fixture.csv(3));

        assertThat(qa.cancel(id)).isTrue();

        assertThat(qa.getJob(id).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(qa.cancel(id)).isFalse();
    }

    @Test
    void deletesTheUploadWhenTheJobEnds() {
        UUID id = start("faq.csv", Fixture.csv(3));
        qa.processImport(id);

        assertThatThrownBy(() -> store.databasePayloads().open(id).read()).isInstanceOf(Exception.class);
    }
}
