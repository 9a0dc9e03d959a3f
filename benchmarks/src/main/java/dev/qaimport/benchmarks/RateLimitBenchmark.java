package dev.qaimport.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qaimport.benchmarks.data.FaqGenerator;
import dev.qaimport.benchmarks.embed.StubEmbeddingServer;
import dev.qaimport.benchmarks.embed.TokenWindow;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs embedding contenders as child JVMs against stubs that enforce a token limit over a sliding
 * window (one stub per limit, started in this JVM) and relates what each achieved to the limit:
 * the tokens answered with 200 against {@code limit × elapsed ÷ window}, the shortest time the limit
 * allows for those tokens, the share of requests answered 429, and the pairs lost.
 */
final class RateLimitBenchmark {
    /** A token limit to run against: {@code tokens} per {@code window}. */
    record Limit(long tokens, Duration window) {
        /** Parses {@code 150000/10} (tokens per seconds). */
        static Limit parse(String text) {
            String[] parts = text.split("/");
            try {
                if (parts.length == 2) {
                    long tokens = Long.parseLong(parts[0].replace("_", "").strip());
                    double seconds = Double.parseDouble(parts[1].strip());
                    if (tokens > 0 && seconds > 0) {
                        return new Limit(tokens, Duration.ofMillis(Math.round(seconds * 1000)));
                    }
                }
            } catch (NumberFormatException e) {
                // Falls through to the usage error.
            }
            throw new IllegalArgumentException("--limits: expected TOKENS/SECONDS such as 150000/10, not " + text);
        }

        String label() {
            return Stats.count(tokens) + " / " + Stats.decimal(window.toMillis() / 1000.0, window.toMillis() % 1000 == 0 ? 0 : 1) + " s";
        }
    }

    /** One child run against one limit. */
    record Run(Limit limit, EmbeddingContender contender, int round, long embedded, double seconds, StubEmbeddingServer.Stats stub,
               String failure) {
        /** Tokens answered with 200 ÷ (limit × elapsed ÷ window). */
        double ofLimit() {
            return stub.tokens() / (limit.tokens() * seconds / (limit.window().toNanos() / 1e9));
        }

        /** The shortest run the limit allows for these tokens: a full window's worth at once, then one per window. */
        double shortestSeconds(Duration latency) {
            long windows = Math.max(0, (stub.tokens() + limit.tokens() - 1) / limit.tokens() - 1);
            return windows * limit.window().toNanos() / 1e9 + latency.toNanos() / 1e9;
        }

        double refusedShare() {
            long all = stub.requests() + stub.rateLimited();
            return all == 0 ? 0 : (double) stub.rateLimited() / all;
        }
    }

    private final ChildLauncher launcher;
    private final Databases databases;
    private final String xmx;
    private final Duration timeout;
    private final Duration latency;
    private final PrintStream log;

    RateLimitBenchmark(ChildLauncher launcher, Databases databases, String xmx, Duration timeout, Duration latency, PrintStream log) {
        this.launcher = launcher;
        this.databases = databases;
        this.xmx = xmx;
        this.timeout = timeout;
        this.latency = latency;
        this.log = log;
    }

    List<Run> run(List<Limit> limits, List<EmbeddingContender> contenders, FaqGenerator.Summary file, int texts, int rounds)
            throws IOException, InterruptedException, SQLException {
        List<Run> runs = new ArrayList<>();
        for (Limit limit : limits) {
            try (StubEmbeddingServer stub = StubEmbeddingServer.start(0, latency, 2048, new TokenWindow(limit.tokens(), limit.window()))) {
                for (int round = 1; round <= rounds; round++) {
                    for (EmbeddingContender contender : contenders) {
                        // A fresh window for every run: what one contender spent must not slow the next.
                        Run run = runOnce(limit, contender, stub, file, texts, round);
                        runs.add(run);
                        log.printf("[%s, round %d/%d] %-28s %s%n", limit.label(), round, rounds, contender.id(), run.failure() != null
                                ? "FAILED: " + ImportBenchmark.reason(run.failure())
                                : String.format("%,d of %d embedded in %s s, %s%% of the limit, %d requests + %d answered 429, largest %d inputs",
                                run.embedded(), texts, Stats.decimal(run.seconds(), 1), Stats.decimal(100 * run.ofLimit(), 0),
                                run.stub().requests(), run.stub().rateLimited(), run.stub().largestRequest()));
                        Thread.sleep(limit.window().toMillis());
                    }
                }
            }
        }
        return runs;
    }

    private Run runOnce(Limit limit, EmbeddingContender contender, StubEmbeddingServer stub, FaqGenerator.Summary file, int texts, int round)
            throws IOException, InterruptedException, SQLException {
        Databases.Target target = databases.fresh(contender.database());
        stub.resetStats();
        try {
            List<String> args = List.of("embed", contender.id(), "--db", contender.database().id(), "--url", target.jdbcUrl(), "--user",
                    target.user(), "--base-url", stub.baseUrl(), "--csv", file.file().toAbsolutePath().toString(), "--texts", Integer.toString(texts));
            ChildLauncher.Child child = launcher.run(xmx, args, target.password(), timeout);
            if (!child.ok()) {
                return new Run(limit, contender, round, 0, Double.NaN, stub.stats(), child.failure());
            }
            JsonNode r = child.result();
            return new Run(limit, contender, round, r.path("embedded").asLong(), r.path("embedNanos").asLong() / 1e9, stub.stats(), null);
        } finally {
            databases.drop(target);
        }
    }

    String table(List<Run> runs, int texts) {
        StringBuilder md = new StringBuilder();
        md.append("| limit | contender | round | pairs embedded / lost | elapsed s | shortest the limit allows, s | of the limit over the run ")
                .append("| of the shortest run | requests (200 + 429) | answered 429 | largest request, inputs / tokens |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Run r : runs) {
            md.append("| ").append(r.limit().label()).append(" | ").append(r.contender().id()).append(" | ").append(r.round()).append(" | ");
            if (r.failure() != null) {
                md.append("failed: ").append(ImportBenchmark.reason(r.failure()).replace("|", "\\|")).append(" | | | | | | | |\n");
                continue;
            }
            long requests = r.stub().requests() + r.stub().rateLimited();
            md.append(Stats.count(r.embedded())).append(" / ").append(Stats.count(texts - r.embedded())).append(" | ")
                    .append(Stats.decimal(r.seconds(), 1)).append(" | ").append(Stats.decimal(r.shortestSeconds(latency), 1)).append(" | ")
                    .append(Stats.decimal(100 * r.ofLimit(), 0)).append("% | ")
                    .append(r.stub().tokens() == 0 ? "n/a" : Stats.decimal(100 * r.shortestSeconds(latency) / r.seconds(), 0) + "%").append(" | ")
                    .append(requests).append(" (").append(r.stub().requests()).append(" + ").append(r.stub().rateLimited()).append(") | ")
                    .append(Stats.decimal(100 * r.refusedShare(), 1)).append("% | ")
                    .append(r.stub().largestRequest()).append(" / ").append(Stats.count(r.stub().largestTokens())).append(" |\n");
        }
        return md.toString();
    }
}
