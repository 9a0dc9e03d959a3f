package dev.qaimport.embed.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qaimport.embed.http.testing.RecordedRequest;
import dev.qaimport.embed.http.testing.Reply;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import dev.qaimport.spi.EmbeddingException;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.spi.TokenEstimate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpEmbeddingServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StubEmbeddingServer stub = StubEmbeddingServer.start();

    @AfterEach
    void stop() {
        stub.close();
    }

    private HttpEmbeddingService.OpenAiBuilder openAi() {
        return HttpEmbeddingService.openAi()
                .baseUrl(stub.baseUrl())
                .apiKey("sk-test-0123456789abcdef")
                .model("text-embedding-3-small")
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(20))
                .requestTimeout(Duration.ofSeconds(30));
    }

    private static List<String> texts(int n) {
        return IntStream.range(0, n).mapToObj(i -> "How do I reset password number " + i + "?").collect(Collectors.toList());
    }

    private static void assertStubVectors(List<float[]> vectors, List<String> inputs, int dimensions) {
        assertThat(vectors).hasSameSizeAs(inputs);
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(vectors.get(i)).as("vector %d", i).containsExactly(StubEmbeddingServer.vectorFor(inputs.get(i), dimensions));
        }
    }

    @Test
    void sendsOneOpenAiRequestWithInputArrayModelAndBase64() throws Exception {
        List<String> inputs = texts(3);

        List<float[]> vectors = openAi().build().embed(inputs);

        assertStubVectors(vectors, inputs, 16);
        assertThat(stub.requests()).hasSize(1);
        RecordedRequest request = stub.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/embeddings");
        assertThat(request.header("authorization")).isEqualTo("Bearer sk-test-0123456789abcdef");
        assertThat(request.header("content-type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(body.get("encoding_format").asText()).isEqualTo("base64");
        assertThat(body.has("dimensions")).isFalse();
        assertThat(request.inputs()).isEqualTo(inputs);
    }

    @Test
    void decodesFloatArraysWhenAskedForFloatAndLeavesEncodingFormatOut() throws Exception {
        List<String> inputs = texts(4);

        List<float[]> vectors = openAi().encodingFormat(EncodingFormat.FLOAT).build().embed(inputs);

        assertStubVectors(vectors, inputs, 16);
        assertThat(JSON.readTree(stub.requests().get(0).body()).has("encoding_format")).isFalse();
    }

    @Test
    void requestsDimensionsAndNamesTheVectorSpaceWithThem() throws Exception {
        HttpEmbeddingService service = openAi().dimensions(8).build();

        List<float[]> vectors = service.embed(texts(2));

        assertThat(service.modelId()).isEqualTo("text-embedding-3-small@8");
        assertThat(vectors).allSatisfy(v -> assertThat(v).hasSize(8));
        assertThat(JSON.readTree(stub.requests().get(0).body()).get("dimensions").asInt()).isEqualTo(8);
        assertThat(openAi().build().modelId()).isEqualTo("text-embedding-3-small");
    }

    @Test
    void ordersResultsByIndexWhenTheProviderShufflesThem() {
        List<String> inputs = texts(6);
        stub.enqueue(Reply.json(200, r -> StubEmbeddingServer.openAiBody(r.inputs(), 16, true, new int[] {3, 5, 0, 1, 4, 2})));

        List<float[]> vectors = openAi().build().embed(inputs);

        assertStubVectors(vectors, inputs, 16);
    }

    @Test
    void itemsWithoutIndexAreTakenInOrder() {
        stub.enqueue(Reply.json(200, "{\"data\":[{\"embedding\":[1.0,0.0]},{\"embedding\":[0.0,1.0]}]}"));

        List<float[]> vectors = openAi().build().embed(texts(2));

        assertThat(vectors.get(0)).containsExactly(1.0f, 0.0f);
        assertThat(vectors.get(1)).containsExactly(0.0f, 1.0f);
    }

    @Test
    void splitsACallLargerThanTheInputLimitIntoRequestsInOrder() {
        List<String> inputs = texts(23);

        List<float[]> vectors = openAi().limits(new EmbeddingLimits(10, 300_000, 8192, 4)).build().embed(inputs);

        assertStubVectors(vectors, inputs, 16);
        List<RecordedRequest> requests = stub.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests).allSatisfy(r -> assertThat(r.inputs().size()).isLessThanOrEqualTo(10));
        assertThat(requests.stream().flatMap(r -> r.inputs().stream()).collect(Collectors.toList())).isEqualTo(inputs);
    }

    @Test
    void splitsByEstimatedTokensPerRequest() {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            inputs.add("Where can I find invoice " + i + " for my subscription and how do I download it as a PDF?");
        }
        int perInput = TokenEstimate.estimate(inputs.get(0));
        int maxTokens = perInput * 3 + perInput / 2;

        List<float[]> vectors = openAi().limits(new EmbeddingLimits(2048, maxTokens, 8192, 4)).build().embed(inputs);

        assertStubVectors(vectors, inputs, 16);
        List<RecordedRequest> requests = stub.requests();
        assertThat(requests.size()).isGreaterThan(1);
        assertThat(requests).allSatisfy(r ->
                assertThat(r.inputs().stream().mapToInt(TokenEstimate::estimate).sum()).isLessThanOrEqualTo(maxTokens));
        assertThat(requests.stream().flatMap(r -> r.inputs().stream()).collect(Collectors.toList())).isEqualTo(inputs);
    }

    @Test
    void shortensAnInputLongerThanThePerInputLimit() {
        String longText = "word ".repeat(400);
        HttpEmbeddingService service = openAi().limits(new EmbeddingLimits(2048, 300_000, 100, 4)).build();

        service.embed(List.of("short", longText));

        String sent = stub.requests().get(0).inputs().get(1);
        assertThat(longText).startsWith(sent);
        assertThat(TokenEstimate.estimate(sent)).isLessThanOrEqualTo(100).isGreaterThan(90);
        assertThat(stub.requests().get(0).inputs().get(0)).isEqualTo("short");
    }

    @Test
    void sendsLongInputsUnchangedWhenTruncationIsOff() {
        String longText = "word ".repeat(400).strip();

        openAi().limits(new EmbeddingLimits(2048, 300_000, 100, 4)).truncateLongInputs(false).build().embed(List.of(longText));

        assertThat(stub.requests().get(0).inputs()).containsExactly(longText);
    }

    @Test
    void emptyCallSendsNothing() {
        assertThat(openAi().build().embed(List.of())).isEmpty();
        assertThat(stub.requestCount()).isZero();
    }

    @Test
    void nullInputIsRejectedWithItsIndex() {
        List<String> inputs = new ArrayList<>(List.of("a"));
        inputs.add(null);

        assertThatThrownBy(() -> openAi().build().embed(inputs))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("inputs[1] is null");
    }

    @Test
    void dimensionMismatchInOneResponseIsFatal() {
        stub.enqueue(Reply.json(200, "{\"data\":[{\"index\":0,\"embedding\":[0.1,0.2,0.3]},{\"index\":1,\"embedding\":[0.1,0.2]}]}"));

        assertThatThrownBy(() -> openAi().build().embed(texts(2)))
                .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.FATAL))
                .hasMessageContaining("different or zero dimensions (3 and 2)")
                .hasMessageContaining(stub.baseUrl() + "/embeddings");
        assertThat(stub.requestCount()).isEqualTo(1);
    }

    @Test
    void vectorsOfOtherDimensionsThanRequestedAreFatal() {
        stub.enqueue(Reply.json(200, r -> StubEmbeddingServer.openAiBody(r.inputs(), 12, true, new int[] {0})));

        assertThatThrownBy(() -> openAi().dimensions(8).build().embed(texts(1)))
                .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.FATAL))
                .hasMessageContaining("12-dimensional embeddings although 8 dimensions were requested");
    }

    @Test
    void aChangeOfDimensionsBetweenCallsIsFatal() {
        HttpEmbeddingService service = openAi().build();
        service.embed(texts(1));
        stub.enqueue(Reply.json(200, r -> StubEmbeddingServer.openAiBody(r.inputs(), 32, true, new int[] {0})));

        assertThatThrownBy(() -> service.embed(texts(1)))
                .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.FATAL))
                .hasMessageContaining("32-dimensional embeddings after earlier 16-dimensional ones");
    }

    @Test
    void missingOrDuplicateIndexesAreFatal() {
        stub.enqueue(Reply.json(200, "{\"data\":[{\"index\":0,\"embedding\":[0.1]},{\"index\":0,\"embedding\":[0.2]}]}"),
                Reply.json(200, "{\"data\":[{\"index\":0,\"embedding\":[0.1]}]}"));
        HttpEmbeddingService service = openAi().build();

        assertThatThrownBy(() -> service.embed(texts(2))).hasMessageContaining("index 0 appears twice");
        assertThatThrownBy(() -> service.embed(texts(2)))
                .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.FATAL))
                .hasMessageContaining("1 embeddings for 2 inputs");
    }

    @Test
    void wellFormedJsonOfTheWrongShapeIsFatalWithoutRetry() {
        stub.enqueue(Reply.json(200, "{\"result\":\"ok\"}"));

        assertThatThrownBy(() -> openAi().build().embed(texts(1)))
                .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.FATAL))
                .hasMessageContaining("malformed response to HTTP 200: no \"data\" array");
        assertThat(stub.requestCount()).isEqualTo(1);
    }

    @Test
    void malformedJsonIsRetriedAndThenSucceeds() {
        stub.enqueue(Reply.garbage(), Reply.json(200, "not json at all"));
        List<String> inputs = texts(2);

        List<float[]> vectors = openAi().build().embed(inputs);

        assertStubVectors(vectors, inputs, 16);
        assertThat(stub.requestCount()).isEqualTo(3);
    }

    @Test
    void malformedJsonEveryTimeIsTransientAfterTheRetries() {
        for (int i = 0; i < 3; i++) {
            stub.enqueue(Reply.garbage());
        }

        assertThatThrownBy(() -> openAi().maxRetries(2).build().embed(texts(1)))
                .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.TRANSIENT))
                .hasMessageContaining("gave up after 3 attempts")
                .hasMessageContaining("malformed response to HTTP 200: not valid JSON");
    }

    @Test
    void anHtmlPageInsteadOfTheApiIsFatal() {
        stub.enqueue(Reply.json(200, "<html><body>Welcome</body></html>").withHeader("Content-Type", "text/html"));

        assertThatThrownBy(() -> openAi().build().embed(texts(1)))
                .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.FATAL))
                .hasMessageContaining("HTTP 200 with an HTML page instead of the embeddings API: check the base URL");
        assertThat(stub.requestCount()).isEqualTo(1);
    }

    @Test
    void contextLengthExceededIsInputRejected() {
        StubEmbeddingServer rejecting = StubEmbeddingServer.builder().rejectInputsContaining("TOO-LONG").start();
        try (rejecting) {
            HttpEmbeddingService service = HttpEmbeddingService.openAi().baseUrl(rejecting.baseUrl()).model("m").build();

            assertThatThrownBy(() -> service.embed(List.of("fine", "this one is TOO-LONG")))
                    .isInstanceOfSatisfying(EmbeddingException.class,
                            e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.INPUT_REJECTED))
                    .hasMessageContaining("HTTP 400")
                    .hasMessageContaining("maximum context length is 8192 tokens");
            assertThat(rejecting.requestCount()).isEqualTo(1);
            assertThat(service.embed(List.of("fine"))).hasSize(1);
        }
    }

    @Test
    void payloadTooLargeIsInputRejected() {
        stub.enqueue(Reply.json(413, "{\"error\":\"Request Entity Too Large\"}"));

        assertThatThrownBy(() -> openAi().build().embed(texts(1)))
                .isInstanceOfSatisfying(EmbeddingException.class,
                        e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.INPUT_REJECTED));
    }

    @Test
    void unknownModelIsFatalWithTheProviderMessage() {
        stub.enqueue(Reply.openAiError(404, "The model `text-embedding-4` does not exist or you do not have access to it.",
                "invalid_request_error", "model_not_found"));

        assertThatThrownBy(() -> openAi().build().embed(texts(1)))
                .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.FATAL))
                .hasMessageContaining("OpenAI-compatible " + stub.baseUrl() + "/embeddings")
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("The model `text-embedding-4` does not exist");
        assertThat(stub.requestCount()).isEqualTo(1);
    }

    @Test
    void unsupportedDimensionsIsFatalNotInputRejected() {
        stub.enqueue(Reply.openAiError(400, "This model does not support specifying dimensions.", "invalid_request_error", null));

        assertThatThrownBy(() -> openAi().dimensions(64).build().embed(texts(1)))
                .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.FATAL));
    }

    @Test
    void exhaustedQuotaIsFatalAtOnce() {
        stub.enqueue(Reply.openAiError(429, "You exceeded your current quota, please check your plan and billing details.",
                "insufficient_quota", "insufficient_quota").withHeader("retry-after", "1"));

        assertThatThrownBy(() -> openAi().build().embed(texts(1)))
                .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.FATAL))
                .hasMessageContaining("HTTP 429")
                .hasMessageContaining("quota exhausted");
        assertThat(stub.requestCount()).isEqualTo(1);
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        stub.enqueue(Reply.json(405, "{\"error\":\"method not allowed\"}"));

        assertThatThrownBy(() -> openAi().build().embed(texts(1)))
                .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.FATAL))
                .hasMessageContaining("HTTP 405: method not allowed");
        assertThat(stub.requestCount()).isEqualTo(1);
    }

    @Test
    void azureUsesTheDeploymentUrlApiVersionAndApiKeyHeader() throws Exception {
        HttpEmbeddingService service = HttpEmbeddingService.azureOpenAi()
                .endpoint(stub.rootUrl() + "/")
                .deployment("embed-small")
                .apiKey("azure-key-0123456789")
                .model("text-embedding-3-small")
                .dimensions(4)
                .build();
        List<String> inputs = texts(2);

        List<float[]> vectors = service.embed(inputs);

        assertStubVectors(vectors, inputs, 4);
        RecordedRequest request = stub.requests().get(0);
        assertThat(request.path()).isEqualTo("/openai/deployments/embed-small/embeddings");
        assertThat(request.query()).isEqualTo("api-version=" + HttpEmbeddingService.AzureOpenAiBuilder.DEFAULT_API_VERSION);
        assertThat(request.header("api-key")).isEqualTo("azure-key-0123456789");
        assertThat(request.header("authorization")).isNull();
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.has("model")).isFalse();
        assertThat(body.get("dimensions").asInt()).isEqualTo(4);
        assertThat(service.modelId()).isEqualTo("text-embedding-3-small@4");
        assertThat(service.describe()).isEqualTo("Azure OpenAI " + stub.rootUrl()
                + "/openai/deployments/embed-small/embeddings?api-version=2024-10-21 model text-embedding-3-small@4");
    }

    @Test
    void azureModelDefaultsToTheDeploymentName() {
        HttpEmbeddingService service = HttpEmbeddingService.azureOpenAi()
                .endpoint(stub.rootUrl()).deployment("my-embedder").apiKey("azure-key-0123456789").apiVersion("2025-01-01").build();

        service.embed(texts(1));

        assertThat(service.modelId()).isEqualTo("my-embedder");
        assertThat(stub.requests().get(0).query()).isEqualTo("api-version=2025-01-01");
    }

    @Test
    void ollamaUsesApiEmbedAndItsShape() throws Exception {
        HttpEmbeddingService service = HttpEmbeddingService.ollama().baseUrl(stub.rootUrl()).model("nomic-embed-text").build();
        List<String> inputs = texts(3);

        List<float[]> vectors = service.embed(inputs);

        assertStubVectors(vectors, inputs, 16);
        RecordedRequest request = stub.requests().get(0);
        assertThat(request.path()).isEqualTo("/api/embed");
        assertThat(request.header("authorization")).isNull();
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("model").asText()).isEqualTo("nomic-embed-text");
        assertThat(body.has("encoding_format")).isFalse();
        assertThat(service.limits()).isEqualTo(ProviderLimits.OLLAMA);
        assertThat(service.describe()).isEqualTo("Ollama " + stub.rootUrl() + "/api/embed model nomic-embed-text");
    }

    @Test
    void ollamaModelNotFoundIsFatal() {
        stub.enqueue(Reply.json(404, "{\"error\":\"model \\\"nomic\\\" not found, try pulling it first\"}"));
        HttpEmbeddingService service = HttpEmbeddingService.ollama().baseUrl(stub.rootUrl()).model("nomic").build();

        assertThatThrownBy(() -> service.embed(texts(1)))
                .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.FATAL))
                .hasMessageContaining("Ollama " + stub.rootUrl() + "/api/embed: HTTP 404: model \"nomic\" not found, try pulling it first");
    }

    @Test
    void ollamaWithTooFewEmbeddingsIsFatal() {
        stub.enqueue(Reply.json(200, "{\"model\":\"m\",\"embeddings\":[[0.1,0.2]]}"));
        HttpEmbeddingService service = HttpEmbeddingService.ollama().baseUrl(stub.rootUrl()).model("m").build();

        assertThatThrownBy(() -> service.embed(texts(2))).hasMessageContaining("1 embeddings for 2 inputs");
    }

    @Test
    void baseUrlWithoutAPathGetsV1() {
        HttpEmbeddingService service = HttpEmbeddingService.openAi().baseUrl(stub.rootUrl()).model("m").build();

        service.embed(texts(1));

        assertThat(stub.requests().get(0).path()).isEqualTo("/v1/embeddings");
    }

    @Test
    void limitsDefaultToTheProviderProfileAndConcurrencyIsConfigurable() {
        assertThat(openAi().build().limits()).isEqualTo(ProviderLimits.OPENAI);
        assertThat(openAi().maxConcurrency(2).build().limits().maxConcurrency()).isEqualTo(2);
        assertThat(openAi().maxConcurrency(2).build().limits().maxInputsPerRequest()).isEqualTo(2048);
    }

    @Test
    void builderNamesWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> HttpEmbeddingService.openAi().apiKey("sk-x0123456789").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("model is required (for example text-embedding-3-small)");
        assertThatThrownBy(() -> HttpEmbeddingService.openAi().model("m").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("apiKey is required for https://api.openai.com/v1");
        assertThatThrownBy(() -> HttpEmbeddingService.azureOpenAi().deployment("d").apiKey("k").build())
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("endpoint is required");
        assertThatThrownBy(() -> HttpEmbeddingService.azureOpenAi().endpoint("https://x.openai.azure.com").apiKey("k").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("deployment is required");
        assertThatThrownBy(() -> HttpEmbeddingService.azureOpenAi().endpoint("https://x.openai.azure.com").deployment("d").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("apiKey is required for Azure OpenAI");
        assertThatThrownBy(() -> HttpEmbeddingService.ollama().build())
                .isInstanceOf(IllegalStateException.class).hasMessage("model is required (for example nomic-embed-text)");
        assertThatThrownBy(() -> HttpEmbeddingService.openAi().dimensions(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("dimensions < 1: 0");
        assertThatThrownBy(() -> HttpEmbeddingService.openAi().maxRetries(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxRetries < 0: -1");
        assertThatThrownBy(() -> HttpEmbeddingService.openAi().maxConcurrency(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConcurrency < 1: 0");
        assertThatThrownBy(() -> HttpEmbeddingService.ollama().tokensPerMinute(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tokensPerMinute < 1: 0");
        assertThatThrownBy(() -> HttpEmbeddingService.azureOpenAi().requestsPerMinute(-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("requestsPerMinute < 1: -5");
        assertThatThrownBy(() -> HttpEmbeddingService.openAi().requestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("requestTimeout must be positive: PT0S");
        assertThatThrownBy(() -> HttpEmbeddingService.openAi().baseUrl("ftp://example.com/v1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("baseUrl must be an http or https URL with a host: ftp://example.com/v1");
        assertThatThrownBy(() -> HttpEmbeddingService.openAi().model(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("model is blank");
        assertThatThrownBy(() -> HttpEmbeddingService.openAi().apiKey(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("apiKey is blank");
        assertThatThrownBy(() -> HttpEmbeddingService.openAi().header("Authorization", "Bearer x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("header Authorization is set by the client; use apiKey(...) for credentials");
        assertThatThrownBy(() -> HttpEmbeddingService.azureOpenAi().deployment("a/b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("deployment must be 1-64 letters, digits, '.', '_' or '-': a/b");
        assertThatThrownBy(() -> HttpEmbeddingService.openAi().initialBackoff(Duration.ofSeconds(2)).maxBackoff(Duration.ofSeconds(1)).model("m").apiKey("k").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBackoff < initialBackoff: PT1S < PT2S");
    }

    @Test
    void extraHeadersAreSent() {
        openAi().header("OpenAI-Project", "proj_123").build().embed(texts(1));

        assertThat(stub.requests().get(0).header("openai-project")).isEqualTo("proj_123");
    }
}
