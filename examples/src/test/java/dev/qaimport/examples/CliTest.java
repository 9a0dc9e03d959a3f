package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qaimport.jdbc.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir);
    }

    private Path write(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void importsTheSampleFileAndPrintsAHumanSummary() {
        Cli.Result r = cli.run("import", Cli.sample("faq-sample.csv").toString(), "--embeddings", "none");

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Imported faq-sample.csv", "200 rows: 190 stored, 3 skipped as duplicates, 7 rejected",
                "row 12 (line 17), question: question is empty", "embeddings: none requested");
        assertThat(Files.exists(dir.resolve("qa-import-data/qa-import.mv.db"))).isTrue();
    }

    @Test
    void printsOneJsonObjectWithTheOutcome() throws Exception {
        Cli.Result r = cli.run("import", Cli.sample("faq-sample.csv").toString(), "--embeddings", "none", "--json", "--batch-size", "25");

        assertThat(r.status()).as(r.toString()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(json.get("totalRows").asLong()).isEqualTo(200);
        assertThat(json.get("successCount").asLong()).isEqualTo(190);
        assertThat(json.get("errorCount").asLong()).isEqualTo(7);
        assertThat(json.get("skippedCount").asLong()).isEqualTo(3);
        assertThat(json.get("embeddedCount").asLong()).isZero();
        assertThat(json.get("embeddingErrorCount").asLong()).isZero();
        assertThat(json.get("jobId").asText()).hasSize(36);
        JsonNode errors = json.get("errors");
        assertThat(errors).hasSize(7);
        assertThat(errors.get(0).get("row").asLong()).isEqualTo(12);
        assertThat(errors.get(0).get("line").asLong()).isEqualTo(17);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("question");
        assertThat(errors.get(0).get("message").asText()).isNotBlank();
        assertThat(r.out().strip().lines()).hasSize(1);
    }

    @Test
    void writesEveryRowErrorToACsvWithFormulasNeutralized() throws Exception {
        // Every prefix a spreadsheet may run as a formula: = + - @, a tab and a carriage return.
        List<String> questions = List.of("=HYPERLINK(\"http://x\",\"y\")", "+1 or -1?", "-2+3?", "@SUM(A1)?", "\t=cmd|' /C calc'!A0",
                "\r=1+1");
        StringBuilder csv = new StringBuilder("question,answer\nGood?,Fine\n");
        for (String q : questions) {
            csv.append('"').append(q.replace("\"", "\"\"")).append("\",\n");
        }
        Path file = write("evil.csv", csv.toString());

        Cli.Result r = cli.run("import", file.toString(), "--embeddings", "none", "--errors-out", "errors.csv");

        assertThat(r.status()).as(r.toString()).isZero();
        List<CSVRecord> rows = SampleData.errorsCsv(dir.resolve("errors.csv"));
        assertThat(rows).hasSize(questions.size());
        assertThat(rows).extracting(x -> x.get("row")).containsExactly("2", "3", "4", "5", "6", "7");
        assertThat(rows).extracting(x -> x.get("field")).containsOnly("answer");
        assertThat(rows).extracting(x -> x.get("question")).containsExactlyElementsOf(questions.stream().map(q -> "'" + q).toList());
        assertThat(r.out()).contains("all 6 errors written to errors.csv");
    }

    @Test
    void writesTheErrorsCsvOfADryRunToo() throws Exception {
        Cli.Result dry = cli.run("import", Cli.sample("faq-sample.csv").toString(), "--dry-run", "--json", "--errors-out", "dry-errors.csv");

        assertThat(dry.status()).as(dry.toString()).isZero();
        JsonNode json = JSON.readTree(dry.out());
        assertThat(json.get("rejected").asLong()).isEqualTo(7);
        List<CSVRecord> rows = SampleData.errorsCsv(dir.resolve("dry-errors.csv"));
        SampleData.assertSameErrors(rows, json.get("errors"));
        assertThat(rows).extracting(x -> x.get("question")).as("the original question is kept").contains("", "How long does a refund take to show up on a debit card?");
        assertThat(Files.exists(dir.resolve("qa-import-data"))).isFalse();

        Cli.Result human = cli.run("import", Cli.sample("faq-sample.csv").toString(), "--dry-run", "--errors-out", "dry-errors.csv");
        assertThat(human.out()).contains("all 7 errors written to dry-errors.csv");
    }

    @Test
    void refusesAnErrorsFileInAMissingDirectoryBeforeImportingAnything() {
        Cli.Result r = cli.run("import", Cli.sample("faq-sample.csv").toString(), "--embeddings", "none", "--errors-out", "no-such-dir/errors.csv");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString()
                .startsWith("qa-import: cannot write --errors-out no-such-dir/errors.csv: the directory ").endsWith("no-such-dir does not exist");
        assertThat(r.out()).isEmpty();
        assertThat(Files.exists(dir.resolve("qa-import-data"))).as("no database was created").isFalse();
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "needs /dev/full, where every write fails with 'No space left on device'")
    void anErrorsFileThatCannotBeWrittenDoesNotHideTheSummaryOfTheCommittedImport() throws Exception {
        Cli.Result human = cli.run("import", Cli.sample("faq-sample.csv").toString(), "--embeddings", "none", "--quiet", "--errors-out",
                "/dev/full");

        assertThat(human.status()).as(human.toString()).isEqualTo(2);
        assertThat(human.out()).contains("Imported faq-sample.csv", "200 rows: 190 stored, 3 skipped as duplicates, 7 rejected", "First errors:")
                .doesNotContain("errors written to");
        assertThat(human.err().strip().lines()).singleElement().asString()
                .startsWith("qa-import: cannot write --errors-out /dev/full").contains("No space left on device");
        JsonNode jobs = JSON.readTree(cli.run("jobs", "--json").out());
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).get("status").asText()).as("the job stays committed").isEqualTo("COMPLETED");

        Cli.Result json = cli.run("import", Cli.sample("faq-sample.json").toString(), "--embeddings", "none", "--json", "--errors-out", "/dev/full");
        assertThat(json.status()).isEqualTo(2);
        assertThat(JSON.readTree(json.out()).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(json.err()).contains("No space left on device");
    }

    @Test
    void dryRunReportsWhatWouldHappenAndWritesNothing() throws Exception {
        Cli.Result r = cli.run("import", Cli.sample("faq-sample.csv").toString(), "--dry-run");

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out()).contains("nothing was written", "200 rows: 190 would be created, 0 updated, 3 skipped as duplicates, 7 rejected",
                "duplicates were looked for within the file only");
        assertThat(Files.exists(dir.resolve("qa-import-data"))).isFalse();

        cli.run("import", Cli.sample("faq-sample.jsonl").toString(), "--embeddings", "none");
        Cli.Result again = cli.run("import", Cli.sample("faq-sample.jsonl").toString(), "--dry-run", "--json");
        JsonNode json = JSON.readTree(again.out());
        assertThat(json.get("comparedWithDatabase").asBoolean()).isTrue();
        assertThat(json.get("wouldSkip").asLong()).isEqualTo(14);
        assertThat(json.get("wouldCreate").asLong()).isZero();
        assertThat(JSON.readTree(cli.run("jobs", "--json").out())).hasSize(1);
    }

    @Test
    void aDryRunWithAnExplicitDatabaseUrlCreatesNoDatabaseFile() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("fresh").resolve("db");
        List<Path> before = listTree();

        Cli.Result r = cli.run("import", Cli.sample("faq-sample.csv").toString(), "--dry-run", "--json", "--db", url);

        assertThat(r.status()).as(r.toString()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("comparedWithDatabase").asBoolean()).isFalse();
        assertThat(json.get("wouldCreate").asLong()).isEqualTo(190);
        assertThat(listTree()).as("no file or directory appeared").isEqualTo(before);
    }

    @Test
    void aDryRunAgainstADatabaseWithStoredPairsLeavesEveryTableAsItWas() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        assertThat(cli.run("import", Cli.sample("faq-sample.jsonl").toString(), "--embeddings", "none", "--db", url).status()).isZero();
        Map<String, Long> before = rowCounts(url);

        Cli.Result r = cli.run("import", Cli.sample("faq-sample.jsonl").toString(), "--dry-run", "--json", "--db", url);

        assertThat(r.status()).as(r.toString()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("comparedWithDatabase").asBoolean()).isTrue();
        assertThat(json.get("wouldSkip").asLong()).as("every pair is stored already").isEqualTo(before.get("qa_pairs"));
        assertThat(rowCounts(url)).isEqualTo(before);
        assertThat(before.get("import_jobs")).isEqualTo(1);
    }

    private List<Path> listTree() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.sorted().collect(Collectors.toList());
        }
    }

    /** Rows in each qa-import table, read without creating anything. */
    private static Map<String, Long> rowCounts(String url) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", "sa", ""); Statement st = c.createStatement()) {
            for (String table : TestDatabase.TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    @Test
    void failsAJobWithExitStatus1AndNamesTheProblem() throws Exception {
        Path file = write("export.csv", "Spalte1;Spalte2\nWie?;So.\n");

        Cli.Result r = cli.run("import", file.toString(), "--embeddings", "none");

        assertThat(r.status()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("Failed to import export.csv", "MISSING_COLUMNS", "Spalte1", "--map");
    }

    @Test
    void importsAnFaqWebPageAndRefusesOneNamedAsCsv() throws Exception {
        String page = "<!DOCTYPE html>\n<html><head><title>FAQ</title></head><body>\n<h2>Orders</h2>\n"
                + "<details><summary>Can I change my order?</summary><p>Yes, <em>within one hour</em>.</p></details>\n"
                + "<details><summary>Do you ship abroad?</summary><p>To the EU.</p><script>alert(1)</script></details>\n</body></html>\n";
        Path html = write("help.html", page);

        Cli.Result r = cli.run("import", html.toString(), "--embeddings", "none", "--json");

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(JSON.readTree(r.out()).get("successCount").asLong()).isEqualTo(2);

        Cli.Result wrong = cli.run("import", write("help.csv", page).toString(), "--embeddings", "none");
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(2);
        assertThat(wrong.err()).contains("help.csv: line 1: the file is an HTML page", "--format html");

        Cli.Result forced = cli.run("import", write("page.txt", page).toString(), "--format", "html", "--embeddings", "none", "--json",
                "--duplicates", "create");
        assertThat(forced.status()).as(forced.toString()).isZero();
        assertThat(JSON.readTree(forced.out()).get("successCount").asLong()).isEqualTo(2);

        Cli.Result sample = cli.run("import", Cli.sample("faq-sample.html").toString(), "--embeddings", "none", "--json");
        assertThat(sample.status()).as(sample.toString()).isZero();
        assertThat(JSON.readTree(sample.out()).get("successCount").asLong()).isEqualTo(7);
    }

    @Test
    void mapsColumnsGivenOnTheCommandLine() throws Exception {
        Path file = write("de.csv", "Frage;Antwort;Rubrik\nWie?;So.;Allgemein\n");

        Cli.Result r = cli.run("import", file.toString(), "--embeddings", "none", "--map", "question=Frage,answer=Antwort,category=Rubrik",
                "--json");

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(JSON.readTree(r.out()).get("successCount").asLong()).isEqualTo(1);
    }

    @Test
    void usageAndInputErrorsExitWith2AndOneClearLine() throws Exception {
        Path file = write("ok.csv", "question,answer\nQ?,A\n");
        Object[][] cases = {
            {new String[] {"import", "missing.csv"}, "qa-import: file not found: missing.csv"},
            {new String[] {"import", file.toString(), "--bogus"}, "qa-import: Unknown option: '--bogus'"},
            {new String[] {"import", file.toString(), "--batch-size", "0"}, "qa-import: --batch-size must be between 1 and 10000, not 0"},
            {new String[] {"import", file.toString(), "--batch-size", "many"}, "qa-import: Invalid value for option '--batch-size'"},
            {new String[] {"import", file.toString(), "--map", "question"}, "qa-import: --map expects field=column pairs"},
            {new String[] {"import", file.toString(), "--embeddings", "magic"}, "qa-import: unknown --embeddings 'magic'"},
            {new String[] {"import", file.toString(), "--embeddings", "openai"}, "needs the API key in the environment variable OPENAI_API_KEY"},
            {new String[] {"import", file.toString(), "--encoding", "klingon"}, "qa-import: unknown --encoding 'klingon'"},
            {new String[] {"import", file.toString(), "--format", "ods"}, "qa-import: unknown format 'ods'"},
            {new String[] {"status", "not-a-uuid"}, "is not a job id"},
            {new String[] {"import", file.toString(), "--max-tags", "-1"}, "qa-import: --max-tags must be at least 0, not -1"},
            {new String[] {"status", "not-a-uuid"}, "is not a job id"},
            {new String[] {"status"}, "qa-import: Missing required parameter: 'JOB_ID' (see qa-import status --help)"},
            {new String[] {"search", "q", "--limit", "x"}, "(see qa-import search --help)"},
            {new String[] {"frobnicate"}, "qa-import: Unmatched argument"},
        };
        for (Object[] c : cases) {
            Cli.Result r = cli.run((String[]) c[0]);
            assertThat(r.status()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).as(r.toString()).contains((String) c[1]).doesNotContain("\tat ", "Exception").endsWith("\n");
            assertThat(r.err().split("\n")).as("exactly one line: %s", r).hasSize(1);
            assertThat(r.out()).isEmpty();
        }
        assertThat(cli.run("import", file.toString(), "--bogus").err().strip()).isEqualTo("qa-import: Unknown option: '--bogus' (see qa-import import --help)");
    }

    @Test
    void maxTagsRaisesOrLowersTheTagsAllowedPerRow() throws Exception {
        String tags = IntStream.rangeClosed(1, 25).mapToObj(i -> "tag" + i).collect(Collectors.joining(";"));
        Path file = write("tags.csv", "question,answer,tags\nMany tags?,Yes.," + tags + "\nTwo tags?,Yes.,a;b\n");

        JsonNode byDefault = JSON.readTree(cli.run("import", file.toString(), "--embeddings", "none", "--json", "--dry-run").out());
        JsonNode raised = JSON.readTree(cli.run("import", file.toString(), "--embeddings", "none", "--json", "--max-tags", "25").out());
        JsonNode none = JSON.readTree(cli.run("import", file.toString(), "--embeddings", "none", "--json", "--dry-run", "--max-tags", "0",
                "--duplicates", "create").out());

        assertThat(byDefault.get("rejected").asLong()).isEqualTo(1);
        assertThat(byDefault.get("errors").get(0).get("code").asText()).isEqualTo("TOO_MANY_TAGS");
        assertThat(raised.get("successCount").asLong()).isEqualTo(2);
        assertThat(raised.get("errorCount").asLong()).isZero();
        assertThat(none.get("rejected").asLong()).as("--max-tags 0 allows no tags at all").isEqualTo(2);
        assertThat(cli.run("import", "--help").out()).contains("--max-tags=N");
    }

    @Test
    void quietShowsNoProgressWhileTheDefaultShowsALiveBarOnATerminal() {
        Cli terminal = new Cli(dir).terminal(true);

        Cli.Result shown = terminal.run("import", Cli.sample("faq-sample.jsonl").toString(), "--embeddings", "none");
        Cli.Result quiet = terminal.run("import", Cli.sample("faq-sample.json").toString(), "--embeddings", "none", "--quiet");
        Cli.Result quietPlain = cli.run("import", Cli.sample("faq-sample.csv").toString(), "--embeddings", "none", "-q");

        assertThat(shown.status()).isZero();
        assertThat(shown.err()).contains("\r\033[2KImporting faq-sample.jsonl [").endsWith("\n");
        assertThat(quiet.status()).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(quiet.out()).contains("Imported faq-sample.json");
        assertThat(quietPlain.err()).isEmpty();
    }

    @Test
    void controlCharactersFromTheFileNeverReachTheTerminal() throws Exception {
        // ESC and the one-byte CSI (U+009B) start terminal sequences: clear the screen, rewrite lines, set the title.
        // The core cleans stored text and file names; header names reach the job's message as they are.
        Path header = write("header.csv", "frage\u009b2J\u001b]0;owned\u0007,antwort\nQ?,A\n");

        Cli.Result failed = cli.run("import", header.toString(), "--embeddings", "none");
        Cli.Result json = cli.run("import", header.toString(), "--embeddings", "none", "--json");
        Cli.Result jobs = cli.run("jobs");
        Cli.Result status = cli.run("status", JSON.readTree(json.out()).get("jobId").asText());

        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.out()).contains("MISSING_COLUMNS", "frage\\u009b2J\\u001b]0;owned\\u0007");
        assertThat(status.out()).contains("message    MISSING_COLUMNS", "frage\\u009b2J");
        for (Cli.Result r : List.of(failed, json, jobs, status)) {
            assertThat(r.out() + r.err()).as(r.toString()).doesNotContainPattern("[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f]");
        }
        assertThat(JSON.readTree(json.out()).get("errorMessage").asText()).as("JSON keeps the text").contains("frage\u009b2J\u001b]0;owned\u0007");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("import", "submit", "resume", "worker", "status", "jobs", "cancel", "search")) {
            Cli.Result r = cli.run(command, "--help");
            assertThat(r.status()).as(command).isZero();
            assertThat(r.out()).as(command).startsWith("Usage: qa-import " + command);
        }
        Cli.Result top = cli.run("--help");
        assertThat(top.out()).contains("import", "submit", "resume", "worker", "status", "jobs", "cancel", "search");
        assertThat(cli.run().status()).isEqualTo(2);
    }

    @Test
    void theCommandsThatRunJobsTakeABatchSizeAndALeaseOfAtLeastOneSecond() throws Exception {
        for (String command : List.of("import", "resume", "worker")) {
            assertThat(cli.run(command, "--help").out()).as(command).contains("--batch-size=N", "--lease-seconds=N", "Advanced: how long");
        }
        Path file = write("faq.csv", "question,answer\nQ?,A\n");

        Cli.Result importZero = cli.run("import", file.toString(), "--embeddings", "none", "--lease-seconds", "0");
        Cli.Result resumeZero = cli.run("resume", "--embeddings", "none", "--lease-seconds", "0");
        Cli.Result workerNegative = cli.run("worker", "--embeddings", "none", "--lease-seconds", "-5");
        Cli.Result workerBatch = cli.run("worker", "--embeddings", "none", "--batch-size", "0");

        assertThat(importZero.status()).isEqualTo(2);
        assertThat(importZero.err().strip()).isEqualTo("qa-import: --lease-seconds must be at least 1, not 0");
        assertThat(resumeZero.status()).isEqualTo(2);
        assertThat(resumeZero.err().strip()).isEqualTo("qa-import: --lease-seconds must be at least 1, not 0");
        assertThat(workerNegative.status()).isEqualTo(2);
        assertThat(workerNegative.err().strip()).isEqualTo("qa-import: --lease-seconds must be at least 1, not -5");
        assertThat(workerBatch.err().strip()).isEqualTo("qa-import: --batch-size must be between 1 and 10000, not 0");
        assertThat(cli.run("import", file.toString(), "--embeddings", "none", "--lease-seconds", "1", "--batch-size", "1").status())
                .isZero();
    }

    @Test
    void showsStatusListsJobsAndRefusesToCancelAFinishedJob() throws Exception {
        Cli.Result imported = cli.run("import", Cli.sample("faq-sample.json").toString(), "--embeddings", "none", "--json");
        String id = JSON.readTree(imported.out()).get("jobId").asText();

        Cli.Result status = cli.run("status", id, "--json");
        assertThat(JSON.readTree(status.out()).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(JSON.readTree(status.out()).get("successCount").asLong()).isEqualTo(29);
        assertThat(cli.run("status", id).out()).contains("status     COMPLETED", "29 stored");
        assertThat(cli.run("jobs").out()).contains(id, "faq-sample.json");

        Cli.Result cancel = cli.run("cancel", id);
        assertThat(cancel.status()).isEqualTo(1);
        assertThat(cancel.err()).contains("already COMPLETED");

        Cli.Result unknown = cli.run("status", "00000000-0000-0000-0000-000000000000");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("no import job with id");
    }

    @Test
    void resumeSaysThereIsNothingToDoWhenEveryJobIsFinished() {
        cli.run("import", Cli.sample("faq-sample.jsonl").toString(), "--embeddings", "none");

        Cli.Result r = cli.run("resume", "--embeddings", "none");

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Nothing to resume");
    }
}
