package dev.qaimport.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.EmbeddingInput;
import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.EmbeddingResult;
import dev.qaimport.model.EmbeddingStatus;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.QAPair;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.spi.EmbeddingServices;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.testing.ScriptedEmbeddings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A job records how its pairs are embedded, and only a provider of that profile embeds them. */
class EmbeddingProfilesTest {
    private static final EmbeddingLimits LIMITS = new EmbeddingLimits(8, 10_000, 1_000, 2);

    private final ImportStore store = Fixture.store(Fixture.h2());
    private final ScriptedEmbeddings alpha = new ScriptedEmbeddings("alpha", LIMITS);
    private final ScriptedEmbeddings beta = new ScriptedEmbeddings("beta", LIMITS);

    /** Every import creates its pairs, so that jobs of one file each have pending pairs of their own. */
    private QaImport.Builder instance() {
        return Fixture.builder(store).duplicatePolicy(DuplicatePolicy.CREATE);
    }

    private static UUID importCsv(QaImport qa, int rows, ImportOptions options) {
        UUID id = qa.startImport("faq.csv", new ByteArrayInputStream(Fixture.csv(rows).getBytes(StandardCharsets.UTF_8)),
                options == null ? ImportOptions.defaults() : options);
        qa.processImport(id);
        return id;
    }

    private long pending(UUID jobId) {
        return store.embeddings().countPending(jobId);
    }

    private String message(UUID jobId) {
        return store.jobs().find(jobId).map(ImportJob::errorMessage).orElseThrow();
    }

    @Test
    void aJobRecordsTheProfileOfTheProviderItWasStartedWithAndItsInputTemplate() {
        try (QaImport qa = instance().embeddingService(alpha).embeddingInput(EmbeddingInput.question()).build()) {
            UUID id = importCsv(qa, 3, null);

            assertThat(qa.getEmbeddingProfile(id)).contains(new EmbeddingProfile("custom", null, "alpha", null, "{question}"));
            assertThat(pending(id)).isZero();
            assertThat(alpha.calls()).flatExtracting(c -> c).containsExactly("Question 1?", "Question 2?", "Question 3?");
        }
    }

    @Test
    void aJobThatAskedForNoEmbeddingsKeepsItsPairsPendingWhereverItIsContinued() {
        UUID id;
        try (QaImport web = instance().embeddingService(alpha).build()) {
            id = importCsv(web, 5, ImportOptions.builder().embeddingProfile(EmbeddingProfile.none()).build());
            assertThat(web.getEmbeddingProfile(id)).contains(EmbeddingProfile.none());
        }
        try (QaImport worker = instance().embeddingService(alpha).build()) {
            EmbeddingResult job = worker.retryPending(id);
            EmbeddingResult sweep = worker.retryPending(null);

            assertThat(job).isEqualTo(new EmbeddingResult(0, 0, 0, 5, 0, null, "the job asked for no embeddings"));
            assertThat(sweep.embedded()).isZero();
            assertThat(sweep.waiting()).isEqualTo("the job asked for no embeddings");
        }
        assertThat(alpha.calls()).isEmpty();
        assertThat(pending(id)).isEqualTo(5);
        assertThat(message(id)).isEqualTo("embedding: the job asked for no embeddings (5 pairs left pending)");
    }

    @Test
    void aProviderOfAnotherModelLeavesTheJobPendingAndSaysWhichProfileItWaitsFor() {
        UUID id;
        try (QaImport importer = instance().embeddingService(alpha.failFatally("alpha is down")).build()) {
            id = importCsv(importer, 6, null);
        }
        assertThat(pending(id)).isEqualTo(6);

        try (QaImport other = instance().embeddingService(beta).build()) {
            EmbeddingResult r = other.retryPending(id);

            assertThat(r.embedded()).isZero();
            assertThat(r.waiting()).isEqualTo("waiting for a provider of custom alpha; this process embeds with custom beta");
        }
        assertThat(beta.calls()).as("no pair of the job went to the other model").isEmpty();
        assertThat(message(id)).isEqualTo("embedding: waiting for a provider of custom alpha; this process embeds with custom beta"
                + " (6 pairs left pending)");
    }

    @Test
    void providersFoundByProfileEmbedEachJobWithItsOwnModel() {
        ScriptedEmbeddings alphaAgain = new ScriptedEmbeddings("alpha", LIMITS);
        UUID a;
        UUID b;
        try (QaImport down = instance().embeddingService(new ScriptedEmbeddings("alpha", LIMITS).failFatally("down")).build()) {
            a = importCsv(down, 4, null);
        }
        try (QaImport down = instance().embeddingService(new ScriptedEmbeddings("beta", LIMITS).failFatally("down")).build()) {
            b = importCsv(down, 3, null);
        }
        List<EmbeddingProfile> asked = new CopyOnWriteArrayList<>();
        EmbeddingServices byProfile = profile -> {
            asked.add(profile);
            return profile.model().equals("alpha") ? Optional.of(alphaAgain) : Optional.empty();
        };
        try (QaImport worker = instance().embeddingService(beta).embeddingServices(byProfile).build()) {
            EmbeddingResult sweep = worker.retryPending(null);

            assertThat(sweep.embedded()).isEqualTo(7);
            assertThat(sweep.waiting()).isNull();
        }
        assertThat(alphaAgain.calls()).flatExtracting(c -> c).hasSize(4);
        assertThat(beta.calls()).flatExtracting(c -> c).hasSize(3);
        assertThat(asked).as("the own service serves its own profile").extracting(EmbeddingProfile::model).containsOnly("alpha");
        assertThat(pending(a) + pending(b)).isZero();
        assertThat(store.queries().pairsOfJob(a, 0, 10)).extracting(QAPair::embeddingStatus).containsOnly(EmbeddingStatus.EMBEDDED);
    }

