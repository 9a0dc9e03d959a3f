package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file whose content is another format than its name says is refused before a job is stored, as an input error. */
class CliMisnamedFileTest {
    private static final String PAGE = "<!DOCTYPE html>\n<html><head><title>FAQ</title></head><body>\n"
            + "<details><summary>Can I change my order?</summary><p>Yes, within one hour.</p></details>\n</body></html>\n";
    private static final String PAGE_NOT_CSV = "line 1: the file is an HTML page (it starts with <!DOCTYPE html> or <html>), not CSV as its "
            + "name or the format given says; name it .html or pass --format html (ImportOptions.Builder.sourceType(HTML))";

    @TempDir
    Path dir;
    private Cli cli;
    private String url;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir);
        url = "jdbc:h2:mem:misnamed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void importRefusesAPageNamedCsvWithOneLineOnStandardErrorAndNoJob() throws Exception {
        write("help.csv", PAGE);

        Cli.Result r = cli.run("import", "help.csv", "--db", url, "--embeddings", "none");

        assertThat(r.status()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).isEqualTo("qa-import: help.csv: " + PAGE_NOT_CSV + "\n");
        assertThat(r.out()).isEmpty();
        assertThat(jobs()).isZero();
    }

    @Test
    void importRefusesAWorkbookNamedCsvSayingWhatToDo() throws Exception {
        Files.copy(Cli.sample("faq-sample.xlsx"), dir.resolve("faq.csv"));

        Cli.Result r = cli.run("import", "faq.csv", "--db", url, "--embeddings", "none", "--json");

        assertThat(r.status()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip()).as(r.toString()).doesNotContain("\n", "\tat ", "Exception")
                .isEqualTo("qa-import: faq.csv: line 1: the file is a ZIP archive (starts with PK\\3\\4; an Excel .xlsx workbook is one), "
                        + "not CSV as its name or the format given says; import the workbook as .xlsx, or export the sheet as CSV");
        assertThat(r.out()).isEmpty();
        assertThat(jobs()).isZero();
    }

    @Test
    void submitStoresTheFilesBeforeTheMisnamedOneAndSaysSo() throws Exception {
        write("good.csv", "question,answer\nHow do I pay?,By card.\n");
        write("page.csv", PAGE);

        Cli.Result r = cli.run("submit", "good.csv", "page.csv", "--db", url);

        assertThat(r.status()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip().lines().reduce((a, b) -> b).orElseThrow()).as(r.toString())
                .isEqualTo("qa-import: page.csv: " + PAGE_NOT_CSV + " (the 1 file before it was submitted; its job id is on standard output)");
        assertThat(r.err()).doesNotContain("\tat ", "Exception");
        assertThat(UUID.fromString(r.out().strip())).isNotNull();
        assertThat(jobs()).isOne();
    }

    @Test
    void aDryRunReportsTheFormatAsItsFatalErrorAndCreatesNothing() throws Exception {
        write("help.csv", PAGE);

        Cli.Result r = cli.run("import", "help.csv", "--db", url, "--dry-run");

        assertThat(r.status()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("UNSUPPORTED_FORMAT", "help.csv: " + PAGE_NOT_CSV);
        assertThat(r.err()).doesNotContain("\tat ", "Exception");
    }

    /** Jobs stored in the test's database; none when the command did not even create the tables. */
    private long jobs() throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement();
                ResultSet tables = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'IMPORT_JOBS'")) {
            tables.next();
            if (tables.getLong(1) == 0) {
                return 0;
            }
        }
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM import_jobs")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
