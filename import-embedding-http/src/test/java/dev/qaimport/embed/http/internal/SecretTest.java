package dev.qaimport.embed.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SecretTest {
    private static final String KEY = "sk-live-4f9a8b7c6d5e4f3a2b1c";
    private final Secret secret = Secret.of(KEY);

    @Test
    void neverShowsItself() {
        assertThat(secret.toString()).isEqualTo("****");
        assertThat(secret.reveal()).isEqualTo(KEY);
    }

    @Test
    void redactsTheWholeKeyAndItsEchoedFragments() {
        assertThat(secret.redact("Incorrect API key provided: " + KEY + ".")).isEqualTo("Incorrect API key provided: ****");
        assertThat(secret.redact("key sk-live-****************2b1c is invalid")).isEqualTo("key **** is invalid");
        assertThat(secret.redact("key ending in ...3a2b1c was revoked")).isEqualTo("key ending in **** was revoked");
    }

    @Test
    void redactsBearerTokensAndKeyShapedWordsOfOtherKeys() {
        assertThat(Secret.redact("sent Authorization: Bearer abc.def.ghi", null)).isEqualTo("sent Authorization: Bearer ****");
        assertThat(Secret.redact("other key sk-proj-AbC123dEf456 leaked", null)).isEqualTo("other key **** leaked");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "HTTP 503: The server is overloaded; api-version=2024-10-21, task-1234 of 5 (try again)";
        assertThat(secret.redact(text)).isEqualTo(text);
        assertThat(Secret.redact(null, secret)).isNull();
    }

    @Test
    void blankKeyIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> Secret.of("  ")).isInstanceOf(IllegalArgumentException.class).hasMessage("apiKey is blank");
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class).hasMessage("apiKey");
    }

    @Test
    void safeUrlHidesUserInfoAndSecretQueryValues() {
        assertThat(SafeUrl.of(URI.create("https://bob:pw@host.example:8443/v1/embeddings?api-version=1&api-key=abc&Key=x")))
                .isEqualTo("https://****@host.example:8443/v1/embeddings?api-version=1&api-key=****&Key=****");
        assertThat(SafeUrl.of(URI.create("http://localhost:11434/api/embed"))).isEqualTo("http://localhost:11434/api/embed");
    }
}
