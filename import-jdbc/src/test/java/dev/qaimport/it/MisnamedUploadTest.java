package dev.qaimport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.SourceType;
import dev.qaimport.payload.FilePayloadStore;
import dev.qaimport.spi.ImportStore;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file whose content is another format than its name says is refused by {@code startImport}, before any job exists. */
class MisnamedUploadTest {
    private static final String PAGE_START = "<!DOCTYPE html>\n<html><head><title>FAQ</title></head><body>\n";
    private static final String HTML_NOT_CSV = "faq.csv: line 1: the file is an HTML page (it starts with <!DOCTYPE html> or <html>), not CSV "
            + "as its name or the format given says; name it .html or pass --format html (ImportOptions.Builder.sourceType(HTML))";
    private static final byte[] ZIP = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};

    @TempDir
    Path dir;
    private final DataSource ds = Fixture.h2();
    private final ImportStore store = Fixture.store(ds);
    private QaImport qa = Fixture.builder(store).build();

    @AfterEach
    void close() {
        qa.close();
    }

    @Test
    void aPageNamedCsvIsRefusedAtOnceAndNoJobIsCreated() {
        ImportException e = refused(() -> qa.startImport("faq.csv", utf8(page(3)), null));

        assertThat(e.code()).isEqualTo(ErrorCodes.UNSUPPORTED_FORMAT);
        assertThat(e).hasMessage(HTML_NOT_CSV);
        assertThat(jobRows()).isZero();
        assertThat(qa.recentJobs(10)).isEmpty();
    }

    @Test
    void aWorkbookFileNamedCsvOrJsonIsRefusedByPathNamingTheFile() throws Exception {
        for (String name : List.of("export.csv", "export.json")) {
            Path file = Files.write(dir.resolve(name), ZIP);

            ImportException e = refused(() -> qa.startImport(file, (SourceType) null));

            assertThat(e.code()).isEqualTo(ErrorCodes.UNSUPPORTED_FORMAT);
            assertThat(e).hasMessageStartingWith(name + ": line 1: the file is a ZIP archive (starts with PK\\3\\4; an Excel .xlsx workbook is one)")
                    .hasMessageEndingWith("; import the workbook as .xlsx, or export the sheet as CSV");
        }
        assertThat(jobRows()).isZero();
    }

    @Test
    void aZipArchiveGivenAsHtmlIsRefusedAndAGivenFormatWinsOverTheName() {
        ImportException zip = refused(() -> qa.startImport("faq.html", new ByteArrayInputStream(ZIP), ImportOptions.defaults()));
        assertThat(zip).hasMessageStartingWith("faq.html: line 1: the file is a ZIP archive").hasMessageContaining("not an HTML page;");

        ImportException page = refused(() -> qa.startImport("page.txt", new ByteArrayInputStream(utf8(page(1))),
                ImportOptions.builder().sourceType(SourceType.JSON).build()));
        assertThat(page).hasMessageStartingWith("page.txt: line 1: the file is an HTML page").hasMessageContaining("not JSON as its name");
        assertThat(jobRows()).isZero();
    }

    @Test
    void onlyTheFirstKibibyteOfARefusedStreamIsRead() {
        Counting in = new Counting(utf8(page(5_000)));

        refused(() -> qa.startImport("faq.csv", in, ImportOptions.defaults()));

        assertThat(in.read).isEqualTo(1024);
        assertThat(jobRows()).isZero();
    }

    @Test
    void aStreamThatCanBeReadOnceLosesNoByteToTheCheck() {
        byte[] csv = utf8(Fixture.csv(200));
        assertThat(csv.length).isGreaterThan(4 * 1024);

        UUID id = qa.startImport("faq.csv", new Counting(csv), ImportOptions.defaults());
        ImportJob job = qa.processImport(id);

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.payloadBytes()).isEqualTo(csv.length);
        assertThat(job.successCount()).isEqualTo(200);
    }

    @Test
    void aPayloadThatBecameAPageAfterSubmissionStillFailsItsJob() throws Exception {
        qa.close();
        Path payloads = Files.createDirectory(dir.resolve("payloads"));
        qa = Fixture.builder(store).payloadStore(FilePayloadStore.create(payloads)).build();
        UUID id = qa.startImport("faq.csv", utf8(Fixture.csv(3)), null);
        try (var files = Files.list(payloads)) {
            Path stored = files.filter(f -> f.getFileName().toString().startsWith(id.toString())).findFirst().orElseThrow();
            Files.writeString(stored, page(3), StandardCharsets.UTF_8);
        }

        ImportJob job = qa.processImport(id);

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.errorMessage()).isEqualTo(ErrorCodes.UNSUPPORTED_FORMAT + ": " + HTML_NOT_CSV);
        assertThat(store.queries().countPairs(id)).isZero();
    }

    private static ImportException refused(Runnable call) {
        ImportException e = catchThrowableOfType(ImportException.class, call::run);
        assertThat(e).as("an ImportException").isNotNull();
        return e;
    }

    /** An FAQ page with {@code n} questions, well over 1 KiB for large {@code n}. */
    private static String page(int n) {
        StringBuilder sb = new StringBuilder(PAGE_START);
        for (int i = 1; i <= n; i++) {
            sb.append("<details><summary>Question ").append(i).append("?</summary><p>Answer ").append(i).append(".</p></details>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private long jobRows() {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM import_jobs")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stream that can be read once (no mark), counting the bytes taken from it. */
    private static final class Counting extends FilterInputStream {
        long read;

        Counting(byte[] content) {
            super(new ByteArrayInputStream(content));
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            read += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
