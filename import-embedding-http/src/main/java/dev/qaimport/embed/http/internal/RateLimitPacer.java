package dev.qaimport.embed.http.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The pacer shared by every request of one client: a local budget of tokens and requests per
 * sliding window (see {@link SlidingWindow}), learned from the provider's {@code x-ratelimit-*}
 * headers and 429 messages and, where configured, also held to budgets per minute; the tighter
 * wins. Before each request it sizes the request to what the window can still take, never more
 * than a tenth of a known limit, so that several fit in flight and a refusal wastes little, and
 * reserves it; a request that does not fit waits for the spends that free enough to come back
 * instead of being sent into a known 429. Estimates are scaled to the provider's own count, learned
 * from the usage it reports. A 429's {@code retry-after} pauses everyone. Thread-safe.
 */
public final class RateLimitPacer {
    /** Estimated tokens per request until the provider has answered once, unless a budget is configured. */
    static final long FIRST_REQUEST_TOKENS = 8_192;
    /** The largest share of a known limit per window one request may take. */
    static final double SHARE_OF_WINDOW = 0.1;
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    /** Estimates of requests in flight are scaled by this much more, until the provider's count replaces them. */
    static final double IN_FLIGHT_MARGIN = 1.1;
    private static final double MIN_RATIO = 0.25;
    private static final double MAX_RATIO = 4;

    private final LongSupplier nanoTime;
    private final SlidingWindow headerTokens = new SlidingWindow();
    private final SlidingWindow headerRequests = new SlidingWindow();
    private final List<SlidingWindow> tokenWindows = new ArrayList<>(List.of(headerTokens));
    private final List<SlidingWindow> requestWindows = new ArrayList<>(List.of(headerRequests));
    private final boolean configuredTokens;
    // Set by an answer of the provider's, not by a request that got none (a timeout, a refused connection).
    private boolean answered;
    private double estimatedSeen;
    private double countedSeen;
    private long pausedUntil;
    private boolean paused;

    /** A pacer reading time from {@code nanoTime} (normally {@code System::nanoTime}), learning budgets from the provider only. */
    public RateLimitPacer(LongSupplier nanoTime) {
        this(nanoTime, 0, 0);
    }

    /** A pacer that also keeps within {@code tokensPerMinute} and {@code requestsPerMinute} (0 for none). */
    public RateLimitPacer(LongSupplier nanoTime, long tokensPerMinute, int requestsPerMinute) {
        this.nanoTime = nanoTime;
        this.configuredTokens = tokensPerMinute > 0;
        if (tokensPerMinute > 0) {
            tokenWindows.add(new SlidingWindow(tokensPerMinute, MINUTE));
        }
        if (requestsPerMinute > 0) {
            requestWindows.add(new SlidingWindow(requestsPerMinute, MINUTE));
        }
    }

    /** One request to size and reserve: inputs from {@code from} of a call, each with its estimated tokens. */
    public static final class Request {
        private final int[] tokens;
        private final int from;
        private final int maxInputs;
        private final long maxTokens;
        private int end = -1;
        private long estimated;
        private Reservation reservation;

        /** Inputs from {@code from} on, at most {@code maxInputs} and {@code maxTokens} estimated tokens. */
        public Request(int[] tokens, int from, int maxInputs, long maxTokens) {
            this.tokens = tokens;
            this.from = from;
            this.maxInputs = maxInputs;
            this.maxTokens = maxTokens;
        }

        /** The first input this request carries. */
        public int from() {
            return from;
        }

        /** The end (exclusive) of the inputs this request carries; -1 until first reserved. */
        public int end() {
            return end;
        }

        /** The estimated tokens of the inputs it carries. */
        public long estimated() {
            return estimated;
        }

        /** Lets the next reservation size the request again: the provider refused it, so it may be cut smaller. */
        public void resize() {
            end = -1;
            estimated = 0;
        }

        /** What the last reservation took; null before one. */
        public Reservation reservation() {
            return reservation;
        }
    }

