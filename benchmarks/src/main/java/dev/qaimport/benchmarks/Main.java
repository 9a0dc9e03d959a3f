package dev.qaimport.benchmarks;

import dev.qaimport.benchmarks.data.FaqGenerator;
import dev.qaimport.benchmarks.embed.StubEmbeddingServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/**
 * The benchmark command line: {@code all}, {@code import}, {@code memory}, {@code batch-size},
 * {@code embeddings}, plus {@code generate} and {@code stub} for manual use. Run
 * {@code java -jar benchmarks/target/qa-import-benchmarks.jar help} for the options.
 */
public final class Main {
    static final String BUILD_COMMAND = "mvn -B -q -pl benchmarks -am package -DskipTests";
    static final String JAR = "java -jar benchmarks/target/qa-import-benchmarks.jar";
    static final String RUN_COMMAND = JAR + " all";

    private static final String USAGE = """
            usage: java -jar benchmarks/target/qa-import-benchmarks.jar COMMAND [options]

            commands
              all          import, memory, batch-size and embeddings in turn (--skip-memory to leave it out)
              import       throughput of every contender on every database   [--rows 100000 --rounds 3 --xmx 1g]
              memory       1,000,000 rows with a small heap, H2 file and PostgreSQL  [--rows 1000000 --rounds 1 --xmx 256m]
              batch-size   qa-import at batch sizes 50 and 500   [--sizes 50,500 --rows 100000 --rounds 3]
              embeddings   20,000 texts through a 50 ms, 100-inputs-per-request stub provider  [--texts 20000 --rounds 3]
              rate-limits  4,000 texts through a 150 ms stub enforcing a token limit per sliding window, at several limits
                           [--limits 150000/10,60000/5,100000/6 (tokens/seconds) --texts 4000 --rounds 1 --latency-ms 150]
              xlsx         the same rows as .xlsx and as CSV, read and imported (H2 in memory) in child JVMs  [--rows 100000 --rounds 3 --xmx 256m]
              generate     write the benchmark CSV: --out FILE [--rows 100000] [--clean]
              stub         run the stub provider until Ctrl-C  [--port 8089 --latency-ms 50 --max-inputs 100]

            options of the benchmark commands
              --databases h2,postgresql,mariadb   --contenders ID,ID   --batch-size 500   --timeout-min 30
              --slow-rounds 1 (rounds in which the slow naive-jdbc contender runs)
              --doc docs/BENCHMARKS.md | --no-doc   --work-dir DIR (kept; default: a temporary directory, deleted)

            databases (environment, with defaults): QA_BENCH_PG_URL=jdbc:postgresql://127.0.0.1:5432/test,
              QA_BENCH_PG_USER=postgres, QA_BENCH_PG_PASSWORD=, QA_BENCH_MARIADB_URL=jdbc:mariadb://127.0.0.1:3306,
              QA_BENCH_MARIADB_USER=root, QA_BENCH_MARIADB_PASSWORD=

            profiling: QA_BENCH_CHILD_JVM_OPTIONS="-XX:StartFlightRecording=filename=/tmp/child.jfr" adds JVM options
              to every child (unset in a measured run; a recording slows the child)
            """;

    private final Options options;
    private final String commandLine;
    private final PrintStream out = System.out;

    private Main(List<String> args) {
        this.options = new Options(args);
        this.commandLine = JAR + " " + String.join(" ", args);
    }

