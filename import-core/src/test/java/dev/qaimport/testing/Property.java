package dev.qaimport.testing;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property-based test runner: checks a property on many seeded random inputs and, when
 * one fails, reports the seed and the input so that the failure can be replayed exactly
 * ({@code -Dqa.seed=<seed>} reruns only that case). No shrinking: generators are written to
 * produce small inputs often.
 *
 * <p>Our own rather than a framework's: these tests need a seeded source, a few generators and a
 * replayable seed, not an engine of its own on every module's test classpath.
 */
public final class Property {
    private Property() {
    }

    /** Checks {@code check} on {@code trials} inputs drawn from {@code generator}. */
    public static <T> void forAll(int trials, Function<Random, T> generator, Consumer<T> check) {
        String forced = System.getProperty("qa.seed");
        long base = forced != null ? Long.parseLong(forced) : 0x5EED_0000L;
        int n = forced != null ? 1 : trials;
        for (int i = 0; i < n; i++) {
            long seed = base + i;
            T input = generator.apply(new Random(seed));
            try {
                check.accept(input);
            } catch (AssertionError | RuntimeException e) {
                AssertionError failure = new AssertionError("property failed for seed " + seed + " (rerun with -Dqa.seed=" + seed
                        + ") on input: " + Gen.show(input), e);
                throw failure;
            }
        }
    }
}