    /** What one attempt of a request took from the budget, to settle or refund when its answer arrives. */
    public static final class Reservation {
        private final long estimated;
        private final List<SlidingWindow.Entry> tokens = new ArrayList<>();
        private final List<SlidingWindow.Entry> requests = new ArrayList<>();
        private boolean done;

        private Reservation(long estimated) {
            this.estimated = estimated;
        }
    }

    /**
     * Sizes {@code request} on its first call, then reserves it and returns 0; or, when the budget
     * cannot take it now, reserves nothing and returns the nanoseconds to wait before asking again.
     * After the first reservation the request keeps its inputs unless {@link Request#resize()} is called.
     */
    public synchronized long tryReserve(Request request) {
        long now = nanoTime.getAsLong();
        if (paused) {
            if (pausedUntil - now > 0) {
                return pausedUntil - now;
            }
            paused = false;
        }
        long wait = 0;
        for (SlidingWindow w : requestWindows) {
            wait = Math.max(wait, w.waitFor(1, now));
        }
        // Sized by the provider's count; charged, while in flight, with a margin for estimates that vary by text.
        double ratio = ratio();
        double charge = ratio * (estimatedSeen > 0 ? IN_FLIGHT_MARGIN : 1);
        double available = Double.POSITIVE_INFINITY;
        for (SlidingWindow w : tokenWindows) {
            available = Math.min(available, w.available(now));
        }
        if (request.end < 0) {
            double target = targetTokens();
            int whole = pack(request, target / ratio);
            int part = pack(request, Math.min(target / ratio, available / charge));
            double wholeCharge = sum(request, whole) * charge;
            double partCharge = sum(request, part) * charge;
            double enough = Math.min(wholeCharge, Math.max(target / 4, sum(request, request.from + 1) * charge));
            if (partCharge > available || partCharge < enough) {
                // Too little room now: wait for enough to come back rather than send a sliver (or into a 429).
                wait = Math.max(wait, tokenWait(partCharge > available ? partCharge : enough, now));
            }
            if (wait > 0) {
                return wait;
            }
            request.end = part;
            request.estimated = sum(request, part);
        } else {
            wait = Math.max(wait, tokenWait(request.estimated * charge, now));
            if (wait > 0) {
                return wait;
            }
        }
        Reservation r = new Reservation(request.estimated);
        for (SlidingWindow w : tokenWindows) {
            r.tokens.add(w.spend(request.estimated * charge, now));
        }
        for (SlidingWindow w : requestWindows) {
            r.requests.add(w.spend(1, now));
        }
        request.reservation = r;
        return 0;
    }

    /** Reserves {@code tokenCount} tokens and one request if available now (0), else returns the wait; nothing to settle. */
    public long tryReserve(int tokenCount) {
        return tryReserve(new Request(new int[] {tokenCount}, 0, 1, Long.MAX_VALUE));
    }

    /** The request's answer arrived: its spend counts from now; {@code counted} is the provider's count of its tokens, or -1. */
    public synchronized void settle(Reservation r, long counted) {
        if (r == null || r.done) {
            return;
        }
        r.done = true;
        long now = nanoTime.getAsLong();
        if (counted >= 0) {
            learn(r.estimated, counted);
        }
        double actual = counted >= 0 ? counted : Double.NaN;
        r.tokens.forEach(e -> e.settle(actual, now));
        r.requests.forEach(e -> e.settle(Double.NaN, now));
    }

    /** The request was refused with a 429 and not counted: its tokens come back at once, the request still counts. */
    public synchronized void refund(Reservation r) {
        if (r == null || r.done) {
            return;
        }
        r.done = true;
        long now = nanoTime.getAsLong();
        r.tokens.forEach(SlidingWindow.Entry::refund);
        r.requests.forEach(e -> e.settle(Double.NaN, now));
    }

    /** A success or another error answered the request: {@link #settle} and {@link #update} in one step. */
    public synchronized void answered(Reservation r, long counted, HttpHeaders headers) {
        settle(r, counted);
        update(headers);
    }

    /** A 429 answered the request: {@link #refund}, {@link #update} and {@link #refused} in one step. */
    public synchronized void refused(Reservation r, HttpHeaders headers, RateLimitMessage message) {
        refund(r);
        update(headers);
        refused(message, r);
    }