    /** Runs a command; exits 0 on success, 1 on failure, 2 on a usage error. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("child")) {
            try {
                ChildMain.run(Arrays.asList(args).subList(1, args.length));
                System.exit(0);
            } catch (Throwable t) {
                t.printStackTrace();
                System.exit(1);
            }
        }
        try {
            new Main(Arrays.asList(args)).run();
        } catch (IllegalArgumentException e) {
            System.err.println("qa-import-benchmarks: " + e.getMessage());
            System.err.println("run with 'help' for the commands and options");
            System.exit(2);
        } catch (Exception e) {
            System.err.println("qa-import-benchmarks: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private void run() throws Exception {
        String command = options.positional().isEmpty() ? "help" : options.positional().get(0);
        switch (command) {
            case "help", "--help", "-h" -> out.print(USAGE);
            case "generate" -> generate();
            case "stub" -> stub();
            case "xlsx" -> {
                try (Workspace workspace = Workspace.create(options.get("work-dir", null))) {
                    out.print(dev.qaimport.benchmarks.xlsx.XlsxBenchmark.run(workspace.dir(), options.intValue("rows", 100_000),
                            options.intValue("rounds", 3), options.get("xmx", "256m")));
                }
            }
            case "import", "memory", "batch-size", "embeddings", "rate-limits", "all" -> {
                try (Workspace workspace = Workspace.create(options.get("work-dir", null));
                     ChildLauncher launcher = new ChildLauncher(workspace.dir());
                     Databases databases = new Databases(workspace.dir())) {
                    Session session = new Session(workspace, launcher, databases);
                    session.writeCommonSections();
                    switch (command) {
                        case "import" -> session.importThroughput();
                        case "memory" -> session.memory();
                        case "batch-size" -> session.batchSize();
                        case "embeddings" -> session.embeddings();
                        case "rate-limits" -> session.rateLimits();
                        default -> {
                            session.importThroughput();
                            if (options.flag("skip-memory")) {
                                out.println("memory: skipped (--skip-memory)");
                            } else {
                                session.memory();
                            }
                            session.batchSize();
                            session.embeddings();
                        }
                    }
                    out.println("load average at end: " + MachineInfo.currentLoadAverage());
                }
            }
            default -> throw new IllegalArgumentException("unknown command: " + command);
        }
    }

    private void generate() {
        long rows = options.intValue("rows", 100_000);
        FaqGenerator generator = options.flag("clean") ? FaqGenerator.clean(rows) : FaqGenerator.standard(rows);
        FaqGenerator.Summary summary = generator.write(Path.of(options.require("out")));
        out.printf("%s: %,d rows (%,d invalid, %,d duplicates), %s MiB%n", summary.file(), summary.rows(), summary.invalidRows(),
                summary.duplicateRows(), Stats.decimal(Stats.mib(summary.bytes()), 1));
    }

    private void stub() throws IOException, InterruptedException {
        try (StubEmbeddingServer stub = StubEmbeddingServer.start(options.intValue("port", 8089),
                Duration.ofMillis(options.intValue("latency-ms", 50)), options.intValue("max-inputs", 100))) {
            out.println("stub embedding provider at " + stub.baseUrl() + " (Ctrl-C stops it)");
            new CountDownLatch(1).await();
        }
    }

    /** One benchmark command's state: its workspace, children, databases and generated files. */
    private final class Session {
        private final Workspace workspace;
        private final ChildLauncher launcher;
        private final Databases databases;
        private final Map<String, FaqGenerator.Summary> files = new HashMap<>();
        private final Path doc;
        private final Duration timeout = Duration.ofMinutes(options.intValue("timeout-min", 30));

        Session(Workspace workspace, ChildLauncher launcher, Databases databases) {
            this.workspace = workspace;
            this.launcher = launcher;
            this.databases = databases;
            this.doc = options.flag("no-doc") ? null : Path.of(options.get("doc", "docs/BENCHMARKS.md"));
        }

        void writeCommonSections() throws IOException {
            MachineInfo machine = MachineInfo.probe(databases, List.of(Database.values()));
            out.println("machine: " + machine.cpus() + " CPUs, " + machine.cpuModel() + ", " + machine.memory() + ", load " + machine.loadAverage());
            section("machine", "## Machine\n\n" + machine.markdown() + "\nThe machine is shared: other builds may run at the same time, "
                    + "so single figures are noisy; compare medians measured in the same run, and look at min – max.\n");
            section("contenders", contenders());
        }

        void importThroughput() throws Exception {
            int rows = options.intValue("rows", 100_000);
            int rounds = options.intValue("rounds", 3);
            int batch = options.intValue("batch-size", 500);
            String xmx = options.get("xmx", "1g");
            List<Database> dbs = databases(List.of("h2", "postgresql", "mariadb"));
            List<ImportContender> contenders = importContenders(null);
            FaqGenerator.Summary file = file(FaqGenerator.standard(rows));
            String load = MachineInfo.currentLoadAverage();
            out.printf("import: %,d rows, batch size %d, -Xmx%s, %d rounds%n", rows, batch, xmx, rounds);
            ImportBenchmark bench = new ImportBenchmark(launcher, databases, xmx, timeout, out);
            List<ImportBenchmark.Summary> summaries = ImportBenchmark.summarize(
                    bench.run(ImportBenchmark.lineup(contenders, dbs, batch), file, rounds, slowRounds()), file.rows());
            String table = ImportBenchmark.table(summaries, dbs, false);
            String ratios = ImportBenchmark.ratios(summaries, dbs);
            out.println(table);
            out.println(ratios);
            section("import", "## Import throughput\n\n" + header(file, load, "batch size " + batch + ", `-Xmx" + xmx + "`, " + rounds + " rounds (naive JDBC: "
                    + Math.min(rounds, slowRounds()) + ", it takes minutes per run)") + table + "\nRatios of the medians:\n\n" + ratios);
        }

