package dev.qaimport.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.benchmarks.baseline.NaiveJdbcContender;
import dev.qaimport.benchmarks.data.FaqGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessTest {
    @TempDir
    Path dir;

    @Test
    void runsAContenderAsAChildJvmAndChecksWhatItStored() throws Exception {
        FaqGenerator.Summary file = FaqGenerator.standard(400).write(dir.resolve("faq.csv"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (ChildLauncher launcher = new ChildLauncher(dir); Databases databases = new Databases(dir)) {
            ImportBenchmark bench = new ImportBenchmark(launcher, databases, "256m", Duration.ofMinutes(2),
                    new PrintStream(log, true, StandardCharsets.UTF_8));
            List<ImportBenchmark.Entry> lineup = ImportBenchmark.lineup(List.of(new NaiveJdbcContender()), List.of(Database.H2), 100);

            List<ImportBenchmark.Run> runs = bench.run(lineup, file, 1, 1);

            assertThat(runs).singleElement().satisfies(run -> {
                assertThat(run.failure()).isNull();
                assertThat(run.check()).isNull();
                assertThat(run.outcome()).isEqualTo(new ImportOutcome(400, file.validRows(), file.invalidRows(), file.duplicateRows()));
                assertThat(run.storedPairs()).isEqualTo(file.validRows());
                assertThat(run.storedErrors()).isEqualTo(file.invalidRows());
                assertThat(run.peakHeapBytes()).isPositive();
                assertThat(run.peakRssKb()).isPositive();
                assertThat(run.seconds()).isPositive();
                assertThat(run.cpuSeconds()).isPositive();
            });
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("[round 1/1] H2 file", "naive-jdbc", "rows/s", "ok");
        assertThat(dir).isDirectoryNotContaining("glob:**/h2-*");
    }

    @Test
    void reportsAFailedChildWithItsReasonInsteadOfThrowing() throws Exception {
        try (ChildLauncher launcher = new ChildLauncher(dir)) {
            ChildLauncher.Child child = launcher.run("64m", List.of("import", "no-such-contender", "--db", "h2", "--url", "jdbc:h2:mem:x",
                    "--user", "sa", "--csv", "x.csv", "--run-id", "00000000-0000-0000-0000-000000000001"), "", Duration.ofMinutes(1));

            assertThat(child.ok()).isFalse();
            assertThat(ImportBenchmark.reason(child.failure()))
                    .isEqualTo("exit 1: java.lang.IllegalArgumentException: unknown import contender: no-such-contender");
        }
    }

    @Test
    void slowContendersRunInTheFirstRoundsOnly() {
        assertThat(new NaiveJdbcContender().slow()).isTrue();
        assertThat(Contenders.importContender("spring-batch").slow()).isFalse();
    }

    @Test
    void checkNamesEveryCountThatDiffers() {
        FaqGenerator.Summary file = new FaqGenerator.Summary(dir, 100, 2, 1, List.of(), 0);
        ImportContender naive = new NaiveJdbcContender();
        ImportContender copy = Contenders.importContender("copy");

        assertThat(ImportBenchmark.check(naive, file, new ImportOutcome(100, 97, 2, 1), 97, 2)).isNull();
        assertThat(ImportBenchmark.check(naive, file, new ImportOutcome(99, 96, 2, 0), 96, 3))
                .isEqualTo("read 99 of 100; 96 pairs stored, expected 97; 3 row errors stored, expected 2; 0 duplicates skipped, expected 1");
        assertThat(ImportBenchmark.check(copy, file, new ImportOutcome(100, 100, 0, 0), 100, 0)).isNull();
    }

    @Test
    void documentSectionsAreReplacedInPlaceAndOthersKept() throws Exception {
        Path doc = dir.resolve("docs/BENCHMARKS.md");
        BenchmarksDoc.writeSection(doc, "import", "## Import\n\nfirst");
        Files.writeString(doc, Files.readString(doc) + "\nHand-written notes.\n");
        BenchmarksDoc.writeSection(doc, "embeddings", "## Embeddings\n\nE");
        BenchmarksDoc.writeSection(doc, "import", "## Import\n\nsecond");
        BenchmarksDoc.writeSection(doc, "extra", "X");

        String text = Files.readString(doc);
        assertThat(text).contains("# Benchmarks", Main.BUILD_COMMAND, Main.RUN_COMMAND, "second", "## Embeddings\n\nE",
                "Hand-written notes.", "<!-- bench:extra:start -->\nX\n<!-- bench:extra:end -->").doesNotContain("first");
        assertThat(text.indexOf("second")).isLessThan(text.indexOf("## Embeddings"));
    }

    @Test
    void variantPropertiesUseEachDatabasesUrlSyntax() {
        Variant v = new Variant("x", Map.of("b", "2", "a", "1"));
        assertThat(Database.H2.withProperties("jdbc:h2:file:/tmp/x", v)).isEqualTo("jdbc:h2:file:/tmp/x;a=1;b=2");
        assertThat(Database.POSTGRESQL.withProperties("jdbc:postgresql://h/db?currentSchema=s", Variant.PG_REWRITE))
                .isEqualTo("jdbc:postgresql://h/db?currentSchema=s&reWriteBatchedInserts=true");
        assertThat(Database.MARIADB.withProperties("jdbc:mariadb://h/db", Variant.DEFAULT)).isEqualTo("jdbc:mariadb://h/db");
        assertThat(v.label("spring-batch")).isEqualTo("spring-batch + x");
        assertThat(Database.of("pg")).isEqualTo(Database.POSTGRESQL);
    }

    @Test
    void medianOfRounds() {
        assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(Stats.count(12_345.6)).isEqualTo("12,346");
    }

    @Test
    void optionsReadNamedValuesFlagsAndLists() {
        Options options = new Options(List.of("import", "--rounds", "5", "--no-doc", "--databases=h2, pg", "--rows", "1_000"));
        assertThat(options.positional()).containsExactly("import");
        assertThat(options.intValue("rounds", 3)).isEqualTo(5);
        assertThat(options.intValue("rows", 3)).isEqualTo(1_000);
        assertThat(options.flag("no-doc")).isTrue();
        assertThat(options.list("databases", List.of())).containsExactly("h2", "pg");
        assertThat(options.get("xmx", "1g")).isEqualTo("1g");
    }
}
