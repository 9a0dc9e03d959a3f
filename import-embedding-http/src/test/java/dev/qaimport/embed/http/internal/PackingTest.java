package dev.qaimport.embed.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.spi.TokenEstimate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackingTest {

    @Test
    void packsByCount() {
        assertThat(RequestPacker.pack(new int[] {1, 1, 1, 1, 1}, 2, 1_000)).containsExactly(2, 4, 5);
    }

    @Test
    void packsByTokensAndSendsAnOversizedInputAlone() {
        assertThat(RequestPacker.pack(new int[] {4, 4, 4, 20, 1, 1}, 100, 10)).containsExactly(2, 3, 4, 6);
    }

    @Test
    void emptyInputHasNoRequests() {
        assertThat(RequestPacker.pack(new int[0], 10, 10)).isEmpty();
    }

    @Test
    void truncationKeepsTheLongestFittingPrefixAndWholeSurrogatePairs() {
        String text = "😀".repeat(50);

        String shortened = Truncation.shorten(text, 10, TokenEstimate::estimate);

        assertThat(shortened).isEqualTo("😀😀");
        assertThat(Truncation.shorten("short text", 10, TokenEstimate::estimate)).isEqualTo("short text");
    }

    @Test
    void backoffCeilingDoublesUpToTheMaximumAndJitterStaysBelowIt() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(700));

        assertThat(List.of(backoff.ceilingNanos(0), backoff.ceilingNanos(1), backoff.ceilingNanos(2), backoff.ceilingNanos(3),
                backoff.ceilingNanos(60))).containsExactly(100_000_000L, 200_000_000L, 400_000_000L, 700_000_000L, 700_000_000L);
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delay(2).toNanos()).isBetween(0L, 400_000_000L);
        }
    }
}