    @Test
    void aSweepPassesOverAJobItCannotServeAndEmbedsTheOthersAndThePairsOfNoJob() {
        UUID waiting;
        UUID served;
        try (QaImport down = instance().embeddingService(new ScriptedEmbeddings("beta", LIMITS).failFatally("down")).build()) {
            waiting = importCsv(down, 3, null);
        }
        try (QaImport down = instance().embeddingService(new ScriptedEmbeddings("alpha", LIMITS).failFatally("down")).build()) {
            served = importCsv(down, 4, null);
        }
        QAPair loose;
        try (QaImport plain = instance().build()) {
            loose = plain.qaCreator().createFromParsed(new ParsedQA(1, 2, "A pair of no job?", "Its answer.", null, List.of()), null);
        }

        try (QaImport worker = instance().embeddingService(alpha).build()) {
            EmbeddingResult sweep = worker.retryPending(null);

            assertThat(sweep.embedded()).isEqualTo(5);
            assertThat(sweep.waiting()).startsWith("waiting for a provider of custom beta");
        }
        assertThat(pending(waiting)).isEqualTo(3);
        assertThat(pending(served)).isZero();
        assertThat(store.queries().pair(loose.id()).orElseThrow().embeddingStatus()).isEqualTo(EmbeddingStatus.EMBEDDED);
    }

    @Test
    void aSweepDoesNotAskAFailedProviderAgainButGoesOnWithTheJobsOfOthers() {
        UUID first;
        UUID other;
        UUID second;
        try (QaImport down = instance().embeddingService(new ScriptedEmbeddings("alpha", LIMITS).failFatally("down")).build()) {
            first = importCsv(down, 2, null);
        }
        try (QaImport down = instance().embeddingService(new ScriptedEmbeddings("beta", LIMITS).failFatally("down")).build()) {
            other = importCsv(down, 3, null);
        }
        try (QaImport down = instance().embeddingService(new ScriptedEmbeddings("alpha", LIMITS).failFatally("down")).build()) {
            second = importCsv(down, 2, null);
        }
        ScriptedEmbeddings alphaDown = new ScriptedEmbeddings("alpha", LIMITS).failFatally("alpha is still down");
        try (QaImport worker = instance().embeddingService(beta).embeddingServices(p -> Optional.of(alphaDown)).build()) {
            EmbeddingResult sweep = worker.retryPending(null);

            assertThat(sweep.embedded()).isEqualTo(3);
            assertThat(sweep.error()).contains("alpha is still down");
            assertThat(sweep.pending()).isEqualTo(4);
        }
        assertThat(alphaDown.calls()).as("asked once, for the first job only").hasSize(1);
        assertThat(pending(first)).isEqualTo(2);
        assertThat(pending(second)).isEqualTo(2);
        assertThat(pending(other)).isZero();
    }

    @Test
    void anInstanceThatIsToldToIgnoreProfilesEmbedsEveryJobWithItsOwnProviderAndTheJobsTemplate() {
        UUID none;
        UUID other;
        try (QaImport web = instance().embeddingService(new ScriptedEmbeddings("beta", LIMITS).failFatally("down"))
                .embeddingInput(EmbeddingInput.question()).build()) {
            none = importCsv(web, 2, ImportOptions.builder().embeddingProfile(EmbeddingProfile.none()).build());
            other = importCsv(web, 2, null);
        }
        try (QaImport named = instance().embeddingService(alpha).followJobProfiles(false).build()) {
            assertThat(named.retryPending(none).embedded()).isEqualTo(2);
            assertThat(named.retryPending(other).embedded()).isEqualTo(2);
        }
        // The job that recorded a profile keeps its template; the one that asked for none recorded no template.
        assertThat(alpha.calls()).flatExtracting(c -> c).containsExactlyInAnyOrder("Question 1?\n\nAnswer 1.",
                "Question 2?\n\nAnswer 2.", "Question 1?", "Question 2?");
        assertThat(store.jobs().find(none).orElseThrow().embeddedCount()).isEqualTo(2);
    }

    @Test
    void aJobStartedWhereNoProviderIsConfiguredRecordsNothingAndAnyProviderEmbedsIt() {
        UUID id;
        try (QaImport web = instance().build()) {
            id = importCsv(web, 3, null);
            assertThat(web.getEmbeddingProfile(id)).isEmpty();
        }
        try (QaImport worker = instance().embeddingService(beta).build()) {
            assertThat(worker.retryPending(id).embedded()).isEqualTo(3);
        }
        assertThat(beta.calls()).flatExtracting(c -> c).containsExactly("Question 1?\n\nAnswer 1.", "Question 2?\n\nAnswer 2.",
                "Question 3?\n\nAnswer 3.");
    }
}
