package dev.qaimport.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.spi.EmbeddingException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxEmbeddingServiceTest {
    private static final OnnxEmbeddingService SERVICE = OnnxEmbeddingService.create();

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void embedsEachInputInOrderWith384Dimensions() {
        List<float[]> v = SERVICE.embed(List.of("How do I reset my password?", "Which payment methods do you accept?"));

        assertThat(v).hasSize(2);
        assertThat(v).allSatisfy(x -> assertThat(x).hasSize(384));
        assertThat(SERVICE.modelId()).isEqualTo("all-minilm-l6-v2-q@384");
    }

    @Test
    void placesParaphrasesCloserThanUnrelatedText() {
        List<float[]> v = SERVICE.embed(List.of(
                "How can I change my password?",
                "I forgot my password, how do I reset it?",
                "What are your shipping costs to Canada?"));

        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(0), v.get(2)) + 0.2);
    }

    @Test
    void isDeterministic() {
        float[] a = SERVICE.embed(List.of("Do you ship internationally?")).get(0);
        float[] b = SERVICE.embed(List.of("Do you ship internationally?")).get(0);

        assertThat(a).containsExactly(b);
    }

    @Test
    void rejectsAnEmptyInputAsThatInputsFault() {
        assertThatThrownBy(() -> SERVICE.embed(List.of("fine", " ")))
                .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.INPUT_REJECTED))
                .hasMessageContaining("input 1 is empty");
    }

    @Test
    void describesItselfWithoutSecrets() {
        assertThat(SERVICE.describe()).contains("all-MiniLM-L6-v2");
        assertThat(SERVICE.limits().maxTokensPerInput()).isEqualTo(256);
        assertThat(SERVICE.embed(List.of())).isEmpty();
    }
}
