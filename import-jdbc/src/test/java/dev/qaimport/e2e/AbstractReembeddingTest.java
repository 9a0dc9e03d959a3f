package dev.qaimport.e2e;

import static dev.qaimport.e2e.E2e.run;
import static dev.qaimport.e2e.E2e.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.EmbeddingInput;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.ProgressCallback;
import dev.qaimport.QaImport;
import dev.qaimport.SearchHit;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.SchemaInstaller;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.Reembedding;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.testing.ScriptedEmbeddings;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Re-embedding through {@link QaImport}, run once per database by a subclass: pairs move to a
 * second model while search keeps the first, a crash in the middle resumes without losing or
 * repeating a pair, the vector cache answers for texts it has, and pairs that change meanwhile
 * end with vectors of their new text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractReembeddingTest {
    /** Four inputs per call, two calls at once: a file of 40 rows takes ten calls. */
    private static final EmbeddingLimits LIMITS = new EmbeddingLimits(4, 10_000, 1_000, 2);

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

    private QaImport.Builder builder(dev.qaimport.spi.ImportStore on) {
        return QaImport.builder().store(on).autoStart(false).recoveryInterval(Duration.ZERO).batchSize(10)
                .leaseDuration(Duration.ofSeconds(5)).shutdownTimeout(Duration.ofSeconds(10));
    }

    private static ScriptedEmbeddings model(String name) {
        return new ScriptedEmbeddings(name, LIMITS);
    }

    /** The model of each pair's current vector, by question. */
    private Map<String, String> modelByQuestion() {
        Map<String, String> out = new HashMap<>();
        db.jdbi().withHandle(h -> h.createQuery("SELECT p.question, v.model FROM qa_pairs p "
                + "LEFT JOIN qa_vectors v ON v.embedding_key = p.embedding_key").map((rs, ctx) -> {
                    out.put(rs.getString("question"), rs.getString("model"));
                    return null;
                }).list());
        return out;
    }

    private long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** The embedded text of row {@code i} of {@code E2e.csv("q", n)}: a query for exactly it finds it first. */
    private static String text(int i) {
        return EmbeddingInput.questionAndAnswer().render("Question q-" + i + "?", "Answer " + i + ".", "General", List.of("a", "b"));
    }

    @Test
    void movesEveryPairToTheNewModelWhileSearchKeepsTheOldOneUntilAllHaveIt() throws Exception {
        ScriptedEmbeddings alpha = model("alpha");
        ScriptedEmbeddings beta = model("beta").holdFrom(3);
        try (QaImport qa = builder(store).embeddingService(alpha).build()) {
            ImportJob job = run(qa, "faq.csv", E2e.csv("q", 40));
            assertThat(job.embeddedCount()).isEqualTo(40);

            UUID id = qa.reembed(beta, null);
            List<long[]> progress = new CopyOnWriteArrayList<>();
            CompletableFuture<Reembedding> running = CompletableFuture.supplyAsync(
                    () -> qa.processReembedding(id, (done, total) -> progress.add(new long[] {done, total})));
            beta.awaitCalls(3);

            // Meanwhile: every pair still has its alpha vector, and search finds them with alpha.
            assertThat(modelByQuestion()).hasSize(40).allSatisfy((q, m) -> assertThat(m).isEqualTo("alpha"));
            List<SearchHit> hits = qa.search(text(7), 1);
            assertThat(hits).extracting(SearchHit::question).containsExactly("Question q-7?");
            assertThat(qa.getReembedding(id)).get().extracting(Reembedding::status).isEqualTo(JobStatus.PROCESSING);

            beta.release();
            Reembedding done = running.get(60, TimeUnit.SECONDS);

            assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(done).extracting(Reembedding::totalPairs, Reembedding::embedded, Reembedding::failed, Reembedding::attempt)
                    .containsExactly(40L, 40L, 0L, 1);
            assertThat(modelByQuestion()).hasSize(40).allSatisfy((q, m) -> assertThat(m).isEqualTo("beta"));
            assertThat(beta.inputsSent()).isEqualTo(40);
            assertThat(progress).isNotEmpty();
            assertThat(progress.get(progress.size() - 1)).containsExactly(40, 40);
            assertThat(count("SELECT COUNT(*) FROM qa_reembedding_pairs")).as("staged rows go at the switch").isZero();
            assertThat(qa.getJob(job.id()).orElseThrow().embeddedCount()).isEqualTo(40);
            assertThat(qa.getEmbeddingProfile(job.id()).map(EmbeddingProfile::model)).contains("beta");
        }
        // A process of the old model alone cannot search any more, and says why; one of the new model can.
        try (QaImport old = builder(store).embeddingService(model("alpha")).build()) {
            assertThatThrownBy(() -> old.search(text(7), 1))
                    .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.EMBEDDING))
                    .hasMessage("the pairs of collection default were re-embedded with custom beta; search needs a provider of it, and this instance "
                            + "embeds with custom alpha");
        }
        try (QaImport neu = builder(store).embeddingService(model("beta")).build()) {
            assertThat(neu.search(text(7), 1)).extracting(SearchHit::question).containsExactly("Question q-7?");
        }
    }

    @Test
    void aCrashInTheMiddleIsResumedByAnotherProcessWithEveryPairEmbeddedExactlyOnce() {
        try (QaImport qa = builder(store).embeddingService(model("alpha")).build()) {
            run(qa, "faq.csv", E2e.csv("q", 40));
        }
        ScriptedEmbeddings first = model("beta");
        DyingStore dying = new DyingStore(store, 1);
        UUID id;
        try (QaImport doomed = builder(dying).embeddingService(first).build()) {
            id = doomed.reembed(first, null);
            Reembedding left = doomed.processReembedding(id, ProgressCallback.NONE);
            assertThat(dying.dead()).isTrue();
            assertThat(left.status()).as("the dead process could not even give its lease back").isEqualTo(JobStatus.PROCESSING);
        }
        Reembedding crashed = store.reembeddings().find(id).orElseThrow();
        long stagedByTheDead = count("SELECT COUNT(*) FROM qa_reembedding_pairs");
        assertThat(stagedByTheDead).isEqualTo(crashed.embedded()).isBetween(4L, 32L);
        List<String> stagedQuestions = db.jdbi().withHandle(h -> h.createQuery("SELECT p.question FROM qa_reembedding_pairs s "
                + "JOIN qa_pairs p ON p.id = s.pair_id").mapTo(String.class).list());
        assertThat(modelByQuestion()).allSatisfy((q, m) -> assertThat(m).isEqualTo("alpha"));

        // Another process, once the lease has expired, finds it, takes it up and finishes it.
        ScriptedEmbeddings second = model("beta");
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));
        Reembedding rescued;
        try (QaImport rescuer = builder(store).embeddingService(second).clock(later).build()) {
            assertThat(rescuer.recentReembeddings(5)).extracting(Reembedding::id).containsExactly(id);
            rescued = rescuer.processReembedding(id, ProgressCallback.NONE);

            assertThat(rescued.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(rescued).extracting(Reembedding::embedded, Reembedding::attempt).containsExactly(40L, 2);
        }
        // What the dead process had embedded but not staged came from the cache it had filled.
        assertThat(second.inputsSent() + rescued.reused()).isEqualTo(40 - stagedByTheDead);
        assertThat(second.calls().stream().flatMap(List::stream).distinct().count()).isEqualTo(second.inputsSent());
        assertThat(second.calls().stream().flatMap(List::stream))
                .as("no pair staged before the crash was sent again")
                .noneMatch(text -> stagedQuestions.stream().anyMatch(text::startsWith));
        assertThat(modelByQuestion()).hasSize(40).allSatisfy((q, m) -> assertThat(m).isEqualTo("beta"));
        assertThat(count("SELECT COUNT(*) FROM qa_pairs WHERE embedding_status = 'EMBEDDED'")).isEqualTo(40);
    }

    @Test
    void movingBackToAModelTheCacheHoldsAsksTheProviderForNothing() {
        ScriptedEmbeddings alpha = model("alpha");
        try (QaImport qa = builder(store).embeddingService(alpha).build()) {
            run(qa, "faq.csv", E2e.csv("q", 12));
            Reembedding toBeta = qa.processReembedding(qa.reembed(model("beta"), null), ProgressCallback.NONE);
            assertThat(toBeta.reused()).isZero();
            int callsBefore = alpha.calls().size();

            Reembedding back = qa.processReembedding(qa.reembed(alpha, null), ProgressCallback.NONE);

            assertThat(back).extracting(Reembedding::status, Reembedding::embedded, Reembedding::reused)
                    .containsExactly(JobStatus.COMPLETED, 12L, 12L);
            assertThat(alpha.calls()).hasSize(callsBefore);
            assertThat(modelByQuestion()).allSatisfy((q, m) -> assertThat(m).isEqualTo("alpha"));
            assertThat(qa.search(text(3), 1)).extracting(SearchHit::question).containsExactly("Question q-3?");
        }
    }

    @Test
    void oneJobsPairsMoveAndTheOthersKeepTheirModel() {
        try (QaImport qa = builder(store).embeddingService(model("alpha")).duplicatePolicy(DuplicatePolicy.CREATE).build()) {
            ImportJob a = run(qa, "a.csv", E2e.csv("a", 5));
            ImportJob none = run(qa, "b.csv", utf8(E2e.csv("b", 4)),
                    ImportOptions.builder().embeddingProfile(EmbeddingProfile.none()).build());
            assertThat(none.embeddedCount()).isZero();

            Reembedding r = qa.processReembedding(qa.reembed(model("beta"), none.id()), ProgressCallback.NONE);

            assertThat(r).extracting(Reembedding::jobId, Reembedding::totalPairs, Reembedding::embedded)
                    .containsExactly(none.id(), 4L, 4L);
            Map<String, String> models = modelByQuestion();
            assertThat(models).containsEntry("Question a-1?", "alpha").containsEntry("Question b-1?", "beta");
            assertThat(qa.getJob(none.id()).orElseThrow().embeddedCount()).as("a job that asked for none is embedded by a re-embedding")
                    .isEqualTo(4);
            assertThat(qa.getEmbeddingProfile(none.id()).map(EmbeddingProfile::model)).contains("beta");
            assertThat(qa.getEmbeddingProfile(a.id()).map(EmbeddingProfile::model)).contains("alpha");
        }
    }

    @Test
    void aPairUpdatedWhileItIsReembeddedEndsWithTheVectorOfItsNewText() throws Exception {
        ScriptedEmbeddings beta = model("beta").holdFrom(2);
        try (QaImport qa = builder(store).embeddingService(model("alpha")).build()) {
            run(qa, "faq.csv", E2e.csv("q", 8));
            UUID id = qa.reembed(beta, null);
            CompletableFuture<Reembedding> running = CompletableFuture.supplyAsync(() -> qa.processReembedding(id, ProgressCallback.NONE));
            beta.awaitCalls(2);
            // All eight pairs were read (one claim's worth) before two of them change now.
            run(qa, "update.csv", utf8("question,answer\nQuestion q-1?,A new answer.\nQuestion q-6?,Another new answer.\n"),
                    ImportOptions.builder().duplicatePolicy(DuplicatePolicy.UPDATE).build());
            beta.release();
            assertThat(running.get(60, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.COMPLETED);
        }
        assertThat(modelByQuestion()).hasSize(8).allSatisfy((q, m) -> assertThat(m).isEqualTo("beta"));
        assertThat(beta.calls().stream().flatMap(List::stream))
                .as("the new text was embedded with the new model")
                .anyMatch(text -> text.contains("A new answer.")).anyMatch(text -> text.contains("Another new answer."));
        // Its vector is that of its new text: the query of exactly that text finds it with a cosine of 1.
        String newText = EmbeddingInput.questionAndAnswer().render("Question q-1?", "A new answer.", null, List.of());
        try (QaImport neu = builder(store).embeddingService(model("beta")).build()) {
            List<SearchHit> hits = neu.search(newText, 1);
            assertThat(hits).extracting(SearchHit::question).containsExactly("Question q-1?");
            assertThat(hits.get(0).score()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void rejectedInputsEndFailedWithTheReasonAndTheRestMove() {
        try (QaImport qa = builder(store).embeddingService(model("alpha")).build()) {
            run(qa, "faq.csv", E2e.csv("q", 10));
            ScriptedEmbeddings picky = model("beta").rejectInputs(s -> s.startsWith("Question q-3?"));

            Reembedding r = qa.processReembedding(qa.reembed(picky, null), ProgressCallback.NONE);

            assertThat(r).extracting(Reembedding::status, Reembedding::embedded, Reembedding::failed)
                    .containsExactly(JobStatus.COMPLETED, 9L, 1L);
            assertThat(count("SELECT COUNT(*) FROM qa_pairs WHERE embedding_status = 'FAILED' AND embedding_key IS NULL "
                    + "AND embedding_error LIKE '%input rejected%'")).isEqualTo(1);
        }
    }

    @Test
    void cancellingKeepsTheOldVectorsAndAllowsAnotherReembedding() throws Exception {
        ScriptedEmbeddings beta = model("beta").holdFrom(2);
        try (QaImport qa = builder(store).embeddingService(model("alpha")).build()) {
            run(qa, "faq.csv", E2e.csv("q", 20));
            UUID id = qa.reembed(beta, null);
            assertThat(qa.reembed(beta, null)).as("the same re-embedding again is the unfinished one").isEqualTo(id);
            assertThatThrownBy(() -> qa.reembed(model("gamma"), null))
                    .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.ILLEGAL_STATE))
                    .hasMessageContaining("re-embedding " + id + " of every pair to custom beta: PENDING")
                    .hasMessageEndingWith("is unfinished: let it complete or cancel it before starting another");
            CompletableFuture<Reembedding> running = CompletableFuture.supplyAsync(() -> qa.processReembedding(id, ProgressCallback.NONE));
            beta.awaitCalls(2);

            assertThat(qa.cancelReembedding(id)).isTrue();
            beta.release();
            Reembedding r = running.get(60, TimeUnit.SECONDS);

            assertThat(r.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(qa.cancelReembedding(id)).isFalse();
            assertThat(count("SELECT COUNT(*) FROM qa_reembedding_pairs")).isZero();
            assertThat(modelByQuestion()).allSatisfy((q, m) -> assertThat(m).isEqualTo("alpha"));
            Reembedding gamma = qa.processReembedding(qa.reembed(model("gamma"), null), ProgressCallback.NONE);
            assertThat(gamma.status()).isEqualTo(JobStatus.COMPLETED);
        }
        assertThat(modelByQuestion()).allSatisfy((q, m) -> assertThat(m).isEqualTo("gamma"));
    }

    @Test
    void aWorkerOfAnotherProcessTakesUpAReembeddingItHasTheProviderFor() {
        UUID id;
        try (QaImport web = builder(store).embeddingService(model("alpha")).build()) {
            run(web, "faq.csv", E2e.csv("q", 12));
            id = web.reembed(model("beta"), null);
        }
        ScriptedEmbeddings beta = model("beta");
        try (QaImport worker = builder(store).embeddingService(beta).build();
                dev.qaimport.Worker w = worker.startWorker(1, Duration.ofMillis(20))) {
            Reembedding done = worker.awaitReembedding(id, Duration.ofSeconds(60));

            assertThat(done).extracting(Reembedding::status, Reembedding::embedded, Reembedding::attempt)
                    .containsExactly(JobStatus.COMPLETED, 12L, 1);
        }
        assertThat(beta.inputsSent()).isEqualTo(12);
        assertThat(modelByQuestion()).allSatisfy((q, m) -> assertThat(m).isEqualTo("beta"));
    }

    @Test
    void anOutageStopsTheAttemptAndTheNextOneGoesOnWhereItStopped() {
        try (QaImport qa = builder(store).embeddingService(model("alpha")).build()) {
            run(qa, "faq.csv", E2e.csv("q", 16));
        }
        ScriptedEmbeddings flaky = model("beta").failFatally("provider down (HTTP 401)");
        UUID id;
        try (QaImport qa = builder(store).embeddingService(model("alpha")).build()) {
            id = qa.reembed(flaky, null);
            Reembedding stopped = qa.processReembedding(id, ProgressCallback.NONE);
            assertThat(stopped.status()).isEqualTo(JobStatus.PROCESSING);
            assertThat(stopped.leaseOwner()).isNull();
            assertThat(stopped.message()).isEqualTo("provider down (HTTP 401); it goes on in 30 s");
            assertThat(stopped.claimableAt(stopped.updatedAt())).isFalse();
        }
        ScriptedEmbeddings fixed = model("beta");
        try (QaImport qa = builder(store).embeddingServices(p -> p.model().equals("beta") ? Optional.of(fixed) : Optional.empty())
                .embeddingService(model("alpha")).clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1))).build()) {
            Reembedding done = qa.processReembedding(id, ProgressCallback.NONE);
            assertThat(done).extracting(Reembedding::status, Reembedding::embedded).containsExactly(JobStatus.COMPLETED, 16L);
            assertThat(done.message()).isNull();
        }
        assertThat(fixed.inputsSent()).isEqualTo(16);
    }
}