        void memory() throws Exception {
            // Under `all`, --rows, --rounds and --xmx belong to the throughput run; the memory run keeps its own.
            boolean alone = options.positional().get(0).equals("memory");
            int rows = alone ? options.intValue("rows", 1_000_000) : 1_000_000;
            int rounds = alone ? options.intValue("rounds", 1) : 1;
            int batch = options.intValue("batch-size", 500);
            String xmx = alone ? options.get("xmx", "256m") : "256m";
            List<Database> dbs = databases(List.of("h2", "postgresql"));
            List<ImportContender> contenders = importContenders(c -> !c.id().equals("naive-jdbc"));
            FaqGenerator.Summary file = file(FaqGenerator.standard(rows));
            String load = MachineInfo.currentLoadAverage();
            out.printf("memory: %,d rows, batch size %d, -Xmx%s, %d round(s)%n", rows, batch, xmx, rounds);
            ImportBenchmark bench = new ImportBenchmark(launcher, databases, xmx, timeout, out);
            List<ImportBenchmark.Summary> summaries = ImportBenchmark.summarize(
                    bench.run(ImportBenchmark.lineup(contenders, dbs, batch), file, rounds, slowRounds()), file.rows());
            String table = ImportBenchmark.table(summaries, dbs, false);
            out.println(table);
            section("memory", "## Memory: a million rows with a small heap\n\n"
                    + header(file, load, "batch size " + batch + ", `-Xmx" + xmx + "`, " + rounds + " round(s); naive JDBC left out (hours)")
                    + table + "\nThe goal is that qa-import imports this file into an H2 file and into PostgreSQL with `-Xmx256m`, "
                    + "streaming end to end including the stored payload.\n");
        }

        void batchSize() throws Exception {
            List<ImportContender> contenders = importContenders(c -> c.id().equals(Contenders.QA_IMPORT));
            if (options.positional().get(0).equals("batch-size") && options.get("contenders", null) != null) {
                contenders = importContenders(null);
            }
            if (contenders.isEmpty()) {
                String message = "batch-size: needs the qa-import contender, which is not wired yet; skipped "
                        + "(run `batch-size --contenders spring-batch` to exercise the command on a baseline)";
                out.println(message);
                section("batch-size", "## Batch size 50 (the default) against 500\n\n_Pending: " + message.substring("batch-size: ".length())
                        + "._ The goal: qa-import at batch size 50 within 30% of batch size 500 on every database, or the docs explain "
                        + "the default and recommend a better one.\n");
                return;
            }
            int rows = options.intValue("rows", 100_000);
            int rounds = options.intValue("rounds", 3);
            String xmx = options.get("xmx", "1g");
            List<Integer> sizes = options.list("sizes", List.of("50", "500")).stream().map(Integer::parseInt).toList();
            List<Database> dbs = databases(List.of("h2", "postgresql", "mariadb"));
            FaqGenerator.Summary file = file(FaqGenerator.standard(rows));
            String load = MachineInfo.currentLoadAverage();
            out.printf("batch-size: %,d rows, sizes %s, -Xmx%s, %d rounds%n", rows, sizes, xmx, rounds);
            List<ImportBenchmark.Entry> lineup = new ArrayList<>();
            for (int size : sizes) {
                lineup.addAll(ImportBenchmark.lineup(contenders, dbs, size));
            }
            List<ImportBenchmark.Summary> summaries = ImportBenchmark.summarize(
                    new ImportBenchmark(launcher, databases, xmx, timeout, out).run(lineup, file, rounds, slowRounds()), file.rows());
            String table = ImportBenchmark.table(summaries, dbs, true);
            out.println(table);
            section("batch-size", "## Batch size\n\n" + header(file, load, "batch sizes " + sizes + ", `-Xmx" + xmx + "`, " + rounds + " rounds")
                    + table + "\nThe goal: qa-import at batch size 50 (the default) within 30% of batch size 500.\n");
        }

