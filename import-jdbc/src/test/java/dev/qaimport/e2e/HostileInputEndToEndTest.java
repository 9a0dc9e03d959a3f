package dev.qaimport.e2e;

import static dev.qaimport.e2e.E2e.errors;
import static dev.qaimport.e2e.E2e.pairs;
import static dev.qaimport.e2e.E2e.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.qaimport.Field;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.QaImport;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.RowError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Broken, messy and oversized files through {@link QaImport} on H2. Each ends in a clean import,
 * row errors that name row, line and field, or a failed job whose message names the line; a
 * failure late in a file keeps the batches committed before it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputEndToEndTest {
    private static final Charset CP1252 = Charset.forName("windows-1252");

    private TestDatabase db;
    private JdbcImportStore store;

    @BeforeAll
    void open() {
        db = TestDatabases.h2Memory();
        store = JdbcImportStore.builder(db.dataSource()).installSchema(true).build();
    }

    @AfterAll
    void close() {
        store.close();
        db.close();
    }

    @BeforeEach
    void emptyTables() {
        db.clean();
    }

    private QaImport qa() {
        return qa(Limits.defaults());
    }

    /** Batches of 50, so that damage after row 100 comes after two committed batches. */
    private QaImport qa(Limits limits) {
        return QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).batchSize(50).limits(limits).build();
    }

    private static ImportJob run(QaImport qa, String name, String content) {
        return E2e.run(qa, name, utf8(content), ImportOptions.defaults());
    }

    private static ImportJob run(QaImport qa, String name, byte[] content, ImportOptions options) {
        return E2e.run(qa, name, content, options);
    }

    /** The job failed and everything it reports as stored is stored. */
    private void assertFailedKeepingCommittedRows(QaImport qa, ImportJob job, long atLeast) {
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.completedAt()).isNotNull();
        assertThat(job.successCount()).isGreaterThanOrEqualTo(atLeast);
        assertThat(store.queries().countPairs(job.id())).isEqualTo(job.successCount());
        assertThat(pairs(qa, job.id())).extracting(QAPair::sourceRow)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, (int) job.successCount()).mapToObj(i -> (long) i).collect(Collectors.toList()));
    }

    private static void assertCompleted(ImportJob job, long rows, long success, long errors) {
        assertThat(job.status()).as("%s", job.errorMessage()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job).extracting(ImportJob::totalRows, ImportJob::successCount, ImportJob::errorCount).containsExactly(rows, success, errors);
    }

    // ---------------------------------------------------------------- broken structure

    @Test
    void anUnbalancedQuoteNearTheEndFailsTheJobNamingTheLineAndKeepsWhatWasCommitted() {
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "faq.csv", E2e.csv("uq", 120) + "\"Unclosed question?,An answer\nQ2?,A2\nQ3?,A3\n");

            assertFailedKeepingCommittedRows(qa, job, 100);
            assertThat(job.errorMessage()).isEqualTo("MALFORMED_FILE: faq.csv: line 122: a quoted field opened on line 122 is never "
                    + "closed; the file ends inside it (unbalanced \"). Close the quote, and double every quote inside a quoted field (\"\")");
        }
    }

    @Test
    void raggedRowsAreRowErrorsAndTheOtherRowsImport() {
        String csv = "question,answer,category\n"
                + "Q1?,A1,c\n"
                + "Q2?,A2\n"
                + "Q3?,A3,c,extra\n"
                + "Q4?,A4,c\n"
                + "Q5?,A5,c,\n";
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "ragged.csv", csv);

            assertCompleted(job, 5, 2, 3);
            assertThat(errors(qa, job.id())).extracting(RowError::row, RowError::line, RowError::field, RowError::code, RowError::message)
                    .containsExactly(
                            tuple(2L, 3L, "row", ErrorCodes.MALFORMED_ROW,
                                    "expected 3 fields as in the header but found 2 (a truncated row, or a line break outside quotes?)"),
                            tuple(3L, 4L, "row", ErrorCodes.MALFORMED_ROW,
                                    "expected 3 fields as in the header but found 4 (an unquoted delimiter inside a field?)"),
                            tuple(5L, 6L, "row", ErrorCodes.MALFORMED_ROW,
                                    "expected 3 fields as in the header but found 4 (an unquoted delimiter inside a field?)"));
        }
    }

    @Test
    void aFileWithoutAHeaderFailsListingWhatItTookForColumns() {
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "noheader.csv", "How do I reset my password?,Use the reset link.\nWhere is my order?,Track it online.\n");

            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            assertThat(job.errorMessage()).startsWith("MISSING_COLUMNS: noheader.csv: line 1: no column for ")
                    .contains("Columns found: [\"How do I reset my password?\", \"Use the reset link.\"]").contains("--map ");
            assertThat(job.successCount()).isZero();
        }
    }

    @Test
    void aDuplicatedHeaderFailsAndShowsHowToPickOne() {
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "dup.csv", "question,answer,Question\nQ1?,A1,Q1 again?\n");

            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            assertThat(job.errorMessage()).startsWith("MISSING_COLUMNS: dup.csv: line 1: ").contains("question").contains("--map question=#1");
        }
    }

    @Test
    void blankLinesAreNotRecordsButCountAsLines() {
        String csv = "\n  \nquestion,answer\n\nQ1?,A1\n   \n\"\"\n\r\nQ2?,\n\n\nQ3?,A3\n\n";
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "blank.csv", csv);

            assertCompleted(job, 3, 2, 1);
            assertThat(errors(qa, job.id())).extracting(RowError::row, RowError::line, RowError::field).containsExactly(tuple(2L, 9L, "answer"));
            assertThat(pairs(qa, job.id())).extracting(QAPair::sourceRow, QAPair::question).containsExactly(tuple(1L, "Q1?"), tuple(3L, "Q3?"));
        }
    }

    @Test
    void aSemicolonCsvFromAEuropeanExcelIsDetected() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = utf8("Frage;Antwort;Kategorie\r\nWie viel kostet 1,5 kg?;Das kostet 2,50 €, inkl. MwSt.;Preise\r\n"
                + "\"Geht das; auch so?\";\"Ja, \"\"so\"\" geht es\";Allgemein\r\n");
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "excel.csv", concat(bom, body), ImportOptions.defaults());

            assertCompleted(job, 2, 2, 0);
            assertThat(pairs(qa, job.id())).extracting(QAPair::question, QAPair::answer, QAPair::category).containsExactly(
                    tuple("Wie viel kostet 1,5 kg?", "Das kostet 2,50 €, inkl. MwSt.", "Preise"),
                    tuple("Geht das; auch so?", "Ja, \"so\" geht es", "Allgemein"));
        }
    }

    @Test
    void anExplicitDelimiterReadsAFileWhoseHeaderMisleadsDetection() {
        // Two commas and two semicolons in the header: the tie goes to the comma.
        String csv = "question;answer;notes, remarks, etc\nWie?;So, genau so.;n, r\n";
        try (QaImport qa = qa()) {
            ImportJob detected = run(qa, "misleading.csv", csv);
            assertThat(detected.status()).isEqualTo(JobStatus.FAILED);
            assertThat(detected.errorMessage()).startsWith("MISSING_COLUMNS: misleading.csv: line 1: ");

            ImportJob told = run(qa, "misleading.csv", utf8(csv), ImportOptions.builder().delimiter(';').build());
            assertCompleted(told, 1, 1, 0);
            assertThat(pairs(qa, told.id())).extracting(QAPair::answer).containsExactly("So, genau so.");
        }
    }

    @Test
    void aHeaderOnlyFileIsAnEmptyImport() {
        try (QaImport qa = qa()) {
            assertCompleted(run(qa, "header.csv", "question,answer,category\n"), 0, 0, 0);
            assertCompleted(run(qa, "empty.json", "[]"), 0, 0, 0);
        }
    }

    @Test
    void anEmptyFileFailsSayingSo() {
        try (QaImport qa = qa()) {
            ImportJob csv = run(qa, "empty.csv", "");
            ImportJob blank = run(qa, "blank.csv", "\n \r\n \n\n");
            ImportJob json = run(qa, "empty.json", "");
            ImportJob jsonl = run(qa, "empty.jsonl", "\n\n");

            assertThat(List.of(csv, blank, json, jsonl)).extracting(ImportJob::status).containsOnly(JobStatus.FAILED);
            assertThat(csv.errorMessage()).isEqualTo("MALFORMED_FILE: empty.csv: line 1: the file is empty: expected a header line "
                    + "naming the columns (for example question,answer,category,tags) followed by one record per line");
            assertThat(blank.errorMessage()).startsWith("MALFORMED_FILE: blank.csv: line 1: the file is empty: expected a header line");
            assertThat(json.errorMessage())
                    .isEqualTo("MALFORMED_FILE: empty.json: line 1: the file is empty: expected a JSON array of records or an object holding one");
            assertThat(jsonl.errorMessage()).isEqualTo("MALFORMED_FILE: empty.jsonl: line 1: the file is empty (or holds only blank lines): "
                    + "expected one JSON object per line");
        }
    }

    @Test
    void aTruncatedJsonFileFailsNamingTheLineAndKeepsWhatWasCommitted() {
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 1; i <= 120; i++) {
            json.append("  {\"question\": \"Question ").append(i).append("?\", \"answer\": \"Answer ").append(i).append(".\"},\n");
        }
        json.append("  {\"question\": \"Cut off in the mid");
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "export.json", json.toString());

            assertFailedKeepingCommittedRows(qa, job, 100);
            assertThat(job.errorMessage()).startsWith("MALFORMED_FILE: export.json: line 122, column ")
                    .contains("the JSON ends before the document is complete (is the file truncated?)");
        }
    }

    @Test
    void jsonThatIsNotAnArrayOfRecordsFails() {
        try (QaImport qa = qa()) {
            ImportJob text = run(qa, "text.json", "\"just a string\"");
            ImportJob number = run(qa, "number.json", "42\n");
            ImportJob object = run(qa, "object.json", "{\"title\": \"FAQ\", \"version\": 3, \"authors\": [\"a\", \"b\"]}");

            assertThat(text.errorMessage()).startsWith("MALFORMED_FILE: text.json: line 1");
            assertThat(number.errorMessage()).startsWith("MALFORMED_FILE: number.json: line 1");
            assertThat(object.errorMessage()).startsWith("MISSING_COLUMNS: object.json: ").contains("title").contains("version").contains("authors");
            assertThat(List.of(text, number, object)).extracting(ImportJob::status).containsOnly(JobStatus.FAILED);
        }
    }

    @Test
    void aBadJsonLinesLineIsARowErrorAndTheOtherLinesImport() {
        String jsonl = "{\"question\": \"Q1?\", \"answer\": \"A1\"}\n"
                + "{\"question\": \"Q2?\", \"answer\": \"A2\"}\n"
                + "{\"question\": \"Broken?\", \"answer\": }\n"
                + "\n"
                + "[\"not\", \"an\", \"object\"]\n"
                + "{\"question\": \"Q5?\", \"answer\": \"A5\"}";
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "kb.jsonl", jsonl);

            assertCompleted(job, 5, 3, 2);
            assertThat(errors(qa, job.id())).extracting(RowError::row, RowError::line, RowError::field, RowError::code)
                    .containsExactly(tuple(3L, 3L, "row", ErrorCodes.MALFORMED_ROW), tuple(4L, 5L, "row", ErrorCodes.MALFORMED_ROW));
            assertThat(errors(qa, job.id()).get(0).message()).contains("column");
        }
    }

    // ---------------------------------------------------------------- encodings

    @Test
    void utf16WithAByteOrderMarkImportsInBothByteOrders() {
        String text = "question,answer\nGrüße aus Köln?,Ja — 日本語 🎉 עברית\n";
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
        try (QaImport qa = qa()) {
            for (byte[] bytes : List.of(le, be)) {
                db.clean();
                ImportJob job = run(qa, "utf16.csv", bytes, ImportOptions.defaults());
                assertCompleted(job, 1, 1, 0);
                assertThat(pairs(qa, job.id())).extracting(QAPair::question, QAPair::answer)
                        .containsExactly(tuple("Grüße aus Köln?", "Ja — 日本語 🎉 עברית"));
            }
        }
    }

    @Test
    void windows1252ImportsWhenTheCallerNamesItOrByDetectionWhichTheJobNotes() {
        byte[] bytes = "question,answer\nCafé – was kostet’s?,5 € pro Stück\n".getBytes(CP1252);
        String note = "the file is not UTF-8; read as windows-1252 (confidence medium)";
        try (QaImport qa = qa()) {
            ImportJob named = run(qa, "cp1252.csv", bytes, ImportOptions.builder().encoding(CP1252).build());
            assertCompleted(named, 1, 1, 0);
            assertThat(named.fileNote()).isNull();
            assertThat(pairs(qa, named.id())).extracting(QAPair::question, QAPair::answer)
                    .containsExactly(tuple("Café – was kostet’s?", "5 € pro Stück"));

            db.clean();
            assertThat(qa.dryRun("cp1252.csv", new java.io.ByteArrayInputStream(bytes), ImportOptions.defaults(), 10, e -> { })
                    .fileNote()).isEqualTo(note);
            ImportJob detected = run(qa, "cp1252.csv", bytes, ImportOptions.defaults());
            assertCompleted(detected, 1, 1, 0);
            assertThat(detected.fileNote()).isEqualTo(note);
            assertThat(qa.getJob(detected.id()).orElseThrow().fileNote()).isEqualTo(note);
            assertThat(pairs(qa, detected.id())).extracting(QAPair::answer).containsExactly("5 € pro Stück");
        }
    }

    @Test
    void invalidUtf8ReadStrictlyFailsNamingLineAndByteAndKeepsEarlierRows() {
        byte[] good = utf8(E2e.csv("enc", 120));
        byte[] bad = "Caf\u00e9?,Not UTF-8\n".getBytes(CP1252);
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "latin.csv", concat(good, bad), ImportOptions.builder().detectEncoding(false).build());

            assertFailedKeepingCommittedRows(qa, job, 100);
            // The offset counts from 0: the é is the fourth byte of line 122.
            String offset = String.format(java.util.Locale.ROOT, "%,d", good.length + 3);
            assertThat(job.errorMessage()).startsWith("ENCODING: latin.csv: line 122, byte " + offset + ": the bytes 0xE9")
                    .contains("not valid UTF-8").contains("--encoding windows-1252").contains("detectEncoding");
            assertThat(pairs(qa, job.id())).extracting(QAPair::question).noneMatch(q -> q.contains("\uFFFD"));
        }
    }

    // ---------------------------------------------------------------- column mapping

    @Test
    void columnsNamedInOtherLanguagesAreRecognised() {
        try (QaImport qa = qa()) {
            for (String csv : List.of("Frage;Antwort\nWie geht das?;So.\n", "pregunta,respuesta\n¿Cómo?,Así.\n",
                    "번호,질문,답변\n1,어떻게 하나요?,이렇게요.\n", "title,content\nHow?,Like this.\n")) {
                ImportJob job = run(qa, "lang.csv", csv);
                assertCompleted(job, 1, 1, 0);
            }
            List<String> questions = db.jdbi().withHandle(h -> h.createQuery("SELECT question FROM qa_pairs").mapTo(String.class).list());
            assertThat(questions).containsExactlyInAnyOrder("Wie geht das?", "¿Cómo?", "어떻게 하나요?", "How?");
        }
    }

    @Test
    void explicitMappingsReadAnyColumnAndNestedJsonKeys() {
        try (QaImport qa = qa()) {
            ImportJob csv = run(qa, "kunden.csv", utf8("Nr;Kundenanliegen;Unsere Auskunft;Bereich\n7;Wann liefern Sie?;Morgen.;Versand\n"),
                    ImportOptions.builder().column(Field.QUESTION, "Kundenanliegen").column(Field.ANSWER, "Unsere Auskunft")
                            .column(Field.CATEGORY, "Bereich").build());
            assertCompleted(csv, 1, 1, 0);
            assertThat(pairs(qa, csv.id())).extracting(QAPair::question, QAPair::answer, QAPair::category)
                    .containsExactly(tuple("Wann liefern Sie?", "Morgen.", "Versand"));

            String json = "{\"data\": {\"entries\": [{\"id\": 1, \"q\": {\"de\": \"Wie?\", \"en\": \"How?\"}, \"a\": {\"en\": \"Like so.\"},"
                    + " \"meta\": {\"section\": \"Basics\"}}]}}";
            ImportJob nested = run(qa, "nested.json", utf8(json), ImportOptions.builder().recordsPath("data.entries")
                    .column(Field.QUESTION, "q.en").column(Field.ANSWER, "a.en").column(Field.CATEGORY, "meta.section").build());
            assertCompleted(nested, 1, 1, 0);
            assertThat(pairs(qa, nested.id())).extracting(QAPair::question, QAPair::answer, QAPair::category)
                    .containsExactly(tuple("How?", "Like so.", "Basics"));
        }
    }

    @Test
    void aFileWhoseHeadersMatchNothingFailsListingThemAndShowingTheMapping() {
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "export.csv", "Nr,Anliegen,Auskunft\n1,Wann liefern Sie?,Morgen – meistens vor zehn Uhr.\n");

            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            assertThat(job.errorMessage()).startsWith("MISSING_COLUMNS: export.csv: line 1: no column for question")
                    .contains("Columns found: [\"Nr\", \"Anliegen\", \"Auskunft\"]")
                    .contains("--map question=Anliegen,answer=Auskunft")
                    .contains("ImportOptions.Builder.column(Field.QUESTION, \"Anliegen\").column(Field.ANSWER, \"Auskunft\")");
        }
    }

    // ---------------------------------------------------------------- limits

    @Test
    void anOversizedUploadIsRefusedBeforeAJobExists() {
        try (QaImport qa = qa(Limits.defaults().withMaxFileBytes(1_000))) {
            assertThatThrownBy(() -> qa.startImport("big.csv", utf8(E2e.csv("big", 100)), null))
                    .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED))
                    .hasMessage("big.csv: the file is larger than 1,000 bytes (Limits.maxFileBytes); raise Limits.maxFileBytes / "
                            + "--max-file-size to import it");
            assertThat(qa.recentJobs(10)).isEmpty();
        }
        long chunks = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM import_payload_chunks").mapTo(Long.class).one());
        assertThat(chunks).isZero();
    }

    @Test
    void tooManyRowsFailTheJobAfterImportingTheAllowedOnes() {
        try (QaImport qa = qa(Limits.defaults().withMaxRows(100))) {
            ImportJob job = run(qa, "many.csv", E2e.csv("rows", 150));

            assertFailedKeepingCommittedRows(qa, job, 100);
            assertThat(job.successCount()).isEqualTo(100);
            assertThat(job.errorMessage()).isEqualTo("LIMIT_EXCEEDED: many.csv: line 102: the file has more than 100 records "
                    + "(Limits.maxRows); raise Limits.maxRows / --max-rows to import it");
        }
    }

    @Test
    void anOverlongFieldIsARowErrorAndTheNextRowImports() {
        String csv = "question,answer\nQ1?,A1\nQ2?,\"" + "x".repeat(5_000) + "\"\nQ3?,A3\n";
        try (QaImport qa = qa(Limits.defaults().withMaxFieldChars(1_000))) {
            ImportJob job = run(qa, "long.csv", csv);

            assertCompleted(job, 3, 2, 1);
            RowError error = errors(qa, job.id()).get(0);
            assertThat(error).extracting(RowError::row, RowError::line, RowError::field, RowError::code)
                    .containsExactly(2L, 3L, "answer", ErrorCodes.TOO_LONG);
            assertThat(error.message()).contains("1,000 characters (Limits.maxFieldChars); raise Limits.maxFieldChars / --max-field-chars");
        }
    }

    @Test
    void anOverlongJsonStringIsARowError() {
        String json = "[{\"question\": \"Q1?\", \"answer\": \"" + "y".repeat(5_000) + "\"}, {\"question\": \"Q2?\", \"answer\": \"A2\"}]";
        try (QaImport qa = qa(Limits.defaults().withMaxFieldChars(1_000))) {
            ImportJob job = run(qa, "long.json", json);

            assertCompleted(job, 2, 1, 1);
            assertThat(errors(qa, job.id())).singleElement().satisfies(e -> {
                assertThat(e).extracting(RowError::row, RowError::field, RowError::code).containsExactly(1L, "answer", ErrorCodes.TOO_LONG);
                assertThat(e.message()).contains("Limits.maxFieldChars").contains("--max-field-chars");
            });
        }
    }

    @Test
    void jsonNestedTooDeepFailsAJsonFileAndIsARowErrorInJsonLines() {
        String deep = "{\"x\":".repeat(30) + "1" + "}".repeat(30);
        try (QaImport qa = qa(Limits.defaults().withMaxJsonDepth(10))) {
            ImportJob json = run(qa, "deep.json", "[{\"question\": \"Q1?\", \"answer\": \"A1\"},\n{\"question\": \"Q2?\", \"answer\": \"A2\", \"extra\": "
                    + deep + "}]");
            assertThat(json.status()).isEqualTo(JobStatus.FAILED);
            assertThat(json.errorMessage()).startsWith("LIMIT_EXCEEDED: deep.json: line 2, column ")
                    .contains("(Limits.maxJsonDepth); raise Limits.maxJsonDepth / --max-json-depth to import it");

            // The rows committed before the fatal error stay.
            assertThat(json.successCount()).isEqualTo(1);
            assertThat(store.queries().countPairs(json.id())).isEqualTo(1);

            ImportJob jsonl = run(qa, "deep.jsonl", "{\"question\": \"L1?\", \"answer\": \"A1\"}\n{\"question\": \"L2?\", \"answer\": \"A2\", \"extra\": "
                    + deep + "}\n{\"question\": \"L3?\", \"answer\": \"A3\"}\n");
            assertCompleted(jsonl, 3, 2, 1);
            assertThat(errors(qa, jsonl.id())).singleElement().satisfies(e -> {
                assertThat(e).extracting(RowError::row, RowError::line, RowError::code).containsExactly(2L, 2L, ErrorCodes.MALFORMED_ROW);
                assertThat(e.message()).isEqualTo("nested deeper than 10 levels (Limits.maxJsonDepth); raise Limits.maxJsonDepth / --max-json-depth to import it");
            });
        }
    }

    @Test
    void tooManyColumnsFailInTheHeaderAndAreARowErrorInARecord() {
        String wide = IntStream.rangeClosed(1, 12).mapToObj(i -> "c" + i).collect(Collectors.joining(","));
        try (QaImport qa = qa(Limits.defaults().withMaxColumns(10))) {
            ImportJob header = run(qa, "wide.csv", "question,answer," + wide + "\nQ?,A" + ",x".repeat(12) + "\n");
            assertThat(header.status()).isEqualTo(JobStatus.FAILED);
            assertThat(header.errorMessage()).startsWith("LIMIT_EXCEEDED: wide.csv: line 1: ")
                    .contains("(Limits.maxColumns); raise Limits.maxColumns / --max-columns to import it");

            ImportJob record = run(qa, "record.csv", "question,answer\nQ1?,A1\nQ2?,A2," + wide + "\nQ3?,A3\n");
            assertCompleted(record, 3, 2, 1);
            assertThat(errors(qa, record.id())).singleElement().satisfies(e -> {
                assertThat(e).extracting(RowError::row, RowError::line, RowError::code).containsExactly(2L, 3L, ErrorCodes.MALFORMED_ROW);
                assertThat(e.message()).contains("more than 10 fields (Limits.maxColumns); the header has 2");
            });
        }
    }

    @Test
    void tooManyTagsAreARowError() {
        String tags = IntStream.rangeClosed(1, 25).mapToObj(i -> "tag" + i).collect(Collectors.joining(";"));
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "tags.csv", "question,answer,tags\nQ1?,A1,a;b\nQ2?,A2," + tags + "\n");

            assertCompleted(job, 2, 1, 1);
            assertThat(errors(qa, job.id())).extracting(RowError::row, RowError::field, RowError::code, RowError::message)
                    .containsExactly(tuple(2L, "tags", ErrorCodes.TOO_MANY_TAGS,
                            "25 tags after removing empty and duplicate ones; the limit is 20 (raise Limits.maxTags or --max-tags to keep more)"));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
