package dev.qaimport.e2e;

import static dev.qaimport.e2e.E2e.errors;
import static dev.qaimport.e2e.E2e.pairs;
import static dev.qaimport.e2e.E2e.row;
import static dev.qaimport.e2e.E2e.run;
import static dev.qaimport.e2e.E2e.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.qaimport.AnswerFormat;
import dev.qaimport.EmbeddingInput;
import dev.qaimport.ImportListener;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.QaImport;
import dev.qaimport.SearchHit;
import dev.qaimport.it.PausingStore;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.SchemaInstaller;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.EmbeddingResult;
import dev.qaimport.model.EmbeddingStatus;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.RowError;
import dev.qaimport.model.SourceType;
import dev.qaimport.payload.FilePayloadStore;
import dev.qaimport.testing.ScriptedEmbeddings;
import dev.qaimport.validate.Sanitizer;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole import, through {@link QaImport} and nothing below it, run once per database by a
 * subclass. The class gets a database (or schema) of its own, with the schema installed once;
 * every test starts from empty tables. The JVM's default time zone is +14:00 for the whole class,
 * so that any timestamp that depends on it is off by hours.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractEndToEndTest {
    /** As far from UTC as a zone gets. */
    static final TimeZone FAR_ZONE = TimeZone.getTimeZone("Pacific/Kiritimati");

    /** Text that breaks naive encodings: ZWJ emoji sequences, flags, CJK, RTL, combining marks, 4-byte characters. */
    static final List<String> HARD_TEXT = List.of(
            "Family 👩‍👩‍👧‍👦, flag 🇺🇳 🇯🇵, skin tone 👍🏽, keycap 1️⃣, rainbow flag 🏳️‍🌈, pirate 🏴‍☠️",
            "漢字かな交じり文、中文简体、繁體中文、한국어 문장",
            "RTL: مرحبا بالعالم — שלום עולם \u200F(mixed)\u200E done",
            "Combining: e\u0301 a\u0308 n\u0303 o\u0302\u0323 and Z\u0351\u0327a\u0300l\u0336g\u0358o",
            "4-byte: 𝄞 𠜎 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🀄 at the end 𝄞",
            "Devanagari हिन्दी, Thai ภาษาไทย, Greek Ελληνικά, Cyrillic Кириллица");

    /** Hostile SQL, quoting and placeholder text; every value must arrive as a bind parameter. */
    static final List<String> SQL_PAYLOADS = List.of(
            "'; DROP TABLE qa_pairs; --",
            "\" OR 1=1 --",
            "\\'); DELETE FROM import_jobs; --",
            "Robert'); DROP TABLE import_row_errors;--",
            "1' UNION SELECT id, question FROM qa_pairs WHERE '1'='1",
            "$$; DROP TABLE qa_vectors; $$",
            "$tag$ unterminated dollar quote",
            "100%_ LIKE '%' AND '_' = '_'",
            "back\\slash \\\\ double \\' \\\" \\0 \\n end\\",
            "ctl\u0001\u0007\u001b[2J\u007f end",
            "'; SELECT pg_sleep(30); --",
            "'; SHUTDOWN; --",
            "? ?? :question :id ${x} #{y}",
            "` OR ``=' -- MySQL backticks",
            "0x27 CHAR(39) ' || ' concat",
            "/* open comment -- ; # x");

    protected TestDatabase db;
    protected JdbcImportStore store;
    private TimeZone originalZone;

    /** A fresh database (or schema) for this class. */
    protected abstract TestDatabase openDatabase();

    @BeforeAll
    void openStore() {
        originalZone = TimeZone.getDefault();
        TimeZone.setDefault(FAR_ZONE);
        db = openDatabase();
        SchemaInstaller.install(db.dataSource());
        store = JdbcImportStore.create(db.dataSource());
    }

    @AfterAll
    void closeStore() {
        try {
            if (store != null) {
                store.close();
            }
            if (db != null) {
                db.close();
            }
        } finally {
            TimeZone.setDefault(originalZone);
        }
    }

    @BeforeEach
    void emptyTables() {
        db.clean();
    }

    /** Synchronous jobs, no sweeper, quick leases, batches of 10. */
    QaImport.Builder builder() {
        return QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).batchSize(10)
                .leaseDuration(Duration.ofSeconds(5)).shutdownTimeout(Duration.ofSeconds(10));
    }

    long count(String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    // ---------------------------------------------------------------- rows, errors, duplicates

    @Test
    void importsACsvRecordingRowErrorsAndSkippingDuplicatesByDefault() {
        String csv = "question,answer,category,tags\n"
                + "How do I reset my password?,Use the reset link.,Account,login;password\n"
                + ",An answer without a question,,\n"
                + "What does shipping cost?,,,\n"
                + "how do I  reset my PASSWORD?,The same question again.,,\n"
                + "\n"
                + "Where is my order?,Track it online.,Orders,\n";
        try (QaImport qa = builder().build()) {
            ImportJob job = run(qa, "faq.csv", csv);

            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job).extracting(ImportJob::totalRows, ImportJob::processedRows, ImportJob::successCount,
                    ImportJob::errorCount, ImportJob::skippedCount).containsExactly(5L, 5L, 2L, 2L, 1L);
            assertThat(errors(qa, job.id())).extracting(RowError::row, RowError::line, RowError::field, RowError::code)
                    .containsExactly(tuple(2L, 3L, "question", ErrorCodes.REQUIRED), tuple(3L, 4L, "answer", ErrorCodes.REQUIRED));
            assertThat(pairs(qa, job.id())).extracting(QAPair::sourceRow, QAPair::question, QAPair::answer, QAPair::category, QAPair::tags)
                    .containsExactly(
                            tuple(1L, "How do I reset my password?", "Use the reset link.", "Account", List.of("login", "password")),
                            tuple(5L, "Where is my order?", "Track it online.", "Orders", List.of()));
        }
    }

    @Test
    void duplicatesAreSkippedUpdatedOrCreatedAsThePolicySays() {
        String first = "question,answer\nHow do I reset my password?,Use the reset link.\nWhere is my order?,Track it online.\n";
        String again = "question,answer\nHOW DO I RESET MY PASSWORD?,Version 2.\nwhere is my order?,Version 2 too.\n";
        try (QaImport qa = builder().build()) {
            ImportJob original = run(qa, "v1.csv", first);

            ImportJob skipped = run(qa, "skip.csv", utf8(again), ImportOptions.defaults());
            assertThat(skipped).extracting(ImportJob::successCount, ImportJob::skippedCount).containsExactly(0L, 2L);
            assertThat(storedAnswers()).containsOnly("Use the reset link.", "Track it online.");

            ImportJob updated = run(qa, "update.csv", utf8(again), ImportOptions.builder().duplicatePolicy(DuplicatePolicy.UPDATE).build());
            assertThat(updated).extracting(ImportJob::successCount, ImportJob::skippedCount).containsExactly(2L, 0L);
            assertThat(count("qa_pairs")).isEqualTo(2);
            assertThat(storedAnswers()).containsOnly("Version 2.", "Version 2 too.");
            // Updated pairs keep their original question text and id; they now belong to the job that wrote them last.
            assertThat(pairs(qa, updated.id())).extracting(QAPair::question)
                    .containsExactlyInAnyOrder("How do I reset my password?", "Where is my order?");
            assertThat(pairs(qa, original.id())).isEmpty();

            ImportJob created = run(qa, "create.csv", utf8(again), ImportOptions.builder().duplicatePolicy(DuplicatePolicy.CREATE).build());
            assertThat(created).extracting(ImportJob::successCount, ImportJob::skippedCount).containsExactly(2L, 0L);
            assertThat(count("qa_pairs")).isEqualTo(4);
            assertThat(pairs(qa, created.id())).extracting(QAPair::question)
                    .containsExactly("HOW DO I RESET MY PASSWORD?", "where is my order?");
        }
    }

    private List<String> storedAnswers() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT answer FROM qa_pairs").mapTo(String.class).list());
    }

    // ---------------------------------------------------------------- embeddings

    @Test
    void storesVectorsAsLittleEndianFloatsThatSearchReadsBack() {
        ScriptedEmbeddings provider = ScriptedEmbeddings.small();
        try (QaImport qa = builder().embeddingService(provider).embeddingInput(EmbeddingInput.question()).build()) {
            ImportJob job = run(qa, "faq.csv", E2e.csv("vec", 12) + row(HARD_TEXT.get(0) + "?", "Emoji answer", "", ""));

            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.embeddedCount()).isEqualTo(13);
            assertThat(pairs(qa, job.id())).extracting(QAPair::embeddingStatus).containsOnly(EmbeddingStatus.EMBEDDED);

            String question = HARD_TEXT.get(0) + "?";
            byte[] raw = db.jdbi().withHandle(h -> h.createQuery("SELECT v.vector FROM qa_pairs p JOIN qa_vectors v "
                    + "ON v.embedding_key = p.embedding_key WHERE p.question = :q").bind("q", question).mapTo(byte[].class).one());
            float[] expected = ScriptedEmbeddings.vectorOf(question);
            ByteBuffer le = ByteBuffer.allocate(expected.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : expected) {
                le.putFloat(f);
            }
            assertThat(raw).isEqualTo(le.array());

            List<SearchHit> hits = qa.search(question, 3);
            assertThat(hits).hasSize(3);
            assertThat(hits.get(0).question()).isEqualTo(question);
            assertThat(hits.get(0).answer()).isEqualTo("Emoji answer");
            assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-6));
            assertThat(hits.get(1).score()).isLessThan(hits.get(0).score());
        }
    }

    @Test
    void anInputTheProviderRejectsFailsAloneAndItsNeighboursAreEmbedded() {
        ScriptedEmbeddings provider = ScriptedEmbeddings.small().rejectInputs(s -> s.equals("Question rej-7?"));
        try (QaImport qa = builder().embeddingService(provider).embeddingInput(EmbeddingInput.question()).build()) {
            ImportJob job = run(qa, "faq.csv", E2e.csv("rej", 20));

            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job).extracting(ImportJob::successCount, ImportJob::embeddedCount, ImportJob::embeddingErrorCount)
                    .containsExactly(20L, 19L, 1L);
            assertThat(pairs(qa, job.id())).filteredOn(p -> p.embeddingStatus() == EmbeddingStatus.FAILED)
                    .extracting(QAPair::question).containsExactly("Question rej-7?");
        }
    }

    @Test
    void anOutageLeavesPairsPendingWithoutLosingThemAndRetryPendingEmbedsThem() {
        ScriptedEmbeddings provider = ScriptedEmbeddings.small().failNextCalls(1_000);
        try (QaImport qa = builder().embeddingService(provider).embeddingInput(EmbeddingInput.question()).build()) {
            ImportJob job = run(qa, "faq.csv", E2e.csv("out", 12));

            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.successCount()).isEqualTo(12);
            assertThat(job.embeddedCount()).isZero();
            assertThat(job.errorMessage()).contains("scripted outage").contains("12 pairs left pending; retry with retryPending");
            assertThat(pairs(qa, job.id())).extracting(QAPair::embeddingStatus).containsOnly(EmbeddingStatus.PENDING);

            provider.failNextCalls(0);
            EmbeddingResult retried = qa.retryPending(job.id());

            assertThat(retried.embedded()).isEqualTo(12);
            assertThat(retried.pending()).isZero();
            assertThat(qa.getJob(job.id()).orElseThrow().embeddedCount()).isEqualTo(12);
            assertThat(pairs(qa, job.id())).extracting(QAPair::embeddingStatus).containsOnly(EmbeddingStatus.EMBEDDED);
            assertThat(count("qa_vectors")).isEqualTo(12);
        }
    }

    // ---------------------------------------------------------------- a row the database refuses

    /**
     * The category column is {@code VARCHAR(1000)} on every database. With validation allowing
     * 2,000 characters, a 1,001-character category passes the core and is refused by the column:
     * the batch is bisected under savepoints and only that row becomes an error. On PostgreSQL
     * this also proves that the failed statement did not poison the batch's transaction.
     */
    @Test
    void aRowTheDatabaseRefusesIsIsolatedBySavepointsAndTheRestOfItsBatchIsStored() {
        StringBuilder csv = new StringBuilder("question,answer,category\n");
        for (int i = 1; i <= 25; i++) {
            csv.append("Question ").append(i).append("?,Answer ").append(i).append(',').append(i == 13 ? "k".repeat(1001) : "General").append('\n');
        }
        try (QaImport qa = builder().limits(Limits.defaults().withMaxCategoryLength(2_000)).build()) {
            ImportJob job = run(qa, "faq.csv", csv.toString());

            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job).extracting(ImportJob::totalRows, ImportJob::successCount, ImportJob::errorCount).containsExactly(25L, 24L, 1L);
            RowError error = errors(qa, job.id()).get(0);
            assertThat(error).extracting(RowError::row, RowError::line, RowError::field, RowError::code)
                    .containsExactly(13L, 14L, "row", ErrorCodes.DATABASE_REJECTED);
            assertThat(error.message()).startsWith("the database refused the row: ").containsIgnoringCase("too long")
                    .doesNotContain("kkkkkkkkkk");
            assertThat(pairs(qa, job.id())).extracting(QAPair::sourceRow)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 25).filter(r -> r != 13).boxed().collect(Collectors.toList()));
            assertThat(count("qa_pairs")).isEqualTo(24);
        }
    }

    // ---------------------------------------------------------------- text and time

    @Test
    void textRoundTripsByteForByteThroughTheWholeImport() {
        List<String> tags = List.of("👩‍👩‍👧‍👦", "🇺🇳", "漢字", "שלום", "e\u0301té", "𝄞𠜎");
        StringBuilder csv = new StringBuilder("question,answer,category,tags\n");
        for (int i = 0; i < HARD_TEXT.size(); i++) {
            csv.append(row(HARD_TEXT.get(i) + " #" + i + "?", HARD_TEXT.get(i) + "\n" + HARD_TEXT.get((i + 1) % HARD_TEXT.size()),
                    "Catégorie " + i + " " + tags.get(i), String.join(";", tags)));
        }
        try (QaImport qa = builder().build()) {
            ImportJob job = run(qa, "unicode.csv", csv.toString());

            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.successCount()).isEqualTo(HARD_TEXT.size());
            List<QAPair> stored = pairs(qa, job.id());
            Map<String, String> answerByQuestion = answersByQuestionAsStored();
            for (int i = 0; i < HARD_TEXT.size(); i++) {
                // The sanitizer's one change to such text: canonical composition (NFC).
                String question = nfc(HARD_TEXT.get(i) + " #" + i + "?");
                String answer = nfc(HARD_TEXT.get(i) + "\n" + HARD_TEXT.get((i + 1) % HARD_TEXT.size()));
                QAPair pair = stored.get(i);
                assertThat(utf8(pair.question())).as("question %d", i).isEqualTo(utf8(question));
                assertThat(utf8(pair.answer())).as("answer %d", i).isEqualTo(utf8(answer));
                assertThat(pair.category()).isEqualTo(nfc("Catégorie " + i + " " + tags.get(i)));
                assertThat(pair.tags()).containsExactlyElementsOf(tags.stream().map(AbstractEndToEndTest::nfc).collect(Collectors.toList()));
                assertThat(answerByQuestion).containsEntry(question, answer);
            }
            // Unchanged by the sanitizer except for composition: the database is what could break them.
            assertThat(stored.get(0).question()).isEqualTo(HARD_TEXT.get(0) + " #0?");
            assertThat(stored.get(2).question()).contains("\u200F(mixed)\u200E");
            assertThat(stored.get(3).question()).contains("é ä ñ");
        }
    }

    /** Columns read by plain SQL, not by the store's own mapping. */
    private Map<String, String> answersByQuestionAsStored() {
        Map<String, String> out = new LinkedHashMap<>();
        db.jdbi().useHandle(h -> h.createQuery("SELECT question, answer FROM qa_pairs")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    @Test
    void timestampsAreInstantsInUtcWhateverTheJvmZone() {
        assertThat(TimeZone.getDefault().getRawOffset()).as("the class runs far from UTC").isEqualTo(14 * 3_600_000);
        try (QaImport qa = builder().build()) {
            Instant before = Instant.now();
            ImportJob job = run(qa, "faq.csv", E2e.csv("time", 3));
            Instant after = Instant.now();

            ImportJob stored = qa.getJob(job.id()).orElseThrow();
            for (Instant t : List.of(stored.createdAt(), stored.startedAt(), stored.updatedAt(), stored.completedAt())) {
                assertThat(t).isBetween(before.minusSeconds(60), after.plusSeconds(60));
            }
            assertThat(stored.createdAt()).isBeforeOrEqualTo(stored.startedAt());
            assertThat(stored.startedAt()).isBeforeOrEqualTo(stored.completedAt());
            assertThat(pairs(qa, job.id())).allSatisfy(p -> assertThat(p.createdAt()).isBetween(before.minusSeconds(60), after.plusSeconds(60)));
            assertThat(qa.recentJobs(1).get(0).createdAt()).isEqualTo(stored.createdAt());
        }
    }

    // ---------------------------------------------------------------- cancellation and lease take-over

    @Test
    void cancellingARunningJobStopsItAfterTheCurrentBatchAndKeepsCommittedRows() {
        AtomicLong cancelledAt = new AtomicLong(-1);
        QaImport[] self = new QaImport[1];
        try (QaImport qa = builder().listener(new ImportListener() {
            @Override
            public void onImportProgress(ImportJob job) {
                // On the job's thread right after a commit. The first notice (the throttle lets it through at once) is
                // the only one sure to come before the last batch.
                if (cancelledAt.compareAndSet(-1, job.processedRows())) {
                    self[0].cancel(job.id());
                }
            }
        }).build()) {
            self[0] = qa;
            ImportJob job = run(qa, "faq.csv", E2e.csv("cancel", 300));

            assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(cancelledAt.get()).as("cancelled after the first batch").isEqualTo(10);
            assertThat(job.processedRows()).isIn(cancelledAt.get(), cancelledAt.get() + 10);
            assertThat(job.completedAt()).isNotNull();
            assertThat(count("qa_pairs")).isEqualTo(job.successCount()).isEqualTo(job.processedRows());
            assertThat(qa.recover()).isEmpty();
        }
    }

    @Test
    void anotherWorkerTakesOverAFrozenWorkersJobAndTheFrozenOneCannotCommit() throws Exception {
        PausingStore frozen = new PausingStore(store, 4);
        // B's clock is ahead of every lease A can hold: A's has run out for B at once, as it would after A's silence.
        java.time.Clock later = java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(1));
        try (QaImport a = builder().store(frozen).workerId("worker-a").leaseDuration(Duration.ofMillis(600)).build();
                QaImport b = builder().workerId("worker-b").leaseDuration(Duration.ofMillis(600)).clock(later).build()) {
            UUID id = a.startImport("faq.csv", new ByteArrayInputStream(utf8(E2e.csv("lease", 100))), ImportOptions.defaults());
            CompletableFuture<ImportJob> first = a.scheduleImport(id);
            frozen.awaitPaused();
            assertThat(b.getJob(id).orElseThrow().leaseExpiresAt()).isBefore(later.instant());

            List<ImportJob> recovered = b.recover();
            frozen.resume();
            first.get(30, TimeUnit.SECONDS);

            assertThat(recovered).singleElement().satisfies(j -> {
                assertThat(j.status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(j.attempt()).isEqualTo(2);
            });
            ImportJob job = b.getJob(id).orElseThrow();
            assertThat(job).extracting(ImportJob::status, ImportJob::totalRows, ImportJob::successCount)
                    .containsExactly(JobStatus.COMPLETED, 100L, 100L);
            assertThat(pairs(b, id)).extracting(QAPair::sourceRow).doesNotHaveDuplicates().hasSize(100);
            assertThat(count("qa_pairs")).isEqualTo(100);
        }
    }

    // ---------------------------------------------------------------- the caller's own pool

    @Test
    void worksOnTheCallersOwnPoolAndNeverClosesIt() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setPoolName("callers-own-pool");
        config.setMaximumPoolSize(4);
        try (HikariDataSource mine = new HikariDataSource(config)) {
            SchemaInstaller.install(mine);
            JdbcImportStore theirs = JdbcImportStore.create(mine);
            QaImport qa = QaImport.builder().store(theirs).recoveryInterval(Duration.ZERO).build();
            UUID id = qa.startImport("faq.csv", utf8(E2e.csv("pool", 20)), null);
            assertThat(qa.awaitJob(id, Duration.ofSeconds(30)).status()).isEqualTo(JobStatus.COMPLETED);
            qa.close();
            theirs.close();

            assertThat(mine.isClosed()).isFalse();
            try (Connection c = mine.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM qa_pairs")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(20);
            }
            try (JdbcImportStore again = JdbcImportStore.create(mine);
                    QaImport second = QaImport.builder().store(again).autoStart(false).recoveryInterval(Duration.ZERO).build()) {
                assertThat(run(second, "more.csv", E2e.csv("pool-2", 5)).successCount()).isEqualTo(5);
            }
            assertThat(mine.isClosed()).isFalse();
        }
    }

    // ---------------------------------------------------------------- injection

    @Test
    void sqlInRowsThatFailIsRecordedAsTextInTheRowErrorsAndRunsNowhere() throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (String p : SQL_PAYLOADS) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("question", p);
            record.put("answer", "");
            lines.append(json.writeValueAsString(record)).append('\n');
        }
        try (QaImport qa = builder().build()) {
            ImportJob job = run(qa, "'; DELETE FROM import_row_errors; --.jsonl", utf8(lines.toString()), ImportOptions.defaults());

            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.errorCount()).isEqualTo(SQL_PAYLOADS.size());
            List<RowError> errors = qa.getErrors(job.id(), 0, 1_000);
            assertThat(errors).hasSize(SQL_PAYLOADS.size()).allSatisfy(e -> assertThat(e.field()).isEqualTo("answer"));
            for (int i = 0; i < SQL_PAYLOADS.size(); i++) {
                String p = SQL_PAYLOADS.get(i);
                if (p.chars().noneMatch(Character::isISOControl) && p.length() <= 500) {
                    assertThat(errors.get(i).question()).as("the original question, verbatim").isEqualTo(p);
                }
            }
        }
        assertThat(count("import_jobs")).isEqualTo(1);
        assertThat(count("import_row_errors")).isEqualTo(SQL_PAYLOADS.size());
        assertThat(count("qa_pairs")).isZero();
    }

    @Test
    void sqlInEveryFieldAndInTheFilenameIsStoredAsTextAndRunsNowhere() throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (String p : SQL_PAYLOADS) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("question", p);
            record.put("answer", p);
            record.put("category", p);
            record.put("tags", List.of(p.length() > 50 ? p.substring(0, 50) : p, "x"));
            lines.append(json.writeValueAsString(record)).append('\n');
        }
        String filename = "'; DROP TABLE import_jobs; --\" OR 1=1 \\ $$ %_.jsonl";
        Sanitizer sanitizer = new Sanitizer(AnswerFormat.BASIC_HTML);
        try (QaImport qa = builder().build()) {
            ImportJob job = run(qa, filename, utf8(lines.toString()), ImportOptions.defaults());

            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.filename()).isEqualTo(filename);
            assertThat(job.successCount()).isEqualTo(SQL_PAYLOADS.size());
            List<QAPair> stored = pairs(qa, job.id());
            for (int i = 0; i < SQL_PAYLOADS.size(); i++) {
                String p = SQL_PAYLOADS.get(i);
                String tag = p.length() > 50 ? p.substring(0, 50) : p;
                assertThat(stored.get(i)).extracting(QAPair::question, QAPair::answer, QAPair::category, QAPair::tags)
                        .containsExactly(sanitizer.question(p), sanitizer.answer(p), sanitizer.label(p), List.of(sanitizer.label(tag), "x"));
                if (p.chars().noneMatch(Character::isISOControl)) {
                    assertThat(stored.get(i).question()).as("verbatim").isEqualTo(p);
                    assertThat(stored.get(i).answer()).as("verbatim").isEqualTo(p);
                }
            }
            assertThat(stored.get(9).question()).isEqualTo("ctl[2J end");
            assertThat(qa.recentJobs(5)).extracting(ImportJob::filename).containsExactly(filename);
            assertThat(store.queries().countPairs(job.id())).isEqualTo(SQL_PAYLOADS.size());
        }
        assertThat(count("import_jobs")).isEqualTo(1);
        assertThat(count("qa_pairs")).isEqualTo(SQL_PAYLOADS.size());
        assertThat(count("import_row_errors")).isZero();
        assertThat(count("qa_vectors")).isZero();
        assertThat(count("import_payload_chunks")).isZero();
    }

    @Test
    void aFilenameIsOnlyADisplayNameAndNeverAPath(@TempDir Path root) throws Exception {
        Path payloads = root.resolve("data").resolve("payloads");
        String absolute = root.resolve("outside-" + UUID.randomUUID() + ".csv").toString();
        List<String> names = List.of("../../etc/passwd", "../outside.csv", absolute, "..\\..\\windows\\win.ini", "faq.csv\u0000.sh",
                "'; DROP TABLE import_jobs; --");
        List<UUID> ids = new ArrayList<>();
        try (QaImport qa = builder().payloadStore(FilePayloadStore.create(payloads)).keepPayloads(true).build()) {
            for (int i = 0; i < names.size(); i++) {
                ImportJob job = run(qa, names.get(i), utf8(E2e.csv("path-" + i, 2)), ImportOptions.builder().sourceType(SourceType.CSV).build());
                assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(job.successCount()).isEqualTo(2);
                ids.add(job.id());
            }
            assertThat(qa.recentJobs(10)).extracting(ImportJob::filename).containsExactlyInAnyOrder("../../etc/passwd", "../outside.csv",
                    absolute, "..\\..\\windows\\win.ini", "faq.csv.sh", "'; DROP TABLE import_jobs; --");
        }
        Set<Path> files;
        try (Stream<Path> all = Files.walk(root)) {
            files = all.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> payloads.resolve(id + ".payload")).collect(Collectors.toList()));
        assertThat(Path.of(absolute)).doesNotExist();
        assertThat(count("import_jobs")).isEqualTo(names.size());
    }
}