        void embeddings() throws Exception {
            int texts = options.intValue("texts", 20_000);
            int rounds = options.intValue("rounds", 3);
            String xmx = options.get("xmx", "1g");
            Duration latency = Duration.ofMillis(options.intValue("latency-ms", 50));
            int maxInputs = options.intValue("max-inputs", 100);
            List<EmbeddingContender> contenders = Contenders.embeddings().stream()
                    .filter(c -> options.list("contenders", null) == null || options.list("contenders", null).contains(c.id())
                            || !options.positional().get(0).equals("embeddings"))
                    .toList();
            FaqGenerator.Summary file = file(FaqGenerator.clean(texts));
            String load = MachineInfo.currentLoadAverage();
            out.printf("embeddings: %,d texts, stub %d ms / %d inputs per request, %d rounds%n", texts, latency.toMillis(), maxInputs, rounds);
            try (StubEmbeddingServer stub = StubEmbeddingServer.start(0, latency, maxInputs)) {
                List<EmbeddingBenchmark.Run> runs = new EmbeddingBenchmark(launcher, databases, stub, xmx, timeout, out)
                        .run(contenders, file, texts, rounds);
                String table = EmbeddingBenchmark.table(runs, contenders, stub, texts);
                out.println(table);
                section("embeddings", "## Embedding stage\n\nCommand: `" + commandLine + "` (" + rounds + " rounds, measured "
                        + LocalDate.now(ZoneOffset.UTC) + ", load average " + load + " at the start, " + MachineInfo.currentLoadAverage()
                        + " at the end)\n\n" + table
                        + "\nThe goals: ≥ 90% of the provider limit, and ≥ 3× LangChain4j's throughput.\n");
            }
        }

        void rateLimits() throws Exception {
            int texts = options.intValue("texts", 4_000);
            int rounds = options.intValue("rounds", 1);
            String xmx = options.get("xmx", "1g");
            Duration latency = Duration.ofMillis(options.intValue("latency-ms", 150));
            List<RateLimitBenchmark.Limit> limits = options.list("limits", List.of("150000/10", "60000/5", "100000/6")).stream()
                    .map(RateLimitBenchmark.Limit::parse).toList();
            List<String> chosen = options.list("contenders", null);
            List<EmbeddingContender> contenders = Contenders.rateLimited().stream()
                    .filter(c -> chosen == null || chosen.contains(c.id())).toList();
            FaqGenerator.Summary file = file(FaqGenerator.clean(texts));
            String load = MachineInfo.currentLoadAverage();
            out.printf("rate-limits: %,d texts, stub %d ms, limits %s, %d round(s)%n", texts, latency.toMillis(), limits, rounds);
            RateLimitBenchmark bench = new RateLimitBenchmark(launcher, databases, xmx, timeout, latency, out);
            List<RateLimitBenchmark.Run> runs = bench.run(limits, contenders, file, texts, rounds);
            String table = bench.table(runs, texts);
            out.println(table);
            StringBuilder md = new StringBuilder("## Embeddings at the provider's token limit\n\nCommand: `").append(commandLine)
                    .append("` (").append(rounds).append(" round(s), measured ").append(LocalDate.now(ZoneOffset.UTC)).append(", load average ")
                    .append(load).append(" at the start, ").append(MachineInfo.currentLoadAverage()).append(" at the end)\n\n").append(table)
                    .append("\nStub: ").append(latency.toMillis()).append(" ms per request, at most 2,048 inputs per request, ")
                    .append(Stats.count(texts)).append(" texts, a token limit per sliding window (tokens counted at arrival, one per four ")
                    .append("characters; a request that does not fit is answered 429 at once, with OpenAI's headers and message). ")
                    .append("\"Of the limit over the run\" is the tokens answered with 200 ÷ (limit × elapsed ÷ window), which a short ")
                    .append("run can push past 100% with the full window it starts with; \"of the shortest run\" is the shortest time the ")
                    .append("limit allows for those tokens (a full window at once, then one per window, plus one request's latency) ÷ ")
                    .append("the time taken. Elapsed is the embedding stage only (for qa-import the import before it is excluded).\n\n")
                    .append("The goals for qa-import: ≥ 90% of the limit over the run, ≤ 5% of requests answered 429, no pair lost.\n");
            section("rate-limits", md.toString());
        }

