package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
        Path file = write("evil.csv", "question,answer\n\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\nGood?,Fine\n+1 or -1?,\n@SUM(A1)?,\n");

        Cli.Result r = cli.run("import", file.toString(), "--embeddings", "none", "--errors-out", "errors.csv");

        assertThat(r.status()).as(r.toString()).isZero();
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(dir.resolve("errors.csv"))) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(x -> x.get("row")).containsExactly("1", "3", "4");
        assertThat(rows).extracting(x -> x.get("field")).containsOnly("answer");
        assertThat(rows).extracting(x -> x.get("question")).containsExactly("'=HYPERLINK(\"http://x\",\"y\")", "'+1 or -1?", "'@SUM(A1)?");
        assertThat(r.out()).contains("all 3 errors written to errors.csv");
    }

    @Test
    void dryRunReportsWhatWouldHappenAndWritesNothing() throws Exception {
        Cli.Result r = cli.run("import", Cli.sample("faq-sample.csv").toString(), "--dry-run");

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out()).contains("nothing was written", "200 rows: 190 would be created, 0 updated, 3 skipped as duplicates, 7 rejected");
        assertThat(Files.exists(dir.resolve("qa-import-data"))).isFalse();

        cli.run("import", Cli.sample("faq-sample.jsonl").toString(), "--embeddings", "none");
        Cli.Result again = cli.run("import", Cli.sample("faq-sample.jsonl").toString(), "--dry-run", "--json");
        JsonNode json = JSON.readTree(again.out());
        assertThat(json.get("wouldSkip").asLong()).isEqualTo(14);
        assertThat(json.get("wouldCreate").asLong()).isZero();
        assertThat(JSON.readTree(cli.run("jobs", "--json").out())).hasSize(1);
    }

    @Test
    void failsAJobWithExitStatus1AndNamesTheProblem() throws Exception {
        Path file = write("export.csv", "Spalte1;Spalte2\nWie?;So.\n");

        Cli.Result r = cli.run("import", file.toString(), "--embeddings", "none");

        assertThat(r.status()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("Failed to import export.csv", "MISSING_COLUMNS", "Spalte1", "--map");
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
            {new String[] {"import", file.toString(), "--format", "xlsx"}, "qa-import: unknown format 'xlsx'"},
            {new String[] {"status", "not-a-uuid"}, "is not a job id"},
            {new String[] {"frobnicate"}, "qa-import: Unmatched argument"},
        };
        for (Object[] c : cases) {
            Cli.Result r = cli.run((String[]) c[0]);
            assertThat(r.status()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).as(r.toString()).contains((String) c[1]).doesNotContain("\tat ", "Exception");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("import", "resume", "worker", "status", "jobs", "cancel", "search")) {
            Cli.Result r = cli.run(command, "--help");
            assertThat(r.status()).as(command).isZero();
            assertThat(r.out()).as(command).startsWith("Usage: qa-import " + command);
        }
        Cli.Result top = cli.run("--help");
        assertThat(top.out()).contains("import", "resume", "worker", "status", "jobs", "cancel", "search");
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
