package dev.qaimport.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qaimport.benchmarks.data.FaqGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs import contenders round by round as child JVMs against fresh databases and summarizes
 * the runs. Used by the {@code import}, {@code memory} and {@code batch-size} commands.
 */
final class ImportBenchmark {
    private final ChildLauncher launcher;
    private final Databases databases;
    private final String xmx;
    private final Duration timeout;
    private final PrintStream log;

    ImportBenchmark(ChildLauncher launcher, Databases databases, String xmx, Duration timeout, PrintStream log) {
        this.launcher = launcher;
        this.databases = databases;
        this.xmx = xmx;
        this.timeout = timeout;
        this.log = log;
    }

    /** One contender, in one variant, on one database, at one batch size. */
    record Entry(ImportContender contender, Variant variant, Database database, int batchSize) {
        String label() {
            return variant.label(contender.id());
        }
    }

    /**
     * One child run.
     *
     * @param failure why the child failed, or {@code null}
     * @param check   {@code null} when the stored counts are as expected, else what differs
     */
    record Run(Entry entry, int round, double seconds, double cpuSeconds, ImportOutcome outcome, long peakHeapBytes, long peakRssKb,
               long storedPairs, long storedErrors, String failure, String check) {
        double rowsPerSecond(long rows) {
            return failure == null ? rows / seconds : Double.NaN;
        }
    }

    /** Every contender of {@code contenders} that supports the database, with all its variants, on each of {@code dbs}. */
    static List<Entry> lineup(List<ImportContender> contenders, List<Database> dbs, int batchSize) {
        List<Entry> entries = new ArrayList<>();
        for (Database db : dbs) {
            for (ImportContender c : contenders) {
                if (c.supports(db)) {
                    for (Variant v : c.variants(db)) {
                        entries.add(new Entry(c, v, db, batchSize));
                    }
                }
            }
        }
        return entries;
    }

