package dev.qaimport.embed.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.EmbeddingInput;
import dev.qaimport.ImportListener;
import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.embed.http.Stack.StoredPair;
import dev.qaimport.embed.http.testing.RecordedRequest;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.EmbeddingResult;
import dev.qaimport.model.EmbeddingStatus;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.spi.TokenEstimate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The embedding stage end to end: {@link QaImport} importing into H2 and embedding through
 * {@link HttpEmbeddingService} against the stub provider over real HTTP. Covers packing,
 * isolating a refused input, the vector cache and the job's counters and progress.
 */
class EmbeddingStageOverHttpTest {
    private final StubEmbeddingServer stub = StubEmbeddingServer.builder().rejectInputsContaining("Question 13?").start();
    private final DataSource ds = Stack.h2();
    private final List<QaImport> instances = new ArrayList<>();

    @AfterEach
    void close() {
        instances.forEach(QaImport::close);
        stub.close();
    }

    private QaImport qaImport(HttpEmbeddingService service) {
        return qaImport(Stack.qaImport(ds).embeddingService(service));
    }

    private QaImport qaImport(QaImport.Builder builder) {
        QaImport qa = builder.build();
        instances.add(qa);
        return qa;
    }

    private static ImportJob importCsv(QaImport qa, String csv, DuplicatePolicy policy) {
        UUID id = qa.startImport("faq.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                ImportOptions.builder().duplicatePolicy(policy).build());
        return qa.processImport(id);
    }

    private static List<String> texts(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Stack::text).collect(Collectors.toList());
    }

    /** Every input the stub received, over all requests. */
    private List<String> inputsSent() {
        return stub.requests().stream().flatMap(r -> r.inputs().stream()).collect(Collectors.toList());
    }

    private static void assertStubVectors(List<StoredPair> pairs, List<String> texts, String model, int dimensions) {
        assertThat(pairs).hasSameSizeAs(texts);
        for (int i = 0; i < pairs.size(); i++) {
            StoredPair p = pairs.get(i);
            assertThat(p.status()).as("pair %d", i).isEqualTo(EmbeddingStatus.EMBEDDED);
            assertThat(p.model()).as("pair %d", i).isEqualTo(model);
            assertThat(p.dimensions()).as("pair %d", i).isEqualTo(dimensions);
            assertThat(p.vector()).as("pair %d", i).containsExactly(StubEmbeddingServer.vectorFor(texts.get(i), dimensions));
        }
    }

