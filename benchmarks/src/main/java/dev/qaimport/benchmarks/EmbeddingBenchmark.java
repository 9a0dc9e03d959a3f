package dev.qaimport.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qaimport.benchmarks.data.FaqGenerator;
import dev.qaimport.benchmarks.embed.StubEmbeddingServer;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs embedding contenders round by round as child JVMs against one stub provider (started in
 * this JVM) and relates their throughput to the provider's limit: concurrency × inputs per
 * request ÷ latency.
 */
final class EmbeddingBenchmark {
    private final ChildLauncher launcher;
    private final Databases databases;
    private final StubEmbeddingServer stub;
    private final String xmx;
    private final Duration timeout;
    private final PrintStream log;

    EmbeddingBenchmark(ChildLauncher launcher, Databases databases, StubEmbeddingServer stub, String xmx, Duration timeout, PrintStream log) {
        this.launcher = launcher;
        this.databases = databases;
        this.stub = stub;
        this.xmx = xmx;
        this.timeout = timeout;
        this.log = log;
    }

    /**
     * One child run.
     *
     * @param textsPerSecond embedded ÷ time in the embedding stage
     * @param limit          the provider limit at the contender's concurrency, texts/s
     */
    record Run(EmbeddingContender contender, int round, double wallSeconds, long embedded, double embedSeconds, double textsPerSecond,
               double limit, StubEmbeddingServer.Stats stub, long peakHeapBytes, long peakRssKb, String failure) {
    }

    List<Run> run(List<EmbeddingContender> contenders, FaqGenerator.Summary file, int texts, int rounds)
            throws IOException, InterruptedException, SQLException {
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (EmbeddingContender contender : contenders) {
                Run run = runOnce(contender, file, texts, round);
                runs.add(run);
                log.printf("[round %d/%d] %-16s %s%n", round, rounds, contender.id(), run.failure() != null
                        ? "FAILED: " + ImportBenchmark.reason(run.failure())
                        : String.format("%8s texts/s (%s%% of its limit %s/s)  %d requests, max %d in flight, largest %d inputs, %d refused",
                        Stats.count(run.textsPerSecond()), Stats.decimal(100 * run.textsPerSecond() / run.limit(), 0), Stats.count(run.limit()),
                        run.stub().requests(), run.stub().maxInFlight(), run.stub().largestRequest(), run.stub().rejected()));
            }
        }
        return runs;
    }

    private Run runOnce(EmbeddingContender contender, FaqGenerator.Summary file, int texts, int round)
            throws IOException, InterruptedException, SQLException {
        Databases.Target target = databases.fresh(contender.database());
        stub.resetStats();
        double limit = contender.concurrency() * stub.maxInputs() / (stub.latency().toNanos() / 1e9);
        try {
            List<String> args = List.of("embed", contender.id(), "--db", contender.database().id(), "--url", target.jdbcUrl(), "--user", target.user(),
                    "--base-url", stub.baseUrl(), "--csv", file.file().toAbsolutePath().toString(), "--texts", Integer.toString(texts));
            ChildLauncher.Child child = launcher.run(xmx, args, target.password(), timeout);
            if (!child.ok()) {
                return new Run(contender, round, child.wallNanos() / 1e9, 0, Double.NaN, Double.NaN, limit, stub.stats(), -1, -1, child.failure());
            }
            JsonNode r = child.result();
            long embedded = r.path("embedded").asLong();
            double seconds = r.path("embedNanos").asLong() / 1e9;
            String failure = embedded == texts ? null : "embedded " + embedded + " of " + texts;
            return new Run(contender, round, child.wallNanos() / 1e9, embedded, seconds, embedded / seconds, limit, stub.stats(),
                    r.path("peakHeapBytes").asLong(-1), r.path("peakRssKb").asLong(-1), failure);
        } finally {
            databases.drop(target);
        }
    }

    static String table(List<Run> runs, List<EmbeddingContender> contenders, StubEmbeddingServer stub, int texts) {
        StringBuilder md = new StringBuilder();
        md.append("| contender | in flight (configured / seen) | texts/s (median) | min – max | provider limit at that concurrency | ")
                .append("fraction of limit | ÷ LangChain4j | requests | wall s (whole process) | peak heap MiB |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double langchain = Double.NaN;
        for (EmbeddingContender c : contenders) {
            if (c.id().equals("langchain4j")) {
                langchain = Stats.median(rates(runs, c));
            }
        }
        boolean qaImport = false;
        for (EmbeddingContender c : contenders) {
            List<Run> mine = runs.stream().filter(r -> r.contender() == c && r.failure() == null).toList();
            qaImport |= c.id().startsWith(Contenders.QA_IMPORT);
            if (mine.isEmpty()) {
                md.append("| ").append(c.id()).append(" | ").append(c.concurrency()).append(" | failed | | | | | | | |\n");
                continue;
            }
            List<Double> rates = rates(runs, c);
            double median = Stats.median(rates);
            double limit = mine.get(0).limit();
            md.append("| ").append(c.id()).append(" | ").append(c.concurrency()).append(" / ")
                    .append(mine.stream().mapToInt(r -> r.stub().maxInFlight()).max().orElse(0)).append(" | ")
                    .append(Stats.count(median)).append(" | ").append(Stats.count(Stats.min(rates))).append(" – ").append(Stats.count(Stats.max(rates)))
                    .append(" | ").append(Stats.count(limit)).append(" | ").append(Stats.decimal(100 * median / limit, 0)).append("% | ")
                    .append(Stats.decimal(median / langchain, 2)).append("× | ")
                    .append(mine.get(0).stub().requests()).append(" | ")
                    .append(Stats.decimal(Stats.median(mine.stream().map(Run::wallSeconds).toList()), 1)).append(" | ")
                    .append(Stats.count(Stats.max(mine.stream().map(r -> Stats.mib(r.peakHeapBytes())).toList()))).append(" |\n");
        }
        if (!qaImport) {
            md.append("| qa-import | 4 (default) | _pending: contender not yet wired_ | | ")
                    .append(Stats.count(4 * stub.maxInputs() / (stub.latency().toNanos() / 1e9)))
                    .append(" | _pending_ (≥ 90% goal) | _pending_ (≥ 3× goal) | | | |\n");
        }
        md.append("\nStub: ").append(stub.latency().toMillis()).append(" ms per request, at most ").append(stub.maxInputs())
                .append(" inputs per request (more are refused with a 400), ").append(texts).append(" texts, ")
                .append(StubEmbeddingServer.DEFAULT_DIMENSIONS).append(" dimensions. Texts/s is measured over the embedding stage ")
                .append("only (preparing inputs, and for qa-import the import before it, excluded); \"in flight seen\" is the most ")
                .append("concurrent requests the stub observed.\n");
        return md.toString();
    }

    private static List<Double> rates(List<Run> runs, EmbeddingContender c) {
        return runs.stream().filter(r -> r.contender() == c && r.failure() == null).map(Run::textsPerSecond).toList();
    }
}
