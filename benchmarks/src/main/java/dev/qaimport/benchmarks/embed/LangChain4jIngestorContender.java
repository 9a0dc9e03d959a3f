package dev.qaimport.benchmarks.embed;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.qaimport.benchmarks.EmbeddingContender;
import dev.qaimport.benchmarks.EmbeddingOutcome;
import dev.qaimport.benchmarks.EmbeddingSpec;
import dev.qaimport.benchmarks.baseline.CleanPair;
import dev.qaimport.benchmarks.baseline.FaqCsv;
import dev.qaimport.benchmarks.baseline.FaqRow;
import dev.qaimport.benchmarks.baseline.FaqRules;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;

/**
 * The LangChain4j baseline: {@code EmbeddingStoreIngestor} with {@code OpenAiEmbeddingModel}
 * pointed at the stub, as a typical user configures it (defaults, plus the provider's cap of
 * inputs per request, without which every request would be refused), storing into
 * {@code InMemoryEmbeddingStore}. Texts are prepared before the clock starts.
 */
public final class LangChain4jIngestorContender implements EmbeddingContender {
    /** The contender's id. */
    public static final String ID = "langchain4j";
    /** The id of the variant at LangChain4j's defaults, for a stub that enforces a token limit. */
    public static final String OPENAI_DEFAULTS = ID + "-openai-defaults";

    private final boolean defaults;

    /** The baseline with at most 100 inputs per request, the stub's cap. */
    public LangChain4jIngestorContender() {
        this(false);
    }

    private LangChain4jIngestorContender(boolean defaults) {
        this.defaults = defaults;
    }

    /**
     * The baseline at its defaults ({@code maxSegmentsPerBatch} 2,048); a failed {@code ingest} is reported as
     * what the store holds, not raised.
     */
    public static LangChain4jIngestorContender openAiDefaults() {
        return new LangChain4jIngestorContender(true);
    }

    @Override
    public String id() {
        return defaults ? OPENAI_DEFAULTS : ID;
    }

    @Override
    public String description() {
        if (defaults) {
            return "As `langchain4j`, with `OpenAiEmbeddingModel` at its defaults (up to 2,048 segments per request, "
                    + "3 retries); when `ingest` throws, the pairs not in the store are counted as lost.";
        }
        return "LangChain4j 1.19: `EmbeddingStoreIngestor.builder().embeddingModel(model).embeddingStore(new InMemoryEmbeddingStore<>())`, "
                + "one `Document` per pair (question + plain-text answer, no splitter), `OpenAiEmbeddingModel.builder().baseUrl(stub)"
                + ".apiKey(…).modelName(…).maxSegmentsPerBatch(100)` and otherwise defaults (float encoding, 3 retries). "
                + "Its model sends the batches one after another, so one request is in flight. Timed: `ingest(documents)` only.";
    }

    @Override
    public int concurrency() {
        return 1;
    }

    @Override
    public EmbeddingOutcome run(EmbeddingSpec spec) {
        List<Document> documents = documents(spec);
        OpenAiEmbeddingModel.OpenAiEmbeddingModelBuilder builder = OpenAiEmbeddingModel.builder()
                .baseUrl(spec.baseUrl())
                .apiKey("stub-key")
                .modelName(spec.model());
        if (!defaults) {
            builder.maxSegmentsPerBatch(100);
        }
        OpenAiEmbeddingModel model = builder.build();
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        EmbeddingStoreIngestor ingestor = EmbeddingStoreIngestor.builder().embeddingModel(model).embeddingStore(store).build();
        long started = System.nanoTime();
        try {
            ingestor.ingest(documents);
        } catch (RuntimeException e) {
            if (!defaults) {
                throw e;
            }
            System.err.println("langchain4j: ingest failed: " + e);
        }
        long elapsed = System.nanoTime() - started;
        return new EmbeddingOutcome(stored(store, documents.size()), elapsed);
    }

    private static List<Document> documents(EmbeddingSpec spec) {
        FaqRules rules = new FaqRules();
        List<Document> documents = new ArrayList<>(spec.texts());
        try (FaqCsv csv = FaqCsv.open(spec.csv())) {
            for (FaqRow row = csv.next(); row != null && documents.size() < spec.texts(); row = csv.next()) {
                if (rules.check(row) instanceof CleanPair pair) {
                    String text = pair.question() + "\n\n" + Jsoup.parse(pair.answer()).text();
                    documents.add(Document.from(text, new Metadata().put("row", pair.row())));
                }
            }
        }
        if (documents.size() < spec.texts()) {
            throw new IllegalArgumentException(spec.csv() + " holds " + documents.size() + " valid rows, fewer than " + spec.texts());
        }
        return documents;
    }

    /** Counts what the store holds: every entry scores at least 0 against any query. */
    private static long stored(InMemoryEmbeddingStore<TextSegment> store, int expected) {
        float[] query = new float[StubEmbeddingServer.DEFAULT_DIMENSIONS];
        query[0] = 1;
        return store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(query)).maxResults(expected + 1).minScore(0.0).build()).matches().size();
    }
}
