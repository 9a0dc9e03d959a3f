package dev.qaimport.benchmarks.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StubEmbeddingServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private StubEmbeddingServer stub;

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    private HttpResponse<String> post(String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/embeddings"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersFloatsInInputOrderWithDeterministicVectorsAfterTheLatency() throws Exception {
        stub = StubEmbeddingServer.start(0, Duration.ofMillis(50), 100);
        long started = System.nanoTime();
        HttpResponse<String> response = post("{\"model\":\"m\",\"input\":[\"alpha\",\"beta\"],\"dimensions\":8}");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(millis).isGreaterThanOrEqualTo(45);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("model").asText()).isEqualTo("m");
        assertThat(body.path("data").size()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            JsonNode item = body.path("data").get(i);
            assertThat(item.path("index").asInt()).isEqualTo(i);
            float[] expected = StubEmbeddingServer.expectedVector(i == 0 ? "alpha" : "beta", 8);
            for (int d = 0; d < 8; d++) {
                assertThat((float) item.path("embedding").get(d).asDouble()).isEqualTo(expected[d]);
            }
        }
        assertThat(stub.stats()).usingRecursiveComparison().ignoringFields("tokens", "largestTokens")
                .isEqualTo(new StubEmbeddingServer.Stats(1, 2, 0, 1, 2, 0, 0, 0));
    }

    @Test
    void answersLittleEndianBase64WhenAsked() throws Exception {
        stub = StubEmbeddingServer.start(0, Duration.ZERO, 100);
        JsonNode body = JSON.readTree(post("{\"model\":\"m\",\"input\":\"gamma\",\"encoding_format\":\"base64\"}").body());

        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(body.path("data").get(0).path("embedding").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] expected = StubEmbeddingServer.expectedVector("gamma", StubEmbeddingServer.DEFAULT_DIMENSIONS);
        assertThat(bytes.remaining()).isEqualTo(4 * StubEmbeddingServer.DEFAULT_DIMENSIONS);
        for (float value : expected) {
            assertThat(bytes.getFloat()).isEqualTo(value);
        }
    }

    @Test
    void refusesMoreInputsThanTheCapLikeARealProvider() throws Exception {
        stub = StubEmbeddingServer.start(0, Duration.ZERO, 3);
        String inputs = JSON.writeValueAsString(Collections.nCopies(4, "x"));

        HttpResponse<String> response = post("{\"model\":\"m\",\"input\":" + inputs + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).isEqualTo("too many inputs: 4 > 3");
        assertThat(stub.stats().rejected()).isEqualTo(1);
        assertThat(post("{\"model\":\"m\",\"input\":").statusCode()).isEqualTo(400);
    }

    @Test
    void aTokenLimitPerSlidingWindowRefusesWhatDoesNotFitWithOpenAisHeadersAndMessage() throws Exception {
        // 40 characters are 10 tokens; 25 tokens per minute admit two such requests, not three.
        stub = StubEmbeddingServer.start(0, Duration.ZERO, 100, new TokenWindow(25, Duration.ofMinutes(1)));
        String body = "{\"input\":[\"" + "a".repeat(40) + "\"]}";

        HttpResponse<String> first = post(body);
        post(body);
        HttpResponse<String> third = post(body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-ratelimit-limit-tokens")).contains("25");
        assertThat(first.headers().firstValue("x-ratelimit-remaining-tokens")).contains("15");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("x-ratelimit-remaining-tokens")).contains("5");
        assertThat(third.headers().firstValue("retry-after")).isEmpty();
        assertThat(JSON.readTree(third.body()).path("error").path("message").asText())
                .contains("Limit 25, Used 20, Requested 10. Please try again in ");
        assertThat(stub.stats().requests()).isEqualTo(2);
        assertThat(stub.stats().rateLimited()).isEqualTo(1);
        assertThat(stub.stats().tokens()).isEqualTo(20);
    }
}
