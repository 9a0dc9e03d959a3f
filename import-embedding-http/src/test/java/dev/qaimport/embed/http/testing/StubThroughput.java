package dev.qaimport.embed.http.testing;

import dev.qaimport.embed.http.HttpEmbeddingService;
import dev.qaimport.spi.EmbeddingLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throughput measurement of the HTTP client alone against {@link StubEmbeddingServer}: N texts embedded from
 * several caller threads, each taking {@code callSize} texts per {@code embed} call, against a
 * provider with fixed latency and a cap of inputs per request. Prints inputs per second and the
 * fraction of the provider's limit (concurrency × inputs per request ÷ latency). A measurement,
 * not a test: nothing is asserted.
 *
 * <p>Arguments (all optional, {@code name=value}): {@code texts=20000 latencyMs=50 maxInputs=100
 * concurrency=4 callers=4 callSize=100 dimensions=1536}.
 */
public final class StubThroughput {
    private StubThroughput() {
    }

    /** Runs the measurement. */
    public static void main(String[] args) throws Exception {
        int texts = intArg(args, "texts", 20_000);
        int latencyMs = intArg(args, "latencyMs", 50);
        int maxInputs = intArg(args, "maxInputs", 100);
        int concurrency = intArg(args, "concurrency", 4);
        int callers = intArg(args, "callers", 4);
        int callSize = intArg(args, "callSize", maxInputs);
        int dimensions = intArg(args, "dimensions", 1536);

        List<String> inputs = new ArrayList<>(texts);
        for (int i = 0; i < texts; i++) {
            inputs.add("How do I change the delivery address of order " + i + " after it has shipped? "
                    + "Contact support with the order number; we can redirect parcels that have not left the depot.");
        }
        try (StubEmbeddingServer stub = StubEmbeddingServer.builder().latency(Duration.ofMillis(latencyMs))
                .maxInputsPerRequest(maxInputs).dimensions(dimensions).start()) {
            HttpEmbeddingService service = HttpEmbeddingService.openAi().baseUrl(stub.baseUrl()).model("stub")
                    .limits(new EmbeddingLimits(maxInputs, 300_000, 8192, concurrency)).build();
            run(service, inputs.subList(0, Math.min(texts, 2_000)), callers, callSize);
            stub.resetStats();

            long start = System.nanoTime();
            run(service, inputs, callers, callSize);
            double seconds = (System.nanoTime() - start) / 1e9;

            double rate = texts / seconds;
            double limit = concurrency * maxInputs * 1000.0 / latencyMs;
            System.out.printf(Locale.ROOT, "%d texts, %d callers x %d per call, concurrency %d, %d inputs/request, %d ms latency, %d dims%n",
                    texts, callers, callSize, concurrency, maxInputs, latencyMs, dimensions);
            System.out.printf(Locale.ROOT, "%.2f s, %d requests, max %d in flight: %.0f inputs/s = %.1f%% of the limit %.0f/s%n",
                    seconds, stub.requestCount(), stub.maxInFlight(), rate, 100 * rate / limit, limit);
        }
    }

    private static void run(HttpEmbeddingService service, List<String> inputs, int callers, int callSize) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                done.add(pool.submit(() -> {
                    for (int from = next.getAndAdd(callSize); from < inputs.size(); from = next.getAndAdd(callSize)) {
                        List<float[]> vectors = service.embed(inputs.subList(from, Math.min(inputs.size(), from + callSize)));
                        if (vectors.isEmpty()) {
                            throw new IllegalStateException("no vectors");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 1));
            }
        }
        return fallback;
    }
}
