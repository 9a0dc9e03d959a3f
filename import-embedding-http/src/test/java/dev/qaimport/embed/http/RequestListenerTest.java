package dev.qaimport.embed.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.embed.http.testing.Reply;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.spi.EmbeddingException;
import dev.qaimport.spi.EmbeddingRequestEvent;
import dev.qaimport.spi.EmbeddingRequestEvent.Outcome;
import dev.qaimport.spi.EmbeddingRequestListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an {@link EmbeddingRequestListener} handed to {@code embed} hears: every attempt, and every wait for a rate limit. */
class RequestListenerTest {
    private static final List<String> ONE = List.of("How do I cancel my order?");

    private final StubEmbeddingServer stub = StubEmbeddingServer.start();
    private final RecordingSleeper sleeper = RecordingSleeper.advancingItself();
    private final Recorder listener = new Recorder();

    /** Writes down what it hears. */
    static final class Recorder implements EmbeddingRequestListener {
        final List<EmbeddingRequestEvent> requests = new CopyOnWriteArrayList<>();
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void onRequest(EmbeddingRequestEvent event) {
            requests.add(event);
        }

        @Override
        public void onRateLimitWait(EmbeddingProfile profile, Duration waited) {
            waits.add(waited);
        }

        List<Outcome> outcomes() {
            return requests.stream().map(EmbeddingRequestEvent::outcome).toList();
        }
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private HttpEmbeddingService.OpenAiBuilder openAi() {
        return HttpEmbeddingService.openAi()
                .baseUrl(stub.baseUrl())
                .model("text-embedding-3-small")
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(20))
                .requestTimeout(Duration.ofSeconds(30))
                .sleeper(sleeper);
    }

    @Test
    void hearsEachAttemptAndTheWaitA429AskedFor() {
        stub.enqueue(Reply.openAiError(429, "Rate limit reached", "requests", null).withHeader("retry-after-ms", "400"),
                Reply.openAiError(503, "Overloaded", "server_error", null));
        HttpEmbeddingService service = openAi().build();

        assertThat(service.embed(ONE, listener)).hasSize(1);

        assertThat(listener.outcomes()).containsExactly(Outcome.RATE_LIMITED, Outcome.SERVER_ERROR, Outcome.OK);
        assertThat(listener.waits).as("only the wait after the 429 is one for a rate limit").containsExactly(Duration.ofMillis(400));
        EmbeddingRequestEvent ok = listener.requests.get(2);
        assertThat(ok.inputs()).isEqualTo(1);
        assertThat(ok.tokens()).as("as the provider counted").isEqualTo(StubEmbeddingServer.tokensOf(ONE.get(0)));
        assertThat(ok.profile()).isEqualTo(service.profile());
        assertThat(ok.latency().isNegative()).isFalse();
    }

    @Test
    void hearsThePacingWaits() {
        HttpEmbeddingService service = openAi().requestsPerMinute(1).maxRetryAfter(Duration.ofMinutes(2)).build();

        service.embed(ONE, listener);
        service.embed(ONE, listener);

        assertThat(listener.outcomes()).containsExactly(Outcome.OK, Outcome.OK);
        assertThat(listener.waits).isNotEmpty().isEqualTo(sleeper.waits());
    }

    @Test
    void hearsATimeout() {
        stub.enqueue(Reply.hang());
        HttpEmbeddingService service = openAi().requestTimeout(Duration.ofMillis(200)).maxRetries(0).build();

        assertThatThrownBy(() -> service.embed(ONE, listener)).isInstanceOf(EmbeddingException.class);

        assertThat(listener.outcomes()).containsExactly(Outcome.TIMEOUT);
    }

    @Test
    void hearsARejectedInputAndAnyOtherRefusal() {
        stub.enqueue(Reply.openAiError(400, "This model's maximum context length is 8192 tokens", "invalid_request_error", null),
                Reply.openAiError(401, "Incorrect API key provided", "invalid_request_error", "invalid_api_key"));
        HttpEmbeddingService service = openAi().maxRetries(0).build();

        assertThatThrownBy(() -> service.embed(ONE, listener)).isInstanceOf(EmbeddingException.class);
        assertThatThrownBy(() -> service.embed(ONE, listener)).isInstanceOf(EmbeddingException.class);

        assertThat(listener.outcomes()).containsExactly(Outcome.REJECTED_INPUT, Outcome.ERROR);
    }

    @Test
    void aListenerThatThrowsChangesNothing() {
        EmbeddingRequestListener thrower = new EmbeddingRequestListener() {
            @Override
            public void onRequest(EmbeddingRequestEvent event) {
                throw new IllegalStateException("boom");
            }
        };

        assertThat(openAi().build().embed(ONE, thrower)).hasSize(1);
        assertThat(openAi().build().embed(ONE)).as("without a listener").hasSize(1);
    }
}
