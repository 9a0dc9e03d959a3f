package dev.qaimport.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.EmbeddingInput;
import dev.qaimport.ImportListener;
import dev.qaimport.QaImport;
import dev.qaimport.model.EmbeddingResult;
import dev.qaimport.model.EmbeddingStatus;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.testing.ScriptedEmbeddings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddingTriggerTest {
    private final DataSource ds = Fixture.h2();
    private final ImportStore store = Fixture.store(ds);
    private final ScriptedEmbeddings provider = ScriptedEmbeddings.small();
    private final List<ImportJob> embeddingProgress = new CopyOnWriteArrayList<>();
    private QaImport qa = Fixture.builder(store).embeddingService(provider).embeddingInput(EmbeddingInput.question())
            .listener(new ImportListener() {
                @Override
                public void onEmbeddingProgress(ImportJob job) {
                    embeddingProgress.add(job);
                }
            }).build();

    @AfterEach
    void close() {
        qa.close();
    }

    private UUID importCsv(String csv) {
        UUID id = qa.startImport("faq.csv", csv.getBytes(StandardCharsets.UTF_8), null);
        qa.processImport(id);
        return id;
    }

    private List<QAPair> pairs(UUID jobId) {
        return store.queries().pairsOfJob(jobId, 0, 10_000);
    }

    @Test
    void embedsEveryCreatedPairAndUpdatesTheJob() {
        UUID id = importCsv(Fixture.csv(30));

        ImportJob job = qa.getJob(id).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.embeddedCount()).isEqualTo(30);
        assertThat(job.embeddingErrorCount()).isZero();
        assertThat(pairs(id)).extracting(QAPair::embeddingStatus).containsOnly(EmbeddingStatus.EMBEDDED);
        assertThat(provider.inputsSent()).isEqualTo(30);
    }

    @Test
    void batchesTheEmbeddingCallsWithinTheProviderLimit() {
        importCsv(Fixture.csv(30));

        // 30 inputs at most 8 per call: at least 4 calls, and few more than that.
        assertThat(provider.calls()).hasSizeBetween(4, 5).allSatisfy(c -> assertThat(c).hasSizeBetween(1, 8));
        assertThat(provider.inputsSent()).isEqualTo(30);
    }

    @Test
    void identicalTextInGroupsInFlightAtTheSameTimeIsSentOnce() {
        // Rows 9-16 repeat the questions of rows 1-8: the same claim, two groups sent together.
        StringBuilder csv = new StringBuilder("question,answer\n");
        for (int i = 1; i <= 32; i++) {
            int q = i >= 9 && i <= 16 ? i - 8 : i;
            csv.append("Question ").append(q).append("?,Answer ").append(i).append(".\n");
        }
        ScriptedEmbeddings slow = new ScriptedEmbeddings("slow@8", new EmbeddingLimits(8, 10_000, 1_000, 2)).latency(50);
        try (QaImport q = Fixture.builder(ds).embeddingService(slow).embeddingInput(EmbeddingInput.question())
                .duplicatePolicy(dev.qaimport.model.DuplicatePolicy.CREATE).build()) {
            UUID id = q.startImport("faq.csv", csv.toString().getBytes(StandardCharsets.UTF_8), null);
            q.processImport(id);
            assertThat(q.getJob(id).orElseThrow().embeddedCount()).isEqualTo(32);
        }
        assertThat(slow.inputsSent()).as("24 distinct questions").isEqualTo(24);
        assertThat(slow.calls().stream().flatMap(List::stream)).doesNotHaveDuplicates();
    }

    @Test
    void keepsAsManyRequestsInFlightAsTheProviderAllowsAndNoMore() {
        // Held until 3 calls are in flight: the stage provably sends that many at once; the latency keeps them overlapping
        // afterwards, so that a fourth would show.
        ScriptedEmbeddings slow = new ScriptedEmbeddings("slow@8", new EmbeddingLimits(8, 10_000, 1_000, 3)).rendezvous(3).latency(40);
        try (QaImport q = Fixture.builder(ds).embeddingService(slow).embeddingInput(EmbeddingInput.question()).build()) {
            UUID id = q.startImport("faq.csv", Fixture.csv(120).getBytes(StandardCharsets.UTF_8), null);
            q.processImport(id);
            assertThat(q.getJob(id).orElseThrow().embeddedCount()).isEqualTo(120);
        }
        assertThat(slow.maxInFlight()).isEqualTo(3);
    }

    @Test
    void aDatabaseFailureWhileStoringEmbeddingsIsReportedAndTheRetryFinishesTheJob() {
        FaultyStore faulty = new FaultyStore(store);
        try (QaImport q = Fixture.builder(ds).store(faulty).embeddingService(provider).embeddingInput(EmbeddingInput.question())
                .autoStart(false).build()) {
            UUID id = q.startImport("faq.csv", Fixture.csv(30).getBytes(StandardCharsets.UTF_8), null);
            faulty.failEmbeddingCompletes(1);

            q.processImport(id);

            ImportJob job = q.getJob(id).orElseThrow();
            assertThat(job.embeddedCount()).isLessThan(30);
            assertThat(job.errorMessage()).contains("injected failure: connection reset while completing").contains("pending");
            // The claims of the failed commit were given back: a retry at once embeds the rest.
            EmbeddingResult retry = q.embeddingTrigger().retryPending(id);
            assertThat(retry.error()).isNull();
            assertThat(q.getJob(id).orElseThrow().embeddedCount()).isEqualTo(30);
            assertThat(retry.reused()).as("vectors stored before the failure are reused").isPositive();
        }
    }

    @Test
    void callsStayWithinTheProvidersInputCountAndLeaveTokenPackingToTheProvider() {
        provider.calls();
        // The provider packs each call into requests by tokens (HttpEmbeddingServiceTest covers that); the stage only
        // keeps each call within the provider's input count.
        ScriptedEmbeddings tight = new ScriptedEmbeddings("tight@8", new EmbeddingLimits(3, 30, 30, 1));
        try (QaImport small = Fixture.builder(ds).embeddingService(tight).embeddingInput(EmbeddingInput.question()).build()) {
            UUID id = small.startImport("faq.csv", Fixture.csv(10).getBytes(StandardCharsets.UTF_8), null);
            small.processImport(id);
            assertThat(small.getJob(id).orElseThrow().embeddedCount()).isEqualTo(10);
        }
        assertThat(tight.calls()).hasSizeGreaterThanOrEqualTo(4).allSatisfy(c -> assertThat(c.size()).isBetween(1, 3));
        assertThat(tight.calls().stream().mapToInt(List::size).sum()).isEqualTo(10);
    }

    @Test
    void reportsProgressAsEmbeddingsComplete() {
        importCsv(Fixture.csv(30));

        assertThat(embeddingProgress).isNotEmpty();
        assertThat(embeddingProgress).extracting(ImportJob::embeddedCount).isSorted().last().isEqualTo(30L);
    }

    @Test
    void isolatesAnInputTheProviderRejectsAndEmbedsItsNeighbours() {
        provider.rejectInputs(s -> s.equals("Question 13?"));

        UUID id = importCsv(Fixture.csv(20));

        ImportJob job = qa.getJob(id).orElseThrow();
        assertThat(job.embeddedCount()).isEqualTo(19);
        assertThat(job.embeddingErrorCount()).isEqualTo(1);
        assertThat(pairs(id)).filteredOn(p -> p.embeddingStatus() == EmbeddingStatus.FAILED).extracting(QAPair::question)
                .containsExactly("Question 13?");
    }

    @Test
    void leavesPairsPendingDuringAnOutageAndEmbedsThemOnRetry() {
        provider.failNextCalls(1000);

        UUID id = importCsv(Fixture.csv(12));

        ImportJob job = qa.getJob(id).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.embeddedCount()).isZero();
        assertThat(job.errorMessage()).contains("embedding").contains("12 pairs left pending");
        assertThat(pairs(id)).extracting(QAPair::embeddingStatus).containsOnly(EmbeddingStatus.PENDING);

        provider.failNextCalls(0);
        EmbeddingResult r = qa.retryPending(id);

        assertThat(r.embedded()).isEqualTo(12);
        assertThat(r.pending()).isZero();
        assertThat(qa.getJob(id).orElseThrow().embeddedCount()).isEqualTo(12);
        assertThat(qa.getJob(id).orElseThrow().errorMessage()).isNull();
    }

    @Test
    void continuesWhenOneEmbeddingCallFails() {
        provider.failNextCalls(1);

        UUID id = importCsv(Fixture.csv(30));

        // The failed call's inputs (at most 8) stay pending; every other call went on.
        ImportJob job = qa.getJob(id).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.embeddedCount()).isBetween(22L, 29L);
        long pending = 30 - job.embeddedCount();
        assertThat(store.embeddings().countPending(id)).isEqualTo(pending);
        assertThat(job.errorMessage()).contains("scripted outage").contains(pending + " pairs left pending");

        qa.retryPending(id);
        assertThat(qa.getJob(id).orElseThrow().embeddedCount()).isEqualTo(30);
        assertThat(qa.getJob(id).orElseThrow().errorMessage()).isNull();
    }

    @Test
    void stopsAfterThreeFailedCallsInARowInsteadOfTryingEveryGroup() {
        provider.failNextCalls(1_000);

        UUID id = importCsv(Fixture.csv(80));

        assertThat(provider.calls()).as("3 failures in a row, plus what was already in flight").hasSizeBetween(3, 5);
        assertThat(store.embeddings().countPending(id)).isEqualTo(80);
        assertThat(qa.getJob(id).orElseThrow().errorMessage()).contains("scripted outage").contains("80 pairs left pending");
    }

    @Test
    void retriesFailedPairsOnRequest() {
        provider.rejectInputs(s -> s.equals("Question 2?"));
        UUID id = importCsv(Fixture.csv(4));
        provider.rejectInputs(s -> false);

        EmbeddingResult r = qa.retryFailed(id);

        assertThat(r.embedded()).isEqualTo(1);
        ImportJob job = qa.getJob(id).orElseThrow();
        assertThat(job.embeddedCount()).isEqualTo(4);
        assertThat(job.embeddingErrorCount()).isZero();
    }

    @Test
    void embedsIdenticalTextOnceAndReusesTheStoredVector() {
        UUID first = importCsv("question,answer\nSame question?,A\n");
        int sent = provider.inputsSent();

        // A new model would re-embed; the same model and text reuse the vector.
        try (QaImport again = Fixture.builder(ds).embeddingService(provider).embeddingInput(EmbeddingInput.question())
                .duplicatePolicy(dev.qaimport.model.DuplicatePolicy.CREATE).build()) {
            UUID id = again.startImport("again.csv", "question,answer\nSame question?,B\n".getBytes(StandardCharsets.UTF_8), null);
            again.processImport(id);
            assertThat(again.getJob(id).orElseThrow().embeddedCount()).isEqualTo(1);
        }

        assertThat(provider.inputsSent()).isEqualTo(sent);
        assertThat(qa.getJob(first).orElseThrow().embeddedCount()).isEqualTo(1);
    }

    @Test
    void changingTheModelInvalidatesTheCache() {
        importCsv("question,answer\nSame question?,A\n");
        ScriptedEmbeddings other = new ScriptedEmbeddings("other-model@8", new EmbeddingLimits(8, 10_000, 1_000, 1));
        try (QaImport again = Fixture.builder(ds).embeddingService(other).embeddingInput(EmbeddingInput.question())
                .duplicatePolicy(dev.qaimport.model.DuplicatePolicy.CREATE).build()) {
            UUID id = again.startImport("again.csv", "question,answer\nSame question?,B\n".getBytes(StandardCharsets.UTF_8), null);
            again.processImport(id);
        }

        assertThat(other.inputsSent()).isEqualTo(1);
    }

    @Test
    void triggersForSpecificPairs() {
        try (QaImport noEmbeddings = Fixture.builder(ds).build()) {
            UUID id = noEmbeddings.startImport("faq.csv", Fixture.csv(5).getBytes(StandardCharsets.UTF_8), null);
            noEmbeddings.processImport(id);
            assertThat(noEmbeddings.getJob(id).orElseThrow().embeddedCount()).isZero();
            List<UUID> ids = new ArrayList<>();
            pairs(id).subList(0, 3).forEach(p -> ids.add(p.id()));

            EmbeddingResult r = qa.embeddingTrigger().triggerForPairs(ids, (p, t) -> { });

            assertThat(r.embedded()).isEqualTo(3);
            assertThat(pairs(id)).filteredOn(p -> p.embeddingStatus() == EmbeddingStatus.EMBEDDED).hasSize(3);
        }
    }

    @Test
    void stopsAtAFatalProviderErrorWithAClearMessage() {
        provider.failFatally("https://api.example.com/v1/embeddings answered 401 Unauthorized");

        UUID id = importCsv(Fixture.csv(5));

        ImportJob job = qa.getJob(id).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.errorMessage()).contains("401 Unauthorized");
        assertThat(provider.calls()).hasSize(1);
        assertThat(pairs(id)).extracting(QAPair::embeddingStatus).containsOnly(EmbeddingStatus.PENDING);
    }
}