    /** Learns the provider's current budget from a response's headers (after settling or refunding its request). */
    public synchronized void update(HttpHeaders headers) {
        long now = nanoTime.getAsLong();
        answered = true;
        observe(headerRequests, headers, "requests", now);
        observe(headerTokens, headers, "tokens", now);
    }

    /** Learns from a 429's message (after {@link #refund} and {@link #update}); {@code r} is the refused request's reservation. */
    public synchronized void refused(RateLimitMessage message, Reservation r) {
        long now = nanoTime.getAsLong();
        if (!message.requests() && r != null && message.requested().isPresent()) {
            learn(r.estimated, message.requested().getAsLong());
        }
        if (message.limit().isPresent() && message.used().isPresent()) {
            SlidingWindow w = message.requests() ? headerRequests : headerTokens;
            double limit = message.limit().getAsLong();
            w.assumeWindow(MINUTE);
            w.observe(limit, limit - message.used().getAsLong(), -1, now);
        }
    }

    /** Holds back every request until {@code wait} from now (a 429's retry-after). */
    public synchronized void pauseFor(Duration wait) {
        long until = nanoTime.getAsLong() + wait.toNanos();
        if (!paused || until - pausedUntil > 0) {
            pausedUntil = until;
            paused = true;
        }
    }

    /** The most tokens, in the provider's count, one request should carry now; infinite when nothing limits it. */
    synchronized double targetTokens() {
        if (!answered && !configuredTokens) {
            return FIRST_REQUEST_TOKENS;
        }
        double target = Double.POSITIVE_INFINITY;
        for (SlidingWindow t : tokenWindows) {
            if (!t.limited()) {
                continue;
            }
            double share = t.limit() * SHARE_OF_WINDOW;
            for (SlidingWindow q : requestWindows) {
                if (q.limited()) {
                    // Scarce requests: each must carry enough tokens for the requests to last.
                    double perRequest = (t.limit() / t.windowNanos()) / (q.limit() / q.windowNanos());
                    share = Math.max(share, Math.min(2 * perRequest, t.limit() / 2));
                }
            }
            target = Math.min(target, share);
        }
        return Math.max(1, target);
    }

    /** The provider's count of tokens per estimated token, learned from what it reported; 1 until then. */
    synchronized double ratio() {
        if (estimatedSeen <= 0 || countedSeen <= 0) {
            return 1;
        }
        return Math.max(MIN_RATIO, Math.min(MAX_RATIO, countedSeen / estimatedSeen));
    }

    private void learn(long estimated, long counted) {
        if (estimated > 0 && counted > 0) {
            estimatedSeen += estimated;
            countedSeen += counted;
        }
    }

    private long tokenWait(double amount, long now) {
        long wait = 0;
        for (SlidingWindow w : tokenWindows) {
            wait = Math.max(wait, w.waitFor(amount, now));
        }
        return wait;
    }

    /** The end of the inputs from the request's first that fit {@code budget} estimated tokens; at least one. */
    private static int pack(Request request, double budget) {
        return RequestPacker.end(request.tokens, request.from, request.maxInputs, request.maxTokens, budget, 1);
    }

    private static long sum(Request request, int end) {
        long sum = 0;
        for (int i = request.from; i < end; i++) {
            sum += request.tokens[i];
        }
        return sum;
    }

    private static void observe(SlidingWindow window, HttpHeaders headers, String what, long now) {
        OptionalDouble remaining = number(headers.firstValue("x-ratelimit-remaining-" + what));
        if (remaining.isEmpty()) {
            return;
        }
        Optional<Duration> reset = headers.firstValue("x-ratelimit-reset-" + what).flatMap(Durations::parseGo);
        OptionalDouble limit = number(headers.firstValue("x-ratelimit-limit-" + what));
        window.observe(limit.orElse(Double.NaN), remaining.getAsDouble(), reset.map(Duration::toNanos).orElse(-1L), now);
    }

    private static OptionalDouble number(Optional<String> value) {
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(value.get().strip());
            return Double.isFinite(d) && d >= 0 ? OptionalDouble.of(d) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
