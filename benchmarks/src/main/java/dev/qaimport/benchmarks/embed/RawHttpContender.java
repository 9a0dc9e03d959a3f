package dev.qaimport.benchmarks.embed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qaimport.benchmarks.EmbeddingContender;
import dev.qaimport.benchmarks.EmbeddingOutcome;
import dev.qaimport.benchmarks.EmbeddingSpec;
import dev.qaimport.benchmarks.baseline.CleanPair;
import dev.qaimport.benchmarks.baseline.FaqCsv;
import dev.qaimport.benchmarks.baseline.FaqRow;
import dev.qaimport.benchmarks.baseline.FaqRules;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The physical limit of the embedding benchmark, as {@code COPY} is for imports: the JDK
 * {@link HttpClient} with four requests in flight, 100 texts each, {@code base64}, and nothing
 * done with the answers beyond checking their status. What it reaches is what the stub, the
 * loopback and the machine allow; no real embedding stage can do better.
 */
public final class RawHttpContender implements EmbeddingContender {
    /** The contender's id. */
    public static final String ID = "raw-http";

    private static final int DEFAULT_IN_FLIGHT = 4;
    private static final int PER_REQUEST = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int inFlight;

    /** With 4 requests in flight. */
    public RawHttpContender() {
        this(DEFAULT_IN_FLIGHT);
    }

    /** With {@code inFlight} requests in flight. */
    public RawHttpContender(int inFlight) {
        this.inFlight = inFlight;
    }

    @Override
    public String id() {
        return inFlight == DEFAULT_IN_FLIGHT ? ID : ID + "-" + inFlight + "-in-flight";
    }

    @Override
    public String description() {
        if (inFlight != DEFAULT_IN_FLIGHT) {
            return "As `raw-http`, with " + inFlight + " in flight.";
        }
        return "Calibration, not a competitor: the JDK `HttpClient` with " + inFlight + " requests in flight, " + PER_REQUEST
                + " texts per request, `encoding_format=base64`, bodies read and dropped (no decoding, no storage). It shows what "
                + "the stub and this machine allow at that concurrency, next to the nominal limit.";
    }

    @Override
    public int concurrency() {
        return inFlight;
    }

    @Override
    public EmbeddingOutcome run(EmbeddingSpec spec) throws Exception {
        List<byte[]> bodies = requests(spec);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(spec.baseUrl() + "/embeddings");
        AtomicInteger next = new AtomicInteger();
        AtomicLong embedded = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        try {
            long started = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < inFlight; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("stub answered " + response.statusCode());
                        }
                        embedded.addAndGet(Math.min(PER_REQUEST, spec.texts() - (long) i * PER_REQUEST));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return new EmbeddingOutcome(embedded.get(), System.nanoTime() - started);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<byte[]> requests(EmbeddingSpec spec) throws Exception {
        FaqRules rules = new FaqRules();
        List<byte[]> bodies = new ArrayList<>();
        ArrayNode input = null;
        int count = 0;
        try (FaqCsv csv = FaqCsv.open(spec.csv())) {
            for (FaqRow row = csv.next(); row != null && count < spec.texts(); row = csv.next()) {
                if (rules.check(row) instanceof CleanPair pair) {
                    if (input == null) {
                        input = JSON.createArrayNode();
                    }
                    input.add(pair.question() + "\n\n" + pair.answer());
                    count++;
                    if (input.size() == PER_REQUEST) {
                        bodies.add(body(spec, input));
                        input = null;
                    }
                }
            }
        }
        if (input != null) {
            bodies.add(body(spec, input));
        }
        return bodies;
    }

    private static byte[] body(EmbeddingSpec spec, ArrayNode input) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("model", spec.model()).put("encoding_format", "base64");
        body.set("input", input);
        return JSON.writeValueAsBytes(body);
    }
}
