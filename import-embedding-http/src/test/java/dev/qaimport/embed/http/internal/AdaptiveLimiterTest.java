package dev.qaimport.embed.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.embed.http.internal.AdaptiveLimiter.Signal;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdaptiveLimiterTest {

    @Test
    void halvesOnThrottleOncePerWindowAndNeverBelowOne() throws Exception {
        AdaptiveLimiter limiter = new AdaptiveLimiter(8);
        long[] tickets = new long[8];
        for (int i = 0; i < 8; i++) {
            tickets[i] = limiter.acquire();
        }
        for (long ticket : tickets) {
            limiter.release(ticket, Signal.THROTTLED);
        }
        assertThat(limiter.currentLimit()).isEqualTo(4);

        for (int i = 0; i < 5; i++) {
            limiter.release(limiter.acquire(), Signal.THROTTLED);
        }
        assertThat(limiter.currentLimit()).isEqualTo(1);
    }

    @Test
    void growsBackByOnePerRoundOfSuccessesUpToTheMaximum() throws Exception {
        AdaptiveLimiter limiter = new AdaptiveLimiter(4);
        limiter.release(limiter.acquire(), Signal.THROTTLED);
        limiter.release(limiter.acquire(), Signal.THROTTLED);
        assertThat(limiter.currentLimit()).isEqualTo(1);

        limiter.release(limiter.acquire(), Signal.SUCCESS);
        assertThat(limiter.currentLimit()).isEqualTo(2);
        limiter.release(limiter.acquire(), Signal.SUCCESS);
        limiter.release(limiter.acquire(), Signal.SUCCESS);
        assertThat(limiter.currentLimit()).isEqualTo(3);
        for (int i = 0; i < 20; i++) {
            limiter.release(limiter.acquire(), Signal.SUCCESS);
        }
        assertThat(limiter.currentLimit()).isEqualTo(4);
    }

    @Test
    void blocksWhenTheCapIsReachedUntilASlotIsReleased() throws Exception {
        AdaptiveLimiter limiter = new AdaptiveLimiter(1);
        long ticket = limiter.acquire();
        CountDownLatch acquired = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                limiter.acquire();
                acquired.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();

        // Parked on the limiter's condition: blocked, not merely slow (a waiter that got a slot ends at once).
        Thread.State state;
        while ((state = waiter.getState()) != Thread.State.WAITING) {
            assertThat(state).as("the waiter ended without waiting").isNotEqualTo(Thread.State.TERMINATED);
            Thread.onSpinWait();
        }
        assertThat(acquired.getCount()).isEqualTo(1);
        limiter.release(ticket, Signal.NEUTRAL);
        // A guard against a hang, not a measurement.
        assertThat(acquired.await(60, TimeUnit.SECONDS)).isTrue();
        waiter.join();
    }

    @Test
    void rejectsAZeroCap() {
        assertThatThrownBy(() -> new AdaptiveLimiter(0)).isInstanceOf(IllegalArgumentException.class).hasMessage("maxConcurrency < 1: 0");
    }
}
