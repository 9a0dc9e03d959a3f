package dev.qaimport.examples;

import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.spi.EmbeddingService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An in-process embedding provider for tests: four dimensions derived from the text's bytes, the same text always the same vector. */
final class TinyEmbeddings implements EmbeddingService {
    @Override
    public String modelId() {
        return "tiny-test@4";
    }

    @Override
    public EmbeddingLimits limits() {
        return new EmbeddingLimits(16, 100_000, 4_000, 1);
    }

    @Override
    public List<float[]> embed(List<String> inputs) {
        List<float[]> vectors = new ArrayList<>(inputs.size());
        for (String input : inputs) {
            float[] v = {1, 0, 0, 0};
            byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                v[i % 4] += (bytes[i] & 0xff) / 255f;
            }
            vectors.add(v);
        }
        return vectors;
    }
}
