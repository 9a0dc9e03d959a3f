package dev.qaimport.embed.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RateLimitPacerTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimitPacer pacer = new RateLimitPacer(now::get);

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                (a, b) -> true);
    }

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void withoutHeadersNothingWaits() {
        for (int i = 0; i < 100; i++) {
            assertThat(pacer.tryReserve(100_000)).isZero();
        }
    }

    @Test
    void noRequestsLeftWaitsUntilTheReset() {
        pacer.update(headers(Map.of("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "500ms")));

        assertThat(pacer.tryReserve(1)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
        advanceMillis(499);
        assertThat(pacer.tryReserve(1)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1));
        advanceMillis(1);
        assertThat(pacer.tryReserve(1)).isZero();
    }

    @Test
    void reservationsSpendTheRemainderSoConcurrentCallersDoNotAllUseIt() {
        pacer.update(headers(Map.of("x-ratelimit-remaining-requests", "2", "x-ratelimit-reset-requests", "1s")));

        assertThat(pacer.tryReserve(1)).isZero();
        assertThat(pacer.tryReserve(1)).isZero();
        assertThat(pacer.tryReserve(1)).isEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void tokensRefillLinearlyWhenTheLimitIsKnown() {
        // 60,000 tokens per minute, none left: 1,000 tokens take one second to come back.
        pacer.update(headers(Map.of("x-ratelimit-limit-tokens", "60000", "x-ratelimit-remaining-tokens", "0",
                "x-ratelimit-reset-tokens", "1m0s")));

        assertThat(pacer.tryReserve(1_000)).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        advanceMillis(1_000);
        assertThat(pacer.tryReserve(1_000)).isZero();
        assertThat(pacer.tryReserve(1_000)).isEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void aRequestLargerThanTheWholeBudgetWaitsForAFullBudgetOnly() {
        pacer.update(headers(Map.of("x-ratelimit-limit-tokens", "1000", "x-ratelimit-remaining-tokens", "1000",
                "x-ratelimit-reset-tokens", "1s")));

        assertThat(pacer.tryReserve(5_000)).isZero();
    }

    @Test
    void pauseHoldsEveryoneUntilItEnds() {
        pacer.pauseFor(Duration.ofMillis(300));

        assertThat(pacer.tryReserve(1)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        advanceMillis(300);
        assertThat(pacer.tryReserve(1)).isZero();
    }

    @Test
    void afterAResetWithoutALimitTheBudgetIsUnknownAgain() {
        pacer.update(headers(Map.of("x-ratelimit-remaining-tokens", "10", "x-ratelimit-reset-tokens", "100ms")));
        assertThat(pacer.tryReserve(50)).isPositive();

        advanceMillis(100);

        assertThat(pacer.tryReserve(50)).isZero();
        assertThat(pacer.tryReserve(50_000)).isZero();
    }
}
