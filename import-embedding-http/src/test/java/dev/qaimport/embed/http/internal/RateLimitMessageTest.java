package dev.qaimport.embed.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateLimitMessageTest {
    private static RateLimitMessage parse(String body) {
        return RateLimitMessage.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsOpenAisTokenMessage() {
        RateLimitMessage m = parse("{\"error\":{\"message\":\"Rate limit reached for text-embedding-3-small in organization org-x on "
                + "tokens per min (TPM): Limit 150000, Used 140000, Requested 20000. Please try again in 1.2s. Visit "
                + "https://platform.openai.com/account/rate-limits to learn more.\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}");

        assertThat(m.requests()).isFalse();
        assertThat(m.limit()).hasValue(150_000);
        assertThat(m.used()).hasValue(140_000);
        assertThat(m.requested()).hasValue(20_000);
        assertThat(m.tryAgain()).contains(Duration.ofMillis(1_200));
    }

    @Test
    void readsARequestsMessageWithGoDurations() {
        RateLimitMessage m = parse("Rate limit reached on requests per min (RPM): Limit 3, Used 3, Requested 1. "
                + "Please try again in 20ms.");

        assertThat(m.requests()).isTrue();
        assertThat(m.limit()).hasValue(3);
        assertThat(m.tryAgain()).contains(Duration.ofMillis(20));
        assertThat(parse("Please try again in 6m0s.").tryAgain()).contains(Duration.ofMinutes(6));
    }

    @Test
    void dropsWhatIsNotPlausibleAndNeverFails() {
        assertThat(parse("Limit 0, Used 5").limit()).isEmpty();
        assertThat(parse("Limit 100, Used 1000").used()).as("more than twice the limit").isEmpty();
        assertThat(parse("Limit 99999999999999999999999").limit()).isEmpty();
        assertThat(parse("try again in 30h").tryAgain()).as("longer than an hour").isEmpty();
        assertThat(parse("try again in soon").tryAgain()).isEmpty();
        assertThat(RateLimitMessage.parse(null)).isEqualTo(RateLimitMessage.NONE);
        assertThat(parse("<html>429 Too Many Requests</html>")).isEqualTo(new RateLimitMessage(false, OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.empty()));
    }
}
