package dev.qaimport.embed.onnx;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.spi.EmbeddingException;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.spi.EmbeddingService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Embeds text in-process with all-MiniLM-L6-v2 (quantized), a 384-dimension sentence
 * transformer that ships inside its jar and needs neither network nor key. Good for offline use,
 * tests and small knowledge bases; for large ones an HTTP provider is faster. Thread-safe; the
 * model is loaded once, on first use (about a second).
 *
 * <p>The model reads at most 256 word pieces per text and averages longer texts over pieces; the
 * limits below keep inputs within that window so that long answers do not drown the question.
 */
public final class OnnxEmbeddingService implements EmbeddingService {
    /** The id stored with each vector. */
    public static final String MODEL_ID = "all-minilm-l6-v2-q@384";
    /** Inputs per call: ONNX Runtime pads a call to its longest text, so small calls waste less. */
    private static final EmbeddingLimits LIMITS = new EmbeddingLimits(32, 32 * 256, 256, 2);

    private final Object lock = new Object();
    private volatile EmbeddingModel model;

    private OnnxEmbeddingService() {
    }

    /** A service that loads the bundled model on first use. */
    public static OnnxEmbeddingService create() {
        return new OnnxEmbeddingService();
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    /** {@code local}, the bundled model: the same in every process, so any of them can embed its jobs. */
    @Override
    public EmbeddingProfile profile() {
        return EmbeddingProfile.of("local", MODEL_ID);
    }

    @Override
    public EmbeddingLimits limits() {
        return LIMITS;
    }

    @Override
    public List<float[]> embed(List<String> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        if (inputs.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            String text = inputs.get(i);
            if (text == null || text.isBlank()) {
                throw new EmbeddingException(EmbeddingException.Kind.INPUT_REJECTED, describe() + ": input " + i + " is empty");
            }
            segments.add(TextSegment.from(text));
        }
        List<Embedding> embeddings;
        try {
            embeddings = model().embedAll(segments).content();
        } catch (RuntimeException e) {
            throw new EmbeddingException(EmbeddingException.Kind.FATAL, describe() + " failed: " + e.getMessage(), e);
        }
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding e : embeddings) {
            vectors.add(e.vector());
        }
        return vectors;
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (lock) {
                m = model;
                if (m == null) {
                    m = new AllMiniLmL6V2QuantizedEmbeddingModel();
                    model = m;
                }
            }
        }
        return m;
    }

    @Override
    public String describe() {
        return "in-process all-MiniLM-L6-v2 (quantized, 384 dimensions)";
    }

    @Override
    public String toString() {
        return "OnnxEmbeddingService{" + MODEL_ID + "}";
    }
}
