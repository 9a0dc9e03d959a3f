package dev.qaimport.internal;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Isolation of the items an all-or-nothing operation refuses: the operation is tried on the whole
 * list and, when it refuses, on each half, until every refused item stands alone. Used for rows
 * the database refuses in a batch and for inputs an embedding provider rejects in a request.
 * A list with one bad item costs about {@code 2·log2(n)} attempts; the good items succeed on the
 * way down.
 */
public final class Bisection {
    private Bisection() {
    }

    /**
     * Tries {@code attempt} on {@code items}, splitting on refusals.
     *
     * @param refused   whether a failure is a refusal of the input (split) rather than a failure
     *                  of the operation itself (rethrown at once)
     * @param onRefused called once per item refused on its own, with the refusal
     */
    public static <T> void isolate(List<T> items, Consumer<? super List<T>> attempt, Predicate<? super RuntimeException> refused,
            BiConsumer<? super T, ? super RuntimeException> onRefused) {
        if (items.isEmpty()) {
            return;
        }
        try {
            attempt.accept(items);
        } catch (RuntimeException e) {
            if (!refused.test(e)) {
                throw e;
            }
            if (items.size() == 1) {
                onRefused.accept(items.get(0), e);
                return;
            }
            int mid = items.size() / 2;
            isolate(items.subList(0, mid), attempt, refused, onRefused);
            isolate(items.subList(mid, items.size()), attempt, refused, onRefused);
        }
    }
}
