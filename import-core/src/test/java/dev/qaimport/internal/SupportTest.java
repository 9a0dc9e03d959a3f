package dev.qaimport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportTest {
    @Test
    void hashesAreStableAndSeparateTheirParts() {
        assertThat(Hashes.key("model", "text")).hasSize(32).isEqualTo(Hashes.key("model", "text"));
        assertThat(Hashes.key("ab", "c")).isNotEqualTo(Hashes.key("a", "bc"));
    }

    @Test
    void throttleLetsTheFirstAndForcedCallsThrough() {
        Throttle t = new Throttle(60_000, new ManualClock());

        assertThat(t.ready(false)).isTrue();
        assertThat(t.ready(false)).isFalse();
        assertThat(t.ready(true)).isTrue();
    }

    @Test
    void throttleLetsOneCallThroughPerIntervalOfItsClock() {
        ManualClock clock = new ManualClock();
        Throttle t = new Throttle(100, clock);
        assertThat(t.ready(false)).isTrue();

        clock.advance(Duration.ofMillis(99));
        assertThat(t.ready(false)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(t.ready(false)).isTrue();
        assertThat(t.ready(false)).isFalse();
    }

    @Test
    void throttleStartsAgainWhenItsClockGoesBack() {
        ManualClock clock = new ManualClock();
        Throttle t = new Throttle(100, clock);
        assertThat(t.ready(false)).isTrue();

        clock.advance(Duration.ofHours(-1));
        assertThat(t.ready(false)).as("a clock set back does not silence it for an hour").isTrue();
        clock.advance(Duration.ofMillis(50));
        assertThat(t.ready(false)).isFalse();
    }

    @Test
    void inFlightWaitsUntilTheLastPieceOfWorkHasLeft() {
        InFlight work = new InFlight();
        assertThat(work.awaitNone(System.nanoTime())).isTrue();

        work.enter();
        work.enter();
        work.exit();
        assertThat(work.count()).isEqualTo(1);
        assertThat(work.awaitNone(System.nanoTime())).as("a deadline already passed").isFalse();
        work.exit();
        assertThat(work.awaitNone(System.nanoTime() + 1_000_000_000L)).isTrue();
    }

    @Test
    void bisectionIsolatesEachRefusedItemAndPassesTheRestThrough() {
        List<List<Integer>> attempts = new ArrayList<>();
        List<Integer> accepted = new ArrayList<>();
        List<Integer> refused = new ArrayList<>();
        List<Integer> items = List.of(1, 2, 3, 4, 5, 6, 7, 8);

        Bisection.isolate(items, part -> {
            attempts.add(List.copyOf(part));
            if (part.contains(3) || part.contains(6)) {
                throw new IllegalArgumentException("refused");
            }
            accepted.addAll(part);
        }, e -> e instanceof IllegalArgumentException, (item, e) -> refused.add(item));

        assertThat(refused).containsExactly(3, 6);
        assertThat(accepted).containsExactlyInAnyOrder(1, 2, 4, 5, 7, 8);
        assertThat(attempts.get(0)).isEqualTo(items);
    }

    @Test
    void bisectionRethrowsAFailureThatIsNotARefusal() {
        IllegalStateException down = new IllegalStateException("down");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bisection.isolate(List.of(1, 2), part -> {
            throw down;
        }, e -> e instanceof IllegalArgumentException, (item, e) -> { })).isSameAs(down);
    }
}