    List<Run> run(List<Entry> lineup, FaqGenerator.Summary file, int rounds, int slowRounds) throws IOException, InterruptedException, SQLException {
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Entry entry : lineup) {
                if (entry.contender().slow() && round > slowRounds) {
                    continue;
                }
                Run run = runOnce(entry, file, round);
                runs.add(run);
                log.printf("[round %d/%d] %-10s %-32s batch %4d  %s%n", round, rounds, entry.database().label(), entry.label(),
                        entry.batchSize(), describe(run, file.rows()));
            }
        }
        return runs;
    }

    private Run runOnce(Entry entry, FaqGenerator.Summary file, int round) throws IOException, InterruptedException, SQLException {
        Databases.Target target = databases.fresh(entry.database());
        try {
            String url = entry.database().withProperties(target.jdbcUrl(), entry.variant());
            List<String> args = List.of("import", entry.contender().id(), "--db", entry.database().id(), "--url", url,
                    "--user", target.user(), "--csv", file.file().toAbsolutePath().toString(),
                    "--batch-size", Integer.toString(entry.batchSize()), "--run-id", UUID.randomUUID().toString());
            ChildLauncher.Child child = launcher.run(xmx, args, target.password(), timeout);
            double seconds = child.wallNanos() / 1e9;
            if (!child.ok()) {
                return new Run(entry, round, seconds, Double.NaN, null, -1, -1, -1, -1, child.failure(), "failed");
            }
            JsonNode r = child.result();
            ImportOutcome outcome = new ImportOutcome(r.path("rowsRead").asLong(), r.path("inserted").asLong(),
                    r.path("errors").asLong(), r.path("skipped").asLong());
            long pairs = databases.count(target, entry.contender().pairsTable());
            long errors = entry.contender().errorsTable() == null ? 0 : databases.count(target, entry.contender().errorsTable());
            double cpu = r.path("cpuNanos").asLong(-1) < 0 ? Double.NaN : r.path("cpuNanos").asLong() / 1e9;
            return new Run(entry, round, seconds, cpu, outcome, r.path("peakHeapBytes").asLong(-1), r.path("peakRssKb").asLong(-1),
                    pairs, errors, null, check(entry.contender(), file, outcome, pairs, errors));
        } finally {
            databases.drop(target);
        }
    }

    static String check(ImportContender contender, FaqGenerator.Summary file, ImportOutcome outcome, long pairs, long errors) {
        List<String> wrong = new ArrayList<>();
        if (outcome.rowsRead() != file.rows()) {
            wrong.add("read " + outcome.rowsRead() + " of " + file.rows());
        }
        long expectedPairs = contender.validates() ? file.validRows() : file.rows();
        if (pairs != expectedPairs) {
            wrong.add(pairs + " pairs stored, expected " + expectedPairs);
        }
        if (contender.validates()) {
            if (errors != file.invalidRows()) {
                wrong.add(errors + " row errors stored, expected " + file.invalidRows());
            }
            if (outcome.skipped() != file.duplicateRows()) {
                wrong.add(outcome.skipped() + " duplicates skipped, expected " + file.duplicateRows());
            }
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    private static String describe(Run run, long rows) {
        if (run.failure() != null) {
            return "FAILED after " + Stats.decimal(run.seconds(), 1) + " s: " + reason(run.failure());
        }
        return String.format("%8s rows/s  %6s s (cpu %5s s)  heap %5s MiB  rss %5s MiB  load %s  %s", Stats.count(run.rowsPerSecond(rows)),
                Stats.decimal(run.seconds(), 1), Stats.decimal(run.cpuSeconds(), 1), Stats.count(Stats.mib(run.peakHeapBytes())), Stats.count(run.peakRssKb() / 1024.0),
                MachineInfo.currentLoadAverage().split(" ")[0], run.check() == null ? "ok" : "CHECK: " + run.check());
    }

    /** The runs of one entry, summarized. */
    record Summary(Entry entry, int runs, int failures, double medianRate, double minRate, double maxRate, double medianSeconds,
                   double medianCpuSeconds, double peakHeapMib, double peakRssMib, ImportOutcome outcome, long storedPairs, long storedErrors, String check, String failure) {
    }

    static List<Summary> summarize(List<Run> runs, long rows) {
        Map<String, List<Run>> byEntry = new LinkedHashMap<>();
        for (Run run : runs) {
            Entry e = run.entry();
            byEntry.computeIfAbsent(e.database().id() + "|" + e.label() + "|" + e.batchSize(), k -> new ArrayList<>()).add(run);
        }
        List<Summary> summaries = new ArrayList<>();
        for (List<Run> group : byEntry.values()) {
            List<Run> ok = group.stream().filter(r -> r.failure() == null).toList();
            List<Double> rates = ok.stream().map(r -> r.rowsPerSecond(rows)).toList();
            List<Double> seconds = ok.stream().map(Run::seconds).toList();
            Run last = ok.isEmpty() ? group.get(group.size() - 1) : ok.get(ok.size() - 1);
            String check = group.stream().map(Run::check).filter(c -> c != null).findFirst().orElse(null);
            String failure = group.stream().map(Run::failure).filter(f -> f != null).findFirst().orElse(null);
            summaries.add(new Summary(group.get(0).entry(), group.size(), group.size() - ok.size(), Stats.median(rates), Stats.min(rates),
                    Stats.max(rates), Stats.median(seconds), Stats.median(ok.stream().map(Run::cpuSeconds).toList()),
                    Stats.max(ok.stream().map(r -> Stats.mib(r.peakHeapBytes())).toList()),
                    Stats.max(ok.stream().map(r -> r.peakRssKb() / 1024.0).toList()),
                    last.outcome(), last.storedPairs(), last.storedErrors(), check, failure));
        }
        return summaries;
    }

    /** The Markdown table of {@code summaries}, with a pending row for qa-import on each database it has not run on. */
    static String table(List<Summary> summaries, List<Database> dbs, boolean withBatchSize) {
        StringBuilder md = new StringBuilder();
        md.append("| database | contender |").append(withBatchSize ? " batch |" : "")
                .append(" rows/s (median) | min – max | wall s | child CPU s | peak heap MiB | peak RSS MiB | stored / errors / skipped | check |\n");
        md.append("|---|---|").append(withBatchSize ? "---:|" : "").append("---:|---:|---:|---:|---:|---:|---:|:---:|\n");
        for (Database db : dbs) {
            boolean qaImport = false;
            for (Summary s : summaries) {
                if (s.entry().database() != db) {
                    continue;
                }
                qaImport |= s.entry().contender().id().equals(Contenders.QA_IMPORT);
                md.append("| ").append(db.label()).append(" | ").append(s.entry().label()).append(" |");
                if (withBatchSize) {
                    md.append(' ').append(s.entry().batchSize()).append(" |");
                }
                if (s.failures() == s.runs()) {
                    md.append(" failed | | ").append(Stats.decimal(s.medianSeconds(), 1)).append(" | | | | | ✗ ")
                            .append(escape(reason(s.failure()))).append(" |\n");
                    continue;
                }
                md.append(' ').append(Stats.count(s.medianRate())).append(" | ")
                        .append(Stats.count(s.minRate())).append(" – ").append(Stats.count(s.maxRate())).append(" | ")
                        .append(Stats.decimal(s.medianSeconds(), 1)).append(" | ")
                        .append(Stats.decimal(s.medianCpuSeconds(), 1)).append(" | ")
                        .append(Stats.count(s.peakHeapMib())).append(" | ")
                        .append(Stats.count(s.peakRssMib())).append(" | ")
                        .append(Stats.count(s.storedPairs())).append(" / ").append(Stats.count(s.storedErrors())).append(" / ")
                        .append(Stats.count(s.outcome().skipped())).append(" | ")
                        .append(s.check() == null ? (s.failures() > 0 ? "✓ (" + s.failures() + " failed)" : "✓") : "✗ " + escape(s.check()))
                        .append(" |\n");
            }
            if (!qaImport) {
                md.append("| ").append(db.label()).append(" | qa-import |").append(withBatchSize ? " |" : "")
                        .append(" _pending: contender not yet wired_ | | | | | | | |\n");
            }
        }
        return md.toString();
    }

    /** The ratios of the throughput goals, from the medians; pending where qa-import has not run. */
    static String ratios(List<Summary> summaries, List<Database> dbs) {
        StringBuilder md = new StringBuilder();
        md.append("| database | qa-import ÷ Spring Batch (its best variant) | qa-import ÷ COPY | Spring Batch ÷ naive JDBC | COPY ÷ Spring Batch |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        for (Database db : dbs) {
            double qa = best(summaries, db, Contenders.QA_IMPORT);
            double sb = best(summaries, db, "spring-batch");
            double naive = best(summaries, db, "naive-jdbc");
            double copy = best(summaries, db, "copy");
            md.append("| ").append(db.label()).append(" | ")
                    .append(ratio(qa, sb, "≥ 1.5 goal")).append(" | ")
                    .append(db == Database.POSTGRESQL ? ratio(qa, copy, "≥ 0.40 goal") : "n/a").append(" | ")
                    .append(ratio(sb, naive, null)).append(" | ")
                    .append(db == Database.POSTGRESQL ? ratio(copy, sb, null) : "n/a").append(" |\n");
        }
        return md.toString();
    }

    private static String ratio(double a, double b, String pendingGoal) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return pendingGoal == null ? "—" : "_pending_ (" + pendingGoal + ")";
        }
        return Stats.decimal(a / b, 2) + "×";
    }

    /** The best median rate of contender {@code id} (any variant) on {@code db}. */
    static double best(List<Summary> summaries, Database db, String id) {
        return summaries.stream()
                .filter(s -> s.entry().database() == db && s.entry().contender().id().equals(id) && !Double.isNaN(s.medianRate()))
                .mapToDouble(Summary::medianRate).max().orElse(Double.NaN);
    }

    /** The first line of a child's failure and the first exception or error it printed. */
    static String reason(String failure) {
        if (failure == null) {
            return "";
        }
        String first = failure.lines().findFirst().orElse("");
        return failure.lines().filter(l -> l.contains("Exception") || l.contains("Error")).findFirst()
                .map(l -> first + ": " + l.trim()).orElse(first);
    }

    private static String escape(String s) {
        return s.replace("|", "/");
    }
}