    @ParameterizedTest
    @EnumSource(EncodingFormat.class)
    void embedsEveryImportedPairInRequestsOfAtMostTheInputLimitAndStoresTheProvidersVectors(EncodingFormat format) {
        QaImport qa = qaImport(Stack.openAi(stub).encodingFormat(format).build());

        ImportJob job = importCsv(qa, Stack.csv(12), DuplicatePolicy.SKIP);

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.embeddedCount()).isEqualTo(12);
        assertThat(job.errorMessage()).isNull();
        // Each vector is the stub's vector for that pair's text: nothing reordered on the way back.
        assertStubVectors(Stack.pairsOf(ds, job.id()), texts(1, 12), "text-embedding-3-small", 16);
        assertThat(stub.requests()).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(r -> assertThat(r.inputs()).hasSizeBetween(1, 4))
                .allSatisfy(r -> assertThat(r.body().contains("\"encoding_format\":\"base64\"")).isEqualTo(format == EncodingFormat.BASE64));
        assertThat(inputsSent()).containsExactlyInAnyOrderElementsOf(texts(1, 12));
    }

    @Test
    void packsRequestsByEstimatedTokensWhenTheyBindBeforeTheInputCount() {
        int budget = 3 * TokenEstimate.estimate(Stack.text(10));
        QaImport qa = qaImport(Stack.openAi(stub).limits(new EmbeddingLimits(100, budget, 1_000, 2)).build());

        ImportJob job = importCsv(qa, Stack.csv(10), DuplicatePolicy.SKIP);

        assertThat(job.embeddedCount()).isEqualTo(10);
        assertThat(stub.requests()).hasSizeGreaterThanOrEqualTo(4).allSatisfy(r -> assertThat(
                r.inputs().stream().mapToInt(TokenEstimate::estimate).sum()).isLessThanOrEqualTo(budget));
        assertThat(inputsSent()).containsExactlyInAnyOrderElementsOf(texts(1, 10));
    }

    @Test
    void isolatesTheInputTheProviderRefusesAndEmbedsTheRestThroughHttp() {
        QaImport qa = qaImport(Stack.openAi(stub).limits(new EmbeddingLimits(8, 10_000, 1_000, 2)).build());

        ImportJob job = importCsv(qa, Stack.csv(20), DuplicatePolicy.SKIP);

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.embeddedCount()).isEqualTo(19);
        assertThat(job.embeddingErrorCount()).isEqualTo(1);
        assertThat(job.errorMessage()).as("a refused input is the pair's problem, not the provider's").isNull();
        List<StoredPair> pairs = Stack.pairsOf(ds, job.id());
        StoredPair refused = pairs.get(12);
        assertThat(refused.question()).isEqualTo("Question 13?");
        assertThat(refused.status()).isEqualTo(EmbeddingStatus.FAILED);
        assertThat(refused.vector()).isNull();
        assertThat(refused.error()).contains("HTTP 400: This model's maximum context length is 8192 tokens")
                .contains("(the provider rejected an input)");
        List<StoredPair> others = new ArrayList<>(pairs);
        others.remove(12);
        List<String> otherTexts = texts(1, 20);
        otherTexts.remove(12);
        assertStubVectors(others, otherTexts, "text-embedding-3-small", 16);
        // The request holding it was halved until it travelled alone: 8, 4, 2, 1.
        assertThat(stub.requests()).filteredOn(r -> r.inputs().contains(Stack.text(13))).extracting(r -> r.inputs().size())
                .containsExactly(8, 4, 2, 1);
        // Every accepted request carried each of the other texts exactly once.
        assertThat(stub.requests()).filteredOn(r -> !r.inputs().contains(Stack.text(13)))
                .flatExtracting(RecordedRequest::inputs).containsExactlyInAnyOrderElementsOf(otherTexts);
    }

    @Test
    void embedsARepeatedPairOfOneJobOnceAndPointsBothPairsAtTheVector() {
        QaImport qa = qaImport(Stack.openAi(stub).limits(new EmbeddingLimits(8, 10_000, 1_000, 2)).build());

        ImportJob job = importCsv(qa, Stack.csv(5) + "Question 2?,Answer 2.\n", DuplicatePolicy.CREATE);

        assertThat(job.successCount()).isEqualTo(6);
        assertThat(job.embeddedCount()).isEqualTo(6);
        assertThat(inputsSent()).containsExactlyInAnyOrderElementsOf(texts(1, 5));
        List<StoredPair> pairs = Stack.pairsOf(ds, job.id());
        assertThat(pairs.get(5).key()).isEqualTo(pairs.get(1).key());
        assertThat(pairs.get(5).vector()).containsExactly(StubEmbeddingServer.vectorFor(Stack.text(2), 16));
        assertThat(Stack.storedVectors(ds)).isEqualTo(5);
    }

    @Test
    void embedsAnAnswerSharedByTwoQuestionsOnceWhenOnlyAnswersAreEmbedded() {
        QaImport qa = qaImport(Stack.qaImport(ds).embeddingInput(EmbeddingInput.template("{answer}"))
                .embeddingService(Stack.openAi(stub).limits(new EmbeddingLimits(8, 10_000, 1_000, 2)).build()));

        ImportJob job = importCsv(qa, "question,answer\nHow do I pay?,By card.\nCan I pay by card?,By card.\nWhen?,Now.\n",
                DuplicatePolicy.SKIP);

        assertThat(job.embeddedCount()).isEqualTo(3);
        assertThat(inputsSent()).containsExactlyInAnyOrder("By card.", "Now.");
        List<StoredPair> pairs = Stack.pairsOf(ds, job.id());
        assertThat(pairs.get(0).key()).isEqualTo(pairs.get(1).key()).isNotEqualTo(pairs.get(2).key());
    }

    @Test
    void aReimportReusesTheStoredVectorsWithoutAnotherRequest() {
        QaImport qa = qaImport(Stack.openAi(stub).build());
        ImportJob first = importCsv(qa, Stack.csv(10), DuplicatePolicy.SKIP);
        List<String> firstKeys = Stack.pairsOf(ds, first.id()).stream().map(StoredPair::key).collect(Collectors.toList());
        assertThat(stub.requestCount()).isPositive();
        stub.resetStats();

        // UPDATE puts the re-imported pairs back to PENDING: the stage sees them all again.
        ImportJob second = importCsv(qa, Stack.csv(10), DuplicatePolicy.UPDATE);

        assertThat(second.embeddedCount()).isEqualTo(10);
        assertThat(stub.requestCount()).isZero();
        List<StoredPair> pairs = Stack.pairsOf(ds, second.id());
        assertThat(pairs).extracting(StoredPair::key).containsExactlyElementsOf(firstKeys);
        assertStubVectors(pairs, texts(1, 10), "text-embedding-3-small", 16);
        assertThat(Stack.storedVectors(ds)).isEqualTo(10);
    }

    /** Another model, or the same model asked for other dimensions: another vector space. */
    enum OtherSpace {
        OTHER_MODEL("text-embedding-3-large", 0, "text-embedding-3-large", 16),
        OTHER_DIMENSIONS("text-embedding-3-small", 8, "text-embedding-3-small@8", 8);

        final String model;
        final int requested;
        final String modelId;
        final int dimensions;

        OtherSpace(String model, int requested, String modelId, int dimensions) {
            this.model = model;
            this.requested = requested;
            this.modelId = modelId;
            this.dimensions = dimensions;
        }
    }

    @ParameterizedTest
    @EnumSource(OtherSpace.class)
    void aReimportWithAnotherModelOrOtherDimensionsEmbedsEveryTextAgain(OtherSpace space) {
        importCsv(qaImport(Stack.openAi(stub).build()), Stack.csv(10), DuplicatePolicy.SKIP);
        stub.resetStats();
        HttpEmbeddingService.OpenAiBuilder other = Stack.openAi(stub).model(space.model);
        if (space.requested > 0) {
            other.dimensions(space.requested);
        }

        ImportJob second = importCsv(qaImport(other.build()), Stack.csv(10), DuplicatePolicy.UPDATE);

        assertThat(second.embeddedCount()).isEqualTo(10);
        assertThat(inputsSent()).containsExactlyInAnyOrderElementsOf(texts(1, 10));
        assertThat(stub.requests()).allSatisfy(r -> assertThat(r.body()).contains("\"model\":\"" + space.model + "\""));
        assertStubVectors(Stack.pairsOf(ds, second.id()), texts(1, 10), space.modelId, space.dimensions);
        assertThat(Stack.storedVectors(ds)).as("the first model's vectors are kept").isEqualTo(20);
    }

    @Test
    void advancesTheJobsCountersBatchByBatchAndTellsTheListener() {
        // From the second request on, answers wait until the listener has heard of the first batch: with one request in
        // flight at a time, progress is provably heard before the last batch. The rejected input is in the last group of
        // four, which is claimed only after a first group has committed: the first request (of any of the first three
        // groups, which race for the request slot) finishes its group alone, where the rejected one's group would need
        // the held requests that isolate the input.
        StubEmbeddingServer slow = StubEmbeddingServer.builder().rejectInputsContaining("Question 23?").start().holdFrom(2);
        List<ImportJob> heard = new CopyOnWriteArrayList<>();
        try (slow) {
            QaImport qa = qaImport(Stack.qaImport(ds)
                    .embeddingService(Stack.openAi(slow).limits(new EmbeddingLimits(4, 10_000, 1_000, 1)).build())
                    .listener(new ImportListener() {
                        @Override
                        public void onEmbeddingProgress(ImportJob job) {
                            heard.add(job);
                            slow.release();
                        }
                    }));

            ImportJob job = importCsv(qa, Stack.csv(24), DuplicatePolicy.SKIP);

            assertThat(job.embeddedCount()).isEqualTo(23);
            assertThat(job.embeddingErrorCount()).isEqualTo(1);
            assertThat(qa.getJob(job.id()).orElseThrow()).usingRecursiveComparison().isEqualTo(job);
        }
        assertThat(heard).hasSizeGreaterThanOrEqualTo(2);
        assertThat(heard.get(0).embeddedCount() + heard.get(0).embeddingErrorCount()).isBetween(1L, 23L);
        assertThat(heard).extracting(j -> j.embeddedCount() + j.embeddingErrorCount()).isSorted().doesNotHaveDuplicates();
        ImportJob last = heard.get(heard.size() - 1);
        assertThat(last.embeddedCount()).isEqualTo(23);
        assertThat(last.embeddingErrorCount()).isEqualTo(1);
    }

    @Test
    void triggerForJobReportsProgressAndWhatItDidThroughHttp() {
        UUID id;
        try (QaImport withoutProvider = Stack.qaImport(ds).build()) {
            id = importCsv(withoutProvider, Stack.csv(12), DuplicatePolicy.SKIP).id();
            assertThat(withoutProvider.getJob(id).orElseThrow().embeddedCount()).isZero();
        }
        QaImport qa = qaImport(Stack.openAi(stub).build());
        List<long[]> progress = new CopyOnWriteArrayList<>();

        EmbeddingResult result = qa.embeddingTrigger().triggerForJob(id, (done, total) -> progress.add(new long[] {done, total}));

        assertThat(result).isEqualTo(new EmbeddingResult(12, 0, 0, 0, stub.requestCount(), null));
        assertThat(stub.requestCount()).isGreaterThanOrEqualTo(3);
        assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p[1]).isEqualTo(12));
        assertThat(progress).extracting(p -> p[0]).isSorted().last().isEqualTo(12L);
        assertThat(qa.getJob(id).orElseThrow().embeddedCount()).isEqualTo(12);
        assertStubVectors(Stack.pairsOf(ds, id), texts(1, 12), "text-embedding-3-small", 16);
    }
}
