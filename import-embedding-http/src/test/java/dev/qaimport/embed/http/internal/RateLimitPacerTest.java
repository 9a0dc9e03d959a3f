package dev.qaimport.embed.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pacer's budget math, against a time the test moves by hand. */
class RateLimitPacerTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final RateLimitPacer pacer = new RateLimitPacer(now::get);

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                (a, b) -> true);
    }

    private static HttpHeaders tokens(long limit, long remaining, String reset) {
        return headers(Map.of("x-ratelimit-limit-tokens", Long.toString(limit), "x-ratelimit-remaining-tokens", Long.toString(remaining),
                "x-ratelimit-reset-tokens", reset));
    }

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static RateLimitPacer.Request request(int inputs, int tokensEach) {
        int[] tokens = new int[inputs];
        Arrays.fill(tokens, tokensEach);
        return new RateLimitPacer.Request(tokens, 0, 2048, 300_000);
    }

    /** Sends one request of {@code tokens} estimated tokens that the provider counts as {@code tokens}, and answers it now. */
    private void spend(int tokens) {
        RateLimitPacer.Request r = new RateLimitPacer.Request(new int[] {tokens}, 0, 1, Long.MAX_VALUE);
        assertThat(pacer.tryReserve(r)).isZero();
        pacer.settle(r.reservation(), tokens);
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
        assertThat(pacer.tryReserve(1)).isEqualTo(SECOND);
    }

    @Test
    void spentTokensComeBackWholeOneWindowAfterTheirAnswerNotLinearly() {
        // 60,000 tokens per minute; 30,000 spent now, answered now: the provider says the window is full again in a minute.
        spend(30_000);
        pacer.update(tokens(60_000, 30_000, "1m0s"));

        // 30,000 fit; 40,000 need the first spend back, which a linear refill would have promised after 10 s.
        assertThat(pacer.tryReserve(40_000)).isEqualTo(60 * SECOND);
        advanceMillis(59_999);
        assertThat(pacer.tryReserve(40_000)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1));
        advanceMillis(1);
        assertThat(pacer.tryReserve(40_000)).isZero();
    }

    @Test
    void aRequestLargerThanTheWholeBudgetWaitsForAFullBudgetOnly() {
        pacer.update(tokens(1_000, 1_000, "0s"));
        pacer.update(tokens(1_000, 1_000, "1s"));

        assertThat(pacer.tryReserve(4_500)).as("5,000 left, less the margin for a request in flight").isZero();
    }

    @Test
    void theFirstRequestsAreSmallUntilTheProviderHasAnswered() {
        RateLimitPacer.Request first = request(100, 1_000);

        assertThat(pacer.tryReserve(first)).isZero();

        assertThat(first.end()).isEqualTo((int) (RateLimitPacer.FIRST_REQUEST_TOKENS / 1_000));
    }

    @Test
    void aRequestThatGotNoAnswerLeavesTheFirstRequestsSmall() {
        RateLimitPacer.Request lost = request(100, 1_000);
        pacer.tryReserve(lost);
        pacer.settle(lost.reservation(), -1);

        RateLimitPacer.Request next = request(100, 1_000);
        assertThat(pacer.tryReserve(next)).isZero();

        assertThat(next.end()).as("a timeout or refused connection tells nothing about the limit").isEqualTo(8);
    }

    @Test
    void withoutAnyLimitAfterTheFirstAnswerOnlyTheProfileBoundsARequest() {
        spend(10);
        pacer.update(headers(Map.of()));
        RateLimitPacer.Request r = new RateLimitPacer.Request(new int[] {1_000, 1_000, 1_000, 1_000}, 1, 2, 300_000);

        assertThat(pacer.tryReserve(r)).isZero();

        assertThat(r.end()).isEqualTo(3);
        assertThat(r.estimated()).isEqualTo(2_000);
    }

    @Test
    void requestsCarryAtMostATenthOfTheKnownLimit() {
        spend(1_000);
        pacer.update(tokens(150_000, 149_000, "10s"));
        RateLimitPacer.Request r = request(100, 1_000);

        assertThat(pacer.tryReserve(r)).isZero();

        assertThat(r.end()).isEqualTo(15);
    }

    @Test
    void aRequestShrinksToWhatTheWindowCanStillTakeAndWaitsRatherThanSendASliver() {
        spend(145_000);
        pacer.update(tokens(150_000, 5_000, "10s"));
        RateLimitPacer.Request r = request(100, 1_000);
        assertThat(pacer.tryReserve(r)).isZero();
        assertThat(r.end()).as("5,000 left of the window, less the margin for a request in flight: 4 inputs, not the 15 of a full "
                + "share").isEqualTo(4);

        RateLimitPacer.Request next = request(100, 1_000);
        assertThat(pacer.tryReserve(next)).as("nothing left: wait for the big spend to come back").isEqualTo(10 * SECOND);
        assertThat(next.end()).isEqualTo(-1);
    }

    @Test
    void estimatesAreScaledToTheProvidersCountOnceItReportsUsage() {
        RateLimitPacer.Request r = new RateLimitPacer.Request(new int[] {2_000}, 0, 1, Long.MAX_VALUE);
        pacer.tryReserve(r);
        pacer.settle(r.reservation(), 1_000);
        pacer.update(tokens(150_000, 149_000, "10s"));
        assertThat(pacer.ratio()).isEqualTo(0.5);

        RateLimitPacer.Request next = request(100, 1_000);
        pacer.tryReserve(next);

        assertThat(next.end()).as("15,000 counted tokens are 30,000 estimated ones").isEqualTo(30);
    }

    @Test
    void aRefusedRequestGivesItsTokensBackAndTheMessageTellsWhatIsUsed() {
        spend(1_000);
        pacer.update(tokens(150_000, 149_000, "10s"));
        RateLimitPacer.Request r = request(10, 1_000);
        assertThat(pacer.tryReserve(r)).isZero();
        pacer.refund(r.reservation());
        byte[] body = ("{\"error\":{\"message\":\"Rate limit reached on tokens per min (TPM): Limit 150000, Used 145000, "
                + "Requested 10000. Please try again in 2s.\",\"code\":\"rate_limit_exceeded\"}}").getBytes(StandardCharsets.UTF_8);
        pacer.refused(RateLimitMessage.parse(body), r.reservation());

        // The provider counts 144,000 more than this client spent: they stay counted until a window from now.
        assertThat(pacer.tryReserve(r)).isEqualTo(10 * SECOND);
        assertThat(pacer.tryReserve(4_500)).as("5,000 left, less the margin for a request in flight").isZero();
    }

    @Test
    void usageTheProviderCountsBeyondThisClientIsHeldUntilItsReset() {
        spend(1_000);
        pacer.update(tokens(10_000, 0, "4s"));

        assertThat(pacer.tryReserve(1_000)).isEqualTo(4 * SECOND);
    }

    @Test
    void aConfiguredBudgetPacesAProviderThatSendsNoHeaders() {
        RateLimitPacer budget = new RateLimitPacer(now::get, 60_000, 0);
        RateLimitPacer.Request first = request(100, 1_000);
        assertThat(budget.tryReserve(first)).isZero();
        assertThat(first.end()).as("a tenth of the minute's budget").isEqualTo(6);
        budget.settle(first.reservation(), -1);
        for (int i = 0; i < 9; i++) {
            assertThat(budget.tryReserve(6_000)).isZero();
        }

        assertThat(budget.tryReserve(6_000)).as("the minute is spent; the first spend comes back a minute after its answer")
                .isEqualTo(60 * SECOND);
    }

    @Test
    void theTighterOfTheConfiguredBudgetAndTheHeadersWins() {
        RateLimitPacer loose = new RateLimitPacer(now::get, 1_000_000, 0);
        RateLimitPacer tight = new RateLimitPacer(now::get, 10_000, 0);
        for (RateLimitPacer p : List.of(loose, tight)) {
            RateLimitPacer.Request r = new RateLimitPacer.Request(new int[] {100}, 0, 1, Long.MAX_VALUE);
            p.tryReserve(r);
            p.settle(r.reservation(), 100);
            p.update(tokens(100_000, 99_900, "1m0s"));
        }

        assertThat(loose.targetTokens()).isEqualTo(10_000);
        assertThat(tight.targetTokens()).isEqualTo(1_000);
    }

    @Test
    void aBudgetOfRequestsPerMinuteHoldsTheThirdRequest() {
        RateLimitPacer budget = new RateLimitPacer(now::get, 0, 2);
        for (int i = 0; i < 2; i++) {
            RateLimitPacer.Request r = request(1, 10);
            assertThat(budget.tryReserve(r)).isZero();
            budget.settle(r.reservation(), 10);
        }
        advanceMillis(1_000);

        assertThat(budget.tryReserve(request(1, 10))).isEqualTo(59 * SECOND);
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