        private String header(FaqGenerator.Summary file, String loadAtStart, String settings) {
            return "Command: `" + commandLine + "` — " + Stats.count(file.rows()) + " rows (" + Stats.decimal(Stats.mib(file.bytes()), 1)
                    + " MiB; " + Stats.count(file.invalidRows()) + " invalid, " + Stats.count(file.duplicateRows()) + " duplicates, "
                    + Stats.count(file.validRows()) + " to store), " + settings + "; measured " + LocalDate.now(ZoneOffset.UTC)
                    + ", load average (1/5/15 min) " + loadAtStart + " at the start, " + MachineInfo.currentLoadAverage() + " at the end.\n\n";
        }

        private FaqGenerator.Summary file(FaqGenerator generator) {
            String name = "faq-" + generator.rows() + "-" + generator.seed() + "-" + generator.invalidShare() + "-" + generator.duplicateShare() + ".csv";
            return files.computeIfAbsent(name, n -> {
                long started = System.nanoTime();
                FaqGenerator.Summary summary = generator.write(workspace.resolve(n));
                out.printf("generated %s: %,d rows, %s MiB in %s s%n", n, summary.rows(), Stats.decimal(Stats.mib(summary.bytes()), 1),
                        Stats.decimal((System.nanoTime() - started) / 1e9, 1));
                return summary;
            });
        }

        private int slowRounds() {
            return options.intValue("slow-rounds", 1);
        }

        private List<Database> databases(List<String> defaults) {
            return options.list("databases", defaults).stream().map(Database::of).toList();
        }

        private List<ImportContender> importContenders(Predicate<ImportContender> defaults) {
            List<String> chosen = options.list("contenders", null);
            return Contenders.imports().stream()
                    .filter(c -> chosen != null ? chosen.contains(c.id()) : defaults == null || defaults.test(c))
                    .toList();
        }

        private void section(String name, String markdown) throws IOException {
            if (doc != null) {
                BenchmarksDoc.writeSection(doc, name, markdown);
            }
        }

        private String contenders() {
            StringBuilder md = new StringBuilder("## What each contender does\n\n");
            md.append("Every validating contender applies the same rules: question → plain text and answer → jsoup's basic ")
                    .append("safelist (`Jsoup.clean`), whitespace collapsed, control characters removed; question and answer required; ")
                    .append("question ≤ 1,000, answer ≤ 20,000, category ≤ 200 characters, ≤ 20 tags of ≤ 50; one row error per invalid ")
                    .append("row in an errors table; duplicates by normalized question (NFKC, case-folded, spaces collapsed, SHA-256) ")
                    .append("skipped. Target table (baselines): `qa_pairs` with the library's columns (id UUID, question, answer, category, ")
                    .append("tags, status, import_job_id, source_row, question_key, embedding_status, created_at), a primary key, ")
                    .append("`UNIQUE(import_job_id, source_row)` and an index on `question_key`, plus `import_errors`.\n\n");
            boolean qaImport = false;
            for (ImportContender c : Contenders.imports()) {
                qaImport |= c.id().equals(Contenders.QA_IMPORT);
                md.append("- **").append(c.id()).append("** — ").append(c.description()).append('\n');
            }
            if (!qaImport) {
                md.append("- **qa-import** — _pending: the contender is wired when the storage module lands._\n");
            }
            md.append("\nEmbeddings:\n\n");
            boolean qaEmbed = false;
            for (EmbeddingContender c : Contenders.embeddings()) {
                qaEmbed |= c.id().equals(Contenders.QA_IMPORT);
                md.append("- **").append(c.id()).append("** — ").append(c.description()).append('\n');
            }
            if (!qaEmbed) {
                md.append("- **qa-import** — _pending: the library's embedding stage on 20,000 imported pairs against the same stub._\n");
            }
            md.append("\nAt the token limit (`rate-limits`):\n\n");
            for (EmbeddingContender c : Contenders.rateLimited()) {
                md.append("- **").append(c.id()).append("** — ").append(c.description()).append('\n');
            }
            return md.toString();
        }
    }
}
