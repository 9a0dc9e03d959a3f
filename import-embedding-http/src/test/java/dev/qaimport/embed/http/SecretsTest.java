package dev.qaimport.embed.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.qaimport.embed.http.testing.Reply;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import dev.qaimport.spi.EmbeddingException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecretsTest {
    private static final String KEY = "sk-proj-Zq8XwV3kLm2Np7Rt4Yb6Hc9Jd1Fg5Ks0";
    private static final String RIGHT_KEY = "sk-proj-the-right-one-0123456789";
    // What a provider may echo of a key: all of it, or its prefix and last characters.
    private static final List<String> FRAGMENTS = List.of(KEY, KEY.substring(0, 14), KEY.substring(KEY.length() - 6),
            "Zq8XwV3k", "Fg5Ks0");

    private final StubEmbeddingServer stub = StubEmbeddingServer.builder().requireApiKey(RIGHT_KEY).start();

    @AfterEach
    void stop() {
        stub.close();
    }

    private HttpEmbeddingService service() {
        return HttpEmbeddingService.openAi()
                .baseUrl(stub.baseUrl() + "?api-key=" + KEY)
                .apiKey(KEY)
                .model("text-embedding-3-small")
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(10))
                .build();
    }

    private static String everything(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return e.getMessage() + "\n" + e + "\n" + trace;
    }

    private static void assertNoSecret(String text) {
        for (String fragment : FRAGMENTS) {
            assertThat(text).as("text must not contain %s", fragment).doesNotContain(fragment);
        }
    }

    @Test
    void unauthorizedIsFatalAndNoMessageOrLogLineHoldsTheKey() {
        Throwable thrown;
        String logged;
        try (LogCapture log = new LogCapture()) {
            thrown = catchThrowable(() -> service().embed(List.of("hello")));
            logged = log.text();
        }

        assertThat(thrown).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("Incorrect API key provided: ****")
                .hasMessageContaining("authentication failed: check the API key")
                .hasMessageContaining(stub.baseUrl() + "/embeddings?api-key=****");
        assertThat(((EmbeddingException) thrown).kind()).isEqualTo(EmbeddingException.Kind.FATAL);
        assertThat(stub.requestCount()).isEqualTo(1);
        assertThat(stub.requests().get(0).header("authorization")).isEqualTo("Bearer " + KEY);
        assertNoSecret(everything(thrown));
        assertThat(logged).contains("POST OpenAI-compatible");
        assertNoSecret(logged);
    }

    @Test
    void maskedEchoesOfTheKeyAreRemovedToo() {
        String masked = KEY.substring(0, 8) + "*".repeat(24) + KEY.substring(KEY.length() - 4);
        stub.enqueue(Reply.openAiError(403, "Key " + masked + " is not allowed to use this model", "invalid_request_error", null));

        Throwable thrown = catchThrowable(() -> service().embed(List.of("hello")));

        assertThat(thrown).hasMessageContaining("HTTP 403: Key **** is not allowed").hasMessageNotContaining(KEY.substring(KEY.length() - 4));
        assertThat(((EmbeddingException) thrown).kind()).isEqualTo(EmbeddingException.Kind.FATAL);
    }

    @Test
    void retryLogLinesAndTheFinalErrorNeverHoldTheKeyEvenWhenTheProviderEchoesIt() {
        List<Reply> replies = new ArrayList<>();
        replies.add(Reply.openAiError(429, "Rate limit for key " + KEY + " reached", "requests", null).withHeader("retry-after-ms", "1"));
        replies.add(Reply.json(500, "upstream said: Authorization: Bearer " + KEY));
        replies.add(Reply.json(503, "{\"message\":\"overloaded for " + KEY + "\"}"));
        stub.enqueue(replies.toArray(new Reply[0]));
        HttpEmbeddingService service = HttpEmbeddingService.openAi().baseUrl(stub.baseUrl()).apiKey(KEY).model("m")
                .maxRetries(2).initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2)).build();

        Throwable thrown;
        String logged;
        try (LogCapture log = new LogCapture()) {
            thrown = catchThrowable(() -> service.embed(List.of("hello")));
            logged = log.text();
        }

        assertThat(((EmbeddingException) thrown).kind()).isEqualTo(EmbeddingException.Kind.TRANSIENT);
        assertThat(logged).contains("WARN").contains("HTTP 429: Rate limit for key **** reached")
                .contains("HTTP 500: upstream said: Authorization: Bearer ****");
        assertNoSecret(logged);
        assertNoSecret(everything(thrown));
    }

    @Test
    void toStringAndDescribeShowUrlAndModelOnly() {
        HttpEmbeddingService service = service();

        assertThat(service.describe()).isEqualTo("OpenAI-compatible " + stub.baseUrl()
                + "/embeddings?api-key=**** model text-embedding-3-small");
        assertThat(service.toString()).isEqualTo("HttpEmbeddingService[" + service.describe() + "]");
        assertNoSecret(service.toString());
    }

    @Test
    void azureKeyIsSentAsApiKeyHeaderAndNeverShown() {
        HttpEmbeddingService service = HttpEmbeddingService.azureOpenAi().endpoint(stub.rootUrl()).deployment("d")
                .apiKey(KEY).maxRetries(0).build();

        Throwable thrown = catchThrowable(() -> service.embed(List.of("hello")));

        assertThat(stub.requests().get(0).header("api-key")).isEqualTo(KEY);
        assertThat(thrown).hasMessageContaining("Azure OpenAI").hasMessageContaining("HTTP 401");
        assertNoSecret(everything(thrown));
        assertNoSecret(service.toString());
    }

    @Test
    void builderErrorsNeverEchoTheKeyOrUrlCredentials() {
        Throwable badUrl = catchThrowable(() -> HttpEmbeddingService.openAi().baseUrl("ftp://user:" + KEY + "@example.com/v1"));

        assertThat(badUrl).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUrl must be an http or https URL with a host: ftp://****@example.com/v1");
    }
}
