package dev.qaimport.e2e;

import static dev.qaimport.e2e.E2e.run;
import static dev.qaimport.e2e.E2e.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.DryRunReport;
import dev.qaimport.EmbeddingInput;
import dev.qaimport.ImportException;
import dev.qaimport.ImportListener;
import dev.qaimport.ImportOptions;
import dev.qaimport.ProgressCallback;
import dev.qaimport.QaImport;
import dev.qaimport.SearchHit;
import dev.qaimport.Worker;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.SchemaInstaller;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.Reembedding;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.testing.ScriptedEmbeddings;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Collections (knowledge bases) in one database, run once per database by a subclass: each one's
 * duplicates, updates, search, job control, workers and re-embeddings stay within it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractCollectionsTest {
    private static final EmbeddingLimits LIMITS = new EmbeddingLimits(8, 10_000, 1_000, 2);
    private static final String FAQ = "question,answer\nHow do I reset my password?,Use the reset link.\n"
            + "Where is my order?,Track it online.\nCan I pay by card?,Yes.\n";

    protected TestDatabase db;
    protected JdbcImportStore store;

    protected abstract TestDatabase openDatabase();

    @BeforeAll
    void openStore() {
        db = openDatabase();
        SchemaInstaller.install(db.dataSource());
        store = JdbcImportStore.create(db.dataSource());
    }

    @AfterAll
    void closeStore() {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void emptyTables() {
        db.clean();
    }

    private QaImport.Builder builder() {
        return QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).batchSize(10)
                .leaseDuration(Duration.ofSeconds(5)).shutdownTimeout(Duration.ofSeconds(10))
                .embeddingService(new ScriptedEmbeddings("alpha", LIMITS));
    }

    private static Set<UUID> ids(List<QAPair> pairs) {
        return pairs.stream().map(QAPair::id).collect(Collectors.toSet());
    }

    private long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void twoCollectionsImportTheSameQuestionsWithoutSkippingEachOthersRows() {
        try (QaImport qa = builder().build()) {
            QaImport acme = qa.inCollection("acme");
            QaImport globex = qa.inCollection("globex");

            ImportJob a = run(acme, "faq.csv", FAQ);
            ImportJob g = run(globex, "faq.csv", FAQ);
            ImportJob again = run(acme, "faq.csv", FAQ);

            assertThat(a).extracting(ImportJob::collection, ImportJob::successCount, ImportJob::skippedCount)
                    .containsExactly("acme", 3L, 0L);
            assertThat(g).extracting(ImportJob::collection, ImportJob::successCount, ImportJob::skippedCount)
                    .containsExactly("globex", 3L, 0L);
            assertThat(again.skippedCount()).as("duplicates are found within a collection").isEqualTo(3);
            assertThat(E2e.pairs(acme, a.id())).extracting(QAPair::collection).containsOnly("acme");
            assertThat(count("SELECT COUNT(*) FROM qa_pairs")).isEqualTo(6);
            assertThat(qa.collection()).isEqualTo("default");
            assertThat(qa.recentJobs(10)).as("the default collection has none of them").isEmpty();
        }
    }

    @Test
    void anUpdateInOneCollectionNeverTouchesTheOther() {
        try (QaImport qa = builder().build()) {
            ImportJob g = run(qa.inCollection("globex"), "faq.csv", FAQ);
            run(qa.inCollection("acme"), "faq.csv", FAQ);

            ImportJob updated = run(qa.inCollection("acme"), "v2.csv", utf8("question,answer\nHOW DO I RESET MY PASSWORD?,Version 2.\n"),
                    ImportOptions.builder().duplicatePolicy(DuplicatePolicy.UPDATE).build());

            assertThat(updated).extracting(ImportJob::successCount, ImportJob::skippedCount).containsExactly(1L, 0L);
            assertThat(E2e.pairs(qa.inCollection("acme"), updated.id())).extracting(QAPair::answer).containsExactly("Version 2.");
            assertThat(E2e.pairs(qa.inCollection("globex"), g.id())).extracting(QAPair::answer)
                    .containsExactly("Use the reset link.", "Track it online.", "Yes.");
        }
    }

    @Test
    void searchInOneCollectionNeverReturnsAnothersPairsAlsoWhenTheyShareCachedVectors() {
        try (QaImport qa = builder().build()) {
            ImportJob a = run(qa.inCollection("acme"), "faq.csv", FAQ);
            ImportJob g = run(qa.inCollection("globex"), "faq.csv", FAQ);
            assertThat(count("SELECT COUNT(*) FROM qa_vectors")).as("identical texts share one cached vector").isEqualTo(3);
            String query = EmbeddingInput.questionAndAnswer().render("Where is my order?", "Track it online.", null, List.of());

            List<SearchHit> inAcme = qa.inCollection("acme").search(query, 10);
            List<SearchHit> inGlobex = qa.inCollection("globex").search(query, 10);

            assertThat(inAcme).hasSize(3).extracting(SearchHit::pairId).allMatch(ids(E2e.pairs(qa.inCollection("acme"), a.id()))::contains);
            assertThat(inGlobex).hasSize(3).extracting(SearchHit::pairId)
                    .allMatch(ids(E2e.pairs(qa.inCollection("globex"), g.id()))::contains);
            assertThat(inAcme.get(0).question()).isEqualTo("Where is my order?");
            assertThat(qa.search(query, 10)).as("the default collection is empty").isEmpty();
        }
    }

    @Test
    void aJobOfOneCollectionCannotBeSeenRetriedCancelledOrRunThroughAnother() {
        try (QaImport qa = builder().build()) {
            QaImport acme = qa.inCollection("acme");
            QaImport globex = qa.inCollection("globex");
            UUID pending = acme.startImport("faq.csv", new ByteArrayInputStream(utf8(FAQ)), ImportOptions.defaults());
            ImportJob done = run(acme, "errors.csv", "question,answer\n,No question.\nWhat?,An answer.\n");

            assertThat(globex.getJob(pending)).isEmpty();
            assertThat(globex.recentJobs(10)).isEmpty();
            assertThat(globex.processingJobs(10)).isEmpty();
            assertThat(globex.getErrors(done.id(), 0, 10)).isEmpty();
            assertThat(acme.getErrors(done.id(), 0, 10)).hasSize(1);
            assertThat(globex.getPairs(done.id(), 0, 10)).isEmpty();
            assertThat(globex.getEmbeddingProfile(done.id())).isEmpty();
            assertThat(globex.cancel(pending)).isFalse();
            for (var call : List.<Runnable>of(() -> globex.processImport(pending), () -> globex.retry(pending),
                    () -> globex.scheduleImport(pending), () -> globex.awaitJob(pending, Duration.ZERO),
                    () -> globex.retryPending(done.id()), () -> globex.reembed(new ScriptedEmbeddings("beta", LIMITS), done.id()))) {
                assertThatThrownBy(call::run).isInstanceOfSatisfying(ImportException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCodes.NOT_FOUND)).hasMessageContaining(" in collection globex");
            }
            assertThat(acme.getJob(pending)).get().extracting(ImportJob::status).isEqualTo(JobStatus.PENDING);
            assertThat(acme.cancel(pending)).isTrue();
            assertThat(acme.recentJobs(10)).extracting(ImportJob::id).containsExactly(done.id(), pending);
        }
    }

    @Test
    void optionsNameTheCollectionOfAJobStartedThroughAnother() {
        try (QaImport qa = builder().build()) {
            UUID id = qa.startImport("faq.csv", new ByteArrayInputStream(utf8(FAQ)), ImportOptions.builder().collection("acme").build());

            assertThat(qa.getJob(id)).isEmpty();
            assertThat(qa.inCollection("acme").processImport(id).successCount()).isEqualTo(3);
        }
    }

    @Test
    void aDryRunLooksForDuplicatesInItsOwnCollection() {
        try (QaImport qa = builder().build()) {
            run(qa.inCollection("acme"), "faq.csv", FAQ);

            DryRunReport acme = qa.inCollection("acme").dryRun("faq.csv", new ByteArrayInputStream(utf8(FAQ)), ImportOptions.defaults(), 10,
                    e -> { });
            DryRunReport globex = qa.inCollection("globex").dryRun("faq.csv", new ByteArrayInputStream(utf8(FAQ)), ImportOptions.defaults(),
                    10, e -> { });

            assertThat(acme).extracting(DryRunReport::wouldCreate, DryRunReport::wouldSkip).containsExactly(0L, 3L);
            assertThat(globex).extracting(DryRunReport::wouldCreate, DryRunReport::wouldSkip).containsExactly(3L, 0L);
        }
    }

    @Test
    void workersOfTwoCollectionsServeOnlyTheirOwnJobsAtOnce() throws Exception {
        UUID a;
        UUID g;
        try (QaImport web = builder().build()) {
            a = web.inCollection("acme").startImport("a.csv", new ByteArrayInputStream(utf8(FAQ)), ImportOptions.defaults());
            g = web.inCollection("globex").startImport("g.csv", new ByteArrayInputStream(utf8(FAQ)), ImportOptions.defaults());
        }
        Set<String> finishedBy = ConcurrentHashMap.newKeySet();
        CountDownLatch both = new CountDownLatch(2);
        QaImport.Builder acmeWorker = builder().collection("acme").workerId("worker-acme").listener(finished("acme", finishedBy, both));
        QaImport.Builder globexWorker = builder().collection("globex").workerId("worker-globex")
                .listener(finished("globex", finishedBy, both));
        try (QaImport forAcme = acmeWorker.build(); QaImport forGlobex = globexWorker.build();
                Worker w1 = forAcme.startWorker(1, Duration.ofMillis(20)); Worker w2 = forGlobex.startWorker(1, Duration.ofMillis(20))) {
            assertThat(both.await(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(finishedBy).containsExactlyInAnyOrder("acme:" + a, "globex:" + g);
    }

    @Test
    void recoverInACollectionRunsOnlyThatCollectionsJobs() {
        UUID a;
        UUID g;
        try (QaImport web = builder().build()) {
            a = web.inCollection("acme").startImport("a.csv", new ByteArrayInputStream(utf8(FAQ)), ImportOptions.defaults());
            g = web.inCollection("globex").startImport("g.csv", new ByteArrayInputStream(utf8(FAQ)), ImportOptions.defaults());
        }
        try (QaImport worker = builder().collection("acme").build()) {
            assertThat(worker.recover()).extracting(ImportJob::id).containsExactly(a);
            assertThat(worker.inCollection("globex").getJob(g)).get().extracting(ImportJob::status).isEqualTo(JobStatus.PENDING);
        }
        try (QaImport everyCollection = builder().build()) {
            assertThat(everyCollection.recover()).as("an instance given no collection recovers every one").extracting(ImportJob::id)
                    .containsExactly(g);
        }
    }

    /** A listener that records which collection's instance finished which job. */
    private static ImportListener finished(String collection, Set<String> finishedBy, CountDownLatch latch) {
        return new ImportListener() {
            @Override
            public void onJobFinished(ImportJob job) {
                finishedBy.add(collection + ":" + job.id());
                latch.countDown();
            }
        };
    }

    @Test
    void reembeddingsOfTwoCollectionsRunSideBySideAndMoveOnlyTheirOwnPairs() {
        try (QaImport qa = builder().build()) {
            run(qa.inCollection("acme"), "faq.csv", FAQ);
            run(qa.inCollection("globex"), "faq.csv", FAQ);
            UUID inAcme = qa.inCollection("acme").reembed(new ScriptedEmbeddings("beta", LIMITS), null);
            UUID inGlobex = qa.inCollection("globex").reembed(new ScriptedEmbeddings("gamma", LIMITS), null);

            assertThat(qa.inCollection("acme").processReembedding(inAcme, ProgressCallback.NONE))
                    .extracting(Reembedding::status, Reembedding::totalPairs, Reembedding::embedded)
                    .containsExactly(JobStatus.COMPLETED, 3L, 3L);
            assertThat(count("SELECT COUNT(*) FROM qa_pairs p JOIN qa_vectors v ON v.embedding_key = p.embedding_key "
                    + "WHERE p.collection = 'globex' AND v.model = 'alpha'")).as("globex still on its model").isEqualTo(3);
            assertThat(qa.inCollection("globex").getReembedding(inAcme)).isEmpty();
            assertThat(qa.inCollection("globex").recentReembeddings(5)).extracting(Reembedding::id).containsExactly(inGlobex);
            assertThat(qa.inCollection("globex").processReembedding(inGlobex, ProgressCallback.NONE).status())
                    .isEqualTo(JobStatus.COMPLETED);
            assertThat(count("SELECT COUNT(*) FROM qa_pairs p JOIN qa_vectors v ON v.embedding_key = p.embedding_key "
                    + "WHERE p.collection = 'acme' AND v.model = 'beta'")).isEqualTo(3);
            assertThat(count("SELECT COUNT(*) FROM qa_pairs p JOIN qa_vectors v ON v.embedding_key = p.embedding_key "
                    + "WHERE p.collection = 'globex' AND v.model = 'gamma'")).isEqualTo(3);
        }
    }

    @Test
    void hostileCollectionNamesAreRefusedBeforeTheyReachTheDatabase() {
        try (QaImport qa = builder().build()) {
            for (String name : List.of("", "a'b", "x; DROP TABLE qa_pairs", "a".repeat(65), "nul\u0000", "new\nline", "é")) {
                assertThatThrownBy(() -> qa.inCollection(name)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("collection name ");
                assertThatThrownBy(() -> ImportOptions.builder().collection(name)).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(count("SELECT COUNT(*) FROM import_jobs")).isZero();
        }
    }
}
