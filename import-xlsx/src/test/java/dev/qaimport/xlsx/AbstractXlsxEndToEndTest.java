package dev.qaimport.xlsx;

import static dev.qaimport.xlsx.TestWorkbooks.row;
import static dev.qaimport.xlsx.TestWorkbooks.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.qaimport.AnswerFormat;
import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.SchemaInstaller;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.RowError;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Workbooks imported through {@link QaImport}, run once per database by a subclass. The class gets
 * a database (or schema) of its own with the schema installed once; every test starts from empty
 * tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractXlsxEndToEndTest {
    private TestDatabase db;
    private JdbcImportStore store;
    private QaImport qa;

    /** A fresh database (or schema) for this class. */
    protected abstract TestDatabase openDatabase();

    @BeforeAll
    void openStore() {
        db = openDatabase();
        SchemaInstaller.install(db.dataSource());
        store = JdbcImportStore.create(db.dataSource());
    }

    @AfterAll
    void closeStore() {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void open() {
        db.clean();
        qa = QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).batchSize(2)
                .sheetReader(XlsxSheetReader.create()).build();
    }

    @AfterEach
    void close() {
        if (qa != null) {
            qa.close();
        }
    }

    private ImportJob run(String filename, byte[] content, ImportOptions options) {
        UUID id = qa.startImport(filename, new ByteArrayInputStream(content), options);
        return qa.processImport(id);
    }

    @Test
    void importsTheLibreOfficeWorkbookInCommittedBatches() {
        ImportJob job = run("features.xlsx", XlsxReaderTest.resource("libreoffice-features.xlsx"),
                ImportOptions.builder().answerFormat(AnswerFormat.PLAIN_TEXT).build());

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.totalRows()).isEqualTo(5);
        assertThat(job.successCount()).isEqualTo(5);
        List<QAPair> pairs = qa.getPairs(job.id(), 0, 100);
        assertThat(pairs).extracting(QAPair::sourceRow, QAPair::question, QAPair::answer, QAPair::category).containsExactly(
                tuple(1L, "How much is the basic plan?", "It costs 9.99 a month.", "Billing"),
                tuple(2L, "Can I share my account?", "No, accounts are personal.", "Accounts"),
                tuple(3L, "Is this row hidden?", "Yes, but it is still data.", null),
                tuple(4L, "What share is refunded?", "50%", "Billing"),
                tuple(5L, "When was it released?", "2024-03-15", "News"));
        assertThat(pairs.get(0).tags()).containsExactly("price", "plans");
    }

    @Test
    void rowErrorsCarryTheSpreadsheetRowAsTheirLine() {
        byte[] wb = new TestWorkbooks().sheet("Sheet1", row(1, text("A1", "question"), text("B1", "answer"))
                + row(3, text("A3", "Fine?"), text("B3", "Yes."))
                + row(17, text("B17", "An answer without a question"))).bytes();
        ImportJob job = run("gaps.xlsx", wb, ImportOptions.defaults());

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.successCount()).isEqualTo(1);
        List<RowError> errors = qa.getErrors(job.id(), 0, 100);
        assertThat(errors).extracting(RowError::row, RowError::line, RowError::field).containsExactly(tuple(2L, 17L, "question"));
    }

    @Test
    void validationErrorsNameTheCellOfTheirField() {
        String longAnswer = "x".repeat(20_001);
        byte[] wb = new TestWorkbooks().sheet("Sheet1", row(1, text("A1", "question"), text("B1", "answer"), text("C1", "tags"))
                + row(2, text("A2", "Fine?"), text("B2", "Yes."))
                + row(3, text("B3", "An answer without a question"), text("C3", "a, b"))
                + row(4, text("A4", "Long?"), text("B4", longAnswer))).bytes();
        ImportJob job = run("cells.xlsx", wb, ImportOptions.defaults());

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.successCount()).isEqualTo(1);
        String tooLong = "Sheet1!B4: answer is 20001 characters long; the limit is 20000 (raise Limits.maxAnswerLength to allow longer values)";
        assertThat(qa.getErrors(job.id(), 0, 100)).extracting(RowError::row, RowError::line, RowError::field, RowError::message).containsExactly(
                tuple(2L, 3L, "question", "Sheet1!A3: question is empty"),
                tuple(3L, 4L, "answer", tooLong));

        var report = qa.dryRun("cells.xlsx", new ByteArrayInputStream(wb), ImportOptions.defaults(), 10, e -> { });
        assertThat(report.errors()).extracting(RowError::message).containsExactly("Sheet1!A3: question is empty", tooLong);
    }

    @Test
    void aLegacyXlsNamedAsSuchFailsSayingToSaveItAsXlsx() {
        ImportJob job = run("old.xls", XlsxReaderTest.resource("libreoffice-legacy.xls"), ImportOptions.defaults());

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.errorMessage()).startsWith(ErrorCodes.UNSUPPORTED_FORMAT
                + ": old.xls: the file is a legacy Excel 97-2003 workbook (.xls), not .xlsx; save it as .xlsx (or as CSV)");
        var report = qa.dryRun("old.xls", new ByteArrayInputStream(XlsxReaderTest.resource("libreoffice-legacy.xls")),
                ImportOptions.defaults(), 10, e -> { });
        assertThat(report.fatalError()).contains("legacy Excel 97-2003 workbook (.xls)");
    }

    @Test
    void aHostileWorkbookFailsTheJobWithNothingImported() {
        byte[] bomb = new TestWorkbooks().sheet("Sheet1", row(1, text("A1", "question"), text("B1", "answer"))
                + row(2, text("A2", "q?"), text("B2", "a.")) + " ".repeat(20 << 20)).bytes();
        ImportJob job = run("bomb.xlsx", bomb, ImportOptions.defaults());

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.errorMessage()).contains(ErrorCodes.LIMIT_EXCEEDED, "refused as a zip bomb");
        assertThat(job.successCount()).isZero();
        assertThat(qa.getPairs(job.id(), 0, 100)).isEmpty();
    }

    @Test
    void withoutASheetReaderAWorkbookFailsSayingWhatToAdd() {
        try (QaImport plain = QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).build()) {
            UUID id = plain.startImport("x.xlsx", new ByteArrayInputStream(XlsxReaderTest.resource("libreoffice-features.xlsx")),
                    ImportOptions.defaults());
            ImportJob job = plain.processImport(id);
            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            assertThat(job.errorMessage()).contains("needs the import-xlsx module", "sheetReader(XlsxSheetReader.create())");
        }
    }
}
