package dev.qaimport.embed.http.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One budget (tokens or requests) of a provider that allows {@code limit} per sliding window: what
 * was spent at time {@code t} comes back whole at {@code t + window}, not bit by bit. The window
 * keeps a ledger of what this client spent; each spend is first <em>pending</em> (in flight, not
 * coming back before its answer plus a window) and then <em>settled</em> at the time its answer
 * arrived, which is never before the provider counted it. On top of the ledger it keeps what the
 * provider reports it counts beyond the ledger (other clients on the same key, or counting that
 * differs) until the provider's reset. Times are nanoseconds of one monotonic clock, passed in.
 * Not thread-safe: {@link RateLimitPacer} guards it.
 *
 * <p>With a provider that refills linearly (a token bucket) the same model is safe, only
 * conservative for a moment: whatever keeps within {@code limit} in every window of that length
 * also keeps within a bucket of that size refilling {@code limit} per window.
 */
final class SlidingWindow {
    /** A spend in the ledger. */
    static final class Entry {
        final SlidingWindow window;
        double amount;
        long settledAt;
        boolean settled;

        private Entry(SlidingWindow window) {
            this.window = window;
        }

        /** See {@link SlidingWindow#settle}. */
        void settle(double actual, long now) {
            window.settle(this, actual, now);
        }

        /** See {@link SlidingWindow#refund}. */
        void refund() {
            window.refund(this);
        }
    }

    private static final long UNKNOWN_WINDOW_HORIZON = TimeUnit.MINUTES.toNanos(1);

    private final List<Entry> ledger = new ArrayList<>();
    private double limit = Double.NaN;
    private long window;
    private double foreign;
    private long foreignUntil;
    // Without a known limit: what the provider last said remained, valid until its reset.
    private double snapshot = Double.NaN;
    private long snapshotUntil;
    private double takenSinceSnapshot;

    /** A window of unknown limit and length, learned from the provider. */
    SlidingWindow() {
    }

    /** A window of {@code limit} per {@code windowNanos}, as configured. */
    SlidingWindow(double limit, long windowNanos) {
        this.limit = limit;
        this.window = windowNanos;
    }

    /** Takes {@code nanos} as the window's length if none is known yet (a limit named in a message, per minute). */
    void assumeWindow(long nanos) {
        if (window <= 0) {
            window = nanos;
        }
    }

    /** Whether the limit per window is known. */
    boolean limited() {
        return !Double.isNaN(limit) && window > 0;
    }

    double limit() {
        return limit;
    }

    long windowNanos() {
        return window;
    }

    /** Whether the window constrains anything at all (a limit, or a remainder the provider reported). */
    boolean known() {
        return limited() || !Double.isNaN(snapshot);
    }

    /** What can be spent now. */
    double available(long now) {
        expire(now);
        if (!limited()) {
            if (Double.isNaN(snapshot)) {
                return Double.POSITIVE_INFINITY;
            }
            return snapshot - takenSinceSnapshot;
        }
        return limit - used(now);
    }

    /** Everything spent that the window still counts at {@code now}, the provider's excess included. */
    double used(long now) {
        return (now - foreignUntil < 0 ? foreign : 0) + ledgerUsed(now);
    }

    /**
     * The nanoseconds until {@code amount} can be spent: 0 if it can now. An amount over the whole
     * limit waits for an empty window. Pending spends count as coming back one window from now,
     * the earliest they can.
     */
    long waitFor(double amount, long now) {
        double available = available(now);
        if (!limited()) {
            return available >= amount || Double.isInfinite(available) ? 0 : Math.max(1, snapshotUntil - now);
        }
        double need = Math.min(amount, limit) - available;
        if (need <= 0) {
            return 0;
        }
        int n = ledger.size() + 1;
        long[] backIn = new long[n];
        double[] amounts = new double[n];
        backIn[0] = foreign > 0 && now - foreignUntil < 0 ? foreignUntil - now : Long.MAX_VALUE;
        amounts[0] = foreign;
        for (int i = 1; i < n; i++) {
            Entry e = ledger.get(i - 1);
            backIn[i] = e.settled ? e.settledAt + window - now : window;
            amounts[i] = e.amount;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(backIn[a], backIn[b]));
        double freed = 0;
        for (int i : order) {
            if (backIn[i] == Long.MAX_VALUE) {
                break;
            }
            freed += amounts[i];
            if (freed >= need) {
                return Math.max(1, backIn[i]);
            }
        }
        return window;
    }

    /** Spends {@code amount} now, pending until {@link #settle}. */
    Entry spend(double amount, long now) {
        expire(now);
        Entry e = new Entry(this);
        e.amount = amount;
        ledger.add(e);
        takenSinceSnapshot += amount;
        return e;
    }

    /** The answer to {@code e} arrived at {@code now}; {@code actual}, if not NaN, is what the provider counted. */
    void settle(Entry e, double actual, long now) {
        if (e.settled) {
            return;
        }
        if (!Double.isNaN(actual) && actual >= 0) {
            takenSinceSnapshot += actual - e.amount;
            e.amount = actual;
        }
        e.settled = true;
        e.settledAt = now;
    }

    /** {@code e} was refused and not counted: it comes back at once. */
    void refund(Entry e) {
        if (ledger.remove(e)) {
            takenSinceSnapshot -= e.amount;
        }
    }

    /**
     * Learns from the provider at {@code now}: {@code limit} per window (NaN when not sent), what
     * {@code remaining} there is, and {@code resetNanos} until the whole limit is back (negative
     * when not sent). The provider's reset, the time until its newest counted spend comes back,
     * bounds the window from below; the longest reset seen is taken as the window, which is exact
     * for a sliding window because a spend is settled at its answer, after the provider counted it.
     */
    void observe(double limit, double remaining, long resetNanos, long now) {
        if (Double.isNaN(limit) || limit <= 0) {
            expire(now);
            if (resetNanos >= 0) {
                snapshot = remaining;
                snapshotUntil = now + resetNanos;
                takenSinceSnapshot = 0;
            }
            return;
        }
        // Limit and window first: spends settled before the window was known must be kept, not expired.
        this.limit = limit;
        snapshot = Double.NaN;
        if (resetNanos > window) {
            window = resetNanos;
        }
        expire(now);
        if (window <= 0) {
            return;
        }
        double excess = (limit - Math.max(0, remaining)) - ledgerUsed(now);
        foreign = Math.max(0, excess);
        foreignUntil = foreign <= 0 ? now : now + (resetNanos >= 0 ? resetNanos : window);
    }

    private double ledgerUsed(long now) {
        double used = 0;
        for (Entry e : ledger) {
            if (!e.settled || now - (e.settledAt + window) < 0) {
                used += e.amount;
            }
        }
        return used;
    }

    private void expire(long now) {
        if (!Double.isNaN(snapshot) && now - snapshotUntil >= 0) {
            snapshot = Double.NaN;
            takenSinceSnapshot = 0;
        }
        // Until the window's length is known, spends are kept for as long as a provider's window plausibly lasts,
        // so that they count once the provider names its limit.
        long keep = window > 0 ? window : UNKNOWN_WINDOW_HORIZON;
        for (Iterator<Entry> it = ledger.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.settled && now - (e.settledAt + keep) >= 0) {
                it.remove();
            }
        }
    }
}
