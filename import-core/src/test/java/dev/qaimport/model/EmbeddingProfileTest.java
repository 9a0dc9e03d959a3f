package dev.qaimport.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmbeddingProfileTest {
    @Test
    void theBaseUrlIsKeptWithoutUserInfoQueryOrFragment() {
        EmbeddingProfile p = new EmbeddingProfile("OpenAI", "https://user:sk-secret@proxy.example:8443/v1?key=sk-other#x",
                "text-embedding-3-small", 512, null);

        assertThat(p.provider()).isEqualTo("openai");
        assertThat(p.baseUrl()).isEqualTo("https://proxy.example:8443/v1");
        assertThat(p.toString() + p.describe()).doesNotContain("sk-secret", "sk-other", "user");
        assertThat(p.describe()).isEqualTo("openai text-embedding-3-small (512 dimensions) at https://proxy.example:8443/v1");
    }

    @Test
    void anInvalidBaseUrlIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> new EmbeddingProfile("openai", "http://sk-secret bad", "m", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("baseUrl is not a valid URL");
        assertThatThrownBy(() -> new EmbeddingProfile("openai", "relative/sk-secret", "m", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("baseUrl is not an absolute URL");
    }

    @Test
    void sameVectorsMeansSameKindModelAndDimensionsWhereverTheyAreServed() {
        EmbeddingProfile a = new EmbeddingProfile("openai", "https://api.openai.com", "text-embedding-3-small", 256, "{question}");

        assertThat(a.sameVectorsAs(new EmbeddingProfile("openai", "https://proxy.example/v1", "text-embedding-3-small", 256, null))).isTrue();
        assertThat(a.sameVectorsAs(new EmbeddingProfile("openai", null, "text-embedding-3-small", null, null))).isFalse();
        assertThat(a.sameVectorsAs(new EmbeddingProfile("openai", null, "text-embedding-3-large", 256, null))).isFalse();
        assertThat(a.sameVectorsAs(new EmbeddingProfile("azure", null, "text-embedding-3-small", 256, null))).isFalse();
        assertThat(a.sameVectorsAs(null)).isFalse();
        assertThat(EmbeddingProfile.none().sameVectorsAs(EmbeddingProfile.none())).as("none embeds nothing").isFalse();
    }

    @Test
    void noneHoldsNothingButItsKind() {
        EmbeddingProfile none = new EmbeddingProfile(" NONE ", "https://x.example", "m", 3, "{question}");

        assertThat(none).isEqualTo(EmbeddingProfile.none());
        assertThat(none.isNone()).isTrue();
        assertThat(none.withInput("{answer}")).isEqualTo(none);
        assertThat(none.describe()).isEqualTo("no embeddings");
    }

    @Test
    void aProfileNeedsAKindAModelAndPositiveDimensions() {
        assertThatThrownBy(() -> new EmbeddingProfile(" ", null, "m", null, null)).hasMessage("provider is empty");
        assertThatThrownBy(() -> new EmbeddingProfile("openai", null, " ", null, null)).hasMessage("model is blank");
        assertThatThrownBy(() -> new EmbeddingProfile("openai", null, "m", 0, null)).hasMessage("dimensions must be at least 1, not 0");
    }
}
