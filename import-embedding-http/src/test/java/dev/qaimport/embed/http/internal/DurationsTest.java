package dev.qaimport.embed.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DurationsTest {
    private static final Clock NOON = Clock.fixed(Instant.parse("2030-01-01T12:00:00Z"), ZoneOffset.UTC);

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                (a, b) -> true);
    }

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"6m0s, 360000", "1s, 1000", "20ms, 20", "1h2m3.5s, 3723500", "0s, 0", "1.5s, 1500", "1500us, 1", "60, 60000",
            "0.5, 500", "2m, 120000"})
    void readsGoDurationsAndPlainSeconds(String text, long millis) {
        assertThat(Durations.parseGo(text)).hasValueSatisfying(d -> assertThat(d.toMillis()).isEqualTo(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "5 s", "1x", "ms", "-1s", "1s2"})
    void rejectsAnythingElse(String text) {
        assertThat(Durations.parseGo(text)).isEmpty();
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        assertThat(Durations.retryAfter(headers(Map.of("retry-after-ms", "1500.5", "retry-after", "30")), NOON))
                .hasValueSatisfying(d -> assertThat(d.toNanos()).isEqualTo(1_500_500_000L));
    }

    @Test
    void retryAfterInSeconds() {
        assertThat(Durations.retryAfter(headers(Map.of("retry-after", "7")), NOON)).contains(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAsHttpDateIsMeasuredFromTheClock() {
        assertThat(Durations.retryAfter(headers(Map.of("retry-after", "Tue, 01 Jan 2030 12:00:05 GMT")), NOON))
                .contains(Duration.ofSeconds(5));
        assertThat(Durations.retryAfter(headers(Map.of("retry-after", "Tue, 01 Jan 2030 11:00:00 GMT")), NOON))
                .contains(Duration.ZERO);
    }

    @Test
    void unreadableOrMissingRetryAfterIsEmpty() {
        assertThat(Durations.retryAfter(headers(Map.of("retry-after", "later")), NOON)).isEmpty();
        assertThat(Durations.retryAfter(headers(Map.of()), NOON)).isEmpty();
    }
}
