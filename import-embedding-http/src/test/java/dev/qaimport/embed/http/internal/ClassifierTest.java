package dev.qaimport.embed.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.embed.http.internal.Classifier.Action;
import dev.qaimport.spi.EmbeddingException.Kind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    private static Classifier.Decision classify(int status, String body) {
        return Classifier.classify(status, ProviderError.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    // The table of docs/EMBEDDINGS-HTTP.md, with real providers' bodies.
    @ParameterizedTest(name = "{0} {2} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            429 | THROTTLE/TRANSIENT      | {"error":{"message":"Rate limit reached for text-embedding-3-small. Add a payment method at https://platform.openai.com/account/billing","type":"requests","code":"rate_limit_exceeded"}}
            429 | RAISE/FATAL             | {"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","code":"insufficient_quota"}}
            408 | RETRY/TRANSIENT         | timeout
            409 | RETRY/TRANSIENT         | {"error":{"message":"conflict"}}
            500 | RETRY/TRANSIENT         | {"error":{"message":"The server had an error while processing your request."}}
            503 | RETRY/TRANSIENT         | <html><body>Service Unavailable</body></html>
            401 | RAISE/FATAL             | {"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}
            403 | RAISE/FATAL             | {"error":{"message":"You are not allowed to sample from this model"}}
            404 | RAISE/FATAL             | {"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}
            404 | RAISE/FATAL             | {"error":"model \\"nomic\\" not found, try pulling it first"}
            400 | RAISE/INPUT_REJECTED    | {"error":{"message":"This model's maximum context length is 8192 tokens, however you requested 9000 tokens","type":"invalid_request_error"}}
            400 | RAISE/INPUT_REJECTED    | {"error":{"message":"Requested 310000 tokens, max 300000 tokens per request","type":"max_tokens_per_request"}}
            400 | RAISE/INPUT_REJECTED    | {"error":{"message":"'$.input' is invalid. Please check the API reference"}}
            400 | RAISE/INPUT_REJECTED    | {"error":"input length exceeds maximum context length"}
            413 | RAISE/INPUT_REJECTED    | {"error":"batch size 64 > maximum allowed batch size 32","error_type":"Validation"}
            413 | RAISE/INPUT_REJECTED    | Request Entity Too Large
            422 | RAISE/INPUT_REJECTED    | {"error":"Input validation error: `inputs` must have less than 512 tokens. Given: 600","error_type":"Validation"}
            400 | RAISE/FATAL             | {"error":{"message":"This model does not support specifying dimensions."}}
            400 | RAISE/FATAL             | {"error":{"message":"The model `text-embedding-4` does not exist","code":"model_not_found"}}
            400 | RAISE/FATAL             | {"object":"error","message":"[{'type': 'extra_forbidden', 'msg': 'Extra inputs are not permitted'}]","type":"BadRequestError"}
            400 | RAISE/FATAL             | {"error":{"message":"Something odd"}}
            405 | RAISE/FATAL             | method not allowed
            307 | RAISE/FATAL             | moved
            """)
    void classifiesProviderErrors(int status, String expected, String body) {
        Classifier.Decision decision = classify(status, body);

        assertThat(decision.action() + "/" + decision.kind()).isEqualTo(expected);
        assertThat(decision.reason()).isNotBlank();
    }

    @Test
    void readsTheMessageOfEachProviderShape() {
        assertThat(ProviderError.parse("{\"error\":{\"message\":\"m1\",\"type\":\"T\"}}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ProviderError("m1", "t"));
        assertThat(ProviderError.parse("{\"error\":\"m2\",\"error_type\":\"Validation\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ProviderError("m2", "validation"));
        assertThat(ProviderError.parse("{\"object\":\"error\",\"message\":\"m3\",\"type\":\"BadRequestError\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ProviderError("m3", "badrequesterror"));
        assertThat(ProviderError.parse("<h1>502   Bad\n Gateway</h1>".getBytes(StandardCharsets.UTF_8)).message()).isEqualTo("502 Bad Gateway");
        assertThat(ProviderError.parse(new byte[0]).message()).isEmpty();
        assertThat(ProviderError.parse("x".repeat(1000).getBytes(StandardCharsets.UTF_8)).message()).hasSize(ProviderError.MAX_EXCERPT);
    }

    @Test
    void everyRaisedKindIsOneTheStageKnows() {
        assertThat(classify(400, "{}").kind()).isEqualTo(Kind.FATAL);
        assertThat(classify(429, "{}").action()).isEqualTo(Action.THROTTLE);
    }
}
