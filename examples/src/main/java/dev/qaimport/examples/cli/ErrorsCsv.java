package dev.qaimport.examples.cli;

import dev.qaimport.model.RowError;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The {@code --errors-out} file: every row error (row, line, field, code, message, original
 * question and answer) as CSV, cells neutralized against formula injection. Written as the errors
 * arrive, in constant memory. A write failure does not throw: the import or dry run it reports on
 * has already happened, so the caller first prints its summary and then {@link #problem()}.
 */
final class ErrorsCsv implements AutoCloseable {
    private final Path file;
    private final String shown;
    private CSVPrinter csv;
    private long written;
    private String problem;

    private ErrorsCsv(Path file, String shown) {
        this.file = file;
        this.shown = shown;
    }

    /**
     * Checks before any work starts that the file can be created where it is asked for, so that a
     * mistyped directory fails at once rather than after a long import.
     *
     * @throws UsageException naming the problem
     */
    static void check(Path file, String shown) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException("cannot write --errors-out " + shown + ": the directory " + parent + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new UsageException("cannot write --errors-out " + shown + ": it is a directory");
        }
    }

    /** Creates (or truncates) the file and writes the header; a failure is kept as {@link #problem()}. */
    static ErrorsCsv open(Path file, String shown) {
        ErrorsCsv e = new ErrorsCsv(file, shown);
        try {
            Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            e.csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader("row", "line", "field", "code", "message", "question", "answer").get());
        } catch (IOException ex) {
            e.fail(ex);
        }
        return e;
    }

    void write(RowError e) {
        if (csv == null) {
            return;
        }
        try {
            csv.printRecord(e.row(), e.line(), CsvCells.neutralize(e.field()), CsvCells.neutralize(e.code()),
                    CsvCells.neutralize(e.message()), CsvCells.neutralize(e.question()), CsvCells.neutralize(e.answer()));
            written++;
        } catch (IOException ex) {
            fail(ex);
        }
    }

    /** Errors written so far. */
    long written() {
        return written;
    }

    /** Why the file could not be written completely, as one line, or {@code null}. */
    String problem() {
        return problem;
    }

    private void fail(IOException ex) {
        if (problem == null) {
            problem = "cannot write --errors-out " + shown + " (" + file.toAbsolutePath() + "): " + describe(ex);
        }
        closeQuietly();
    }

    private static String describe(IOException ex) {
        String m = ex.getMessage();
        return ex.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private void closeQuietly() {
        CSVPrinter c = csv;
        csv = null;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // The first failure is the one reported.
            }
        }
    }

    /** Flushes and closes the file; a failure here (a full disk shows at the last flush) is kept as {@link #problem()}. */
    @Override
    public void close() {
        CSVPrinter c = csv;
        csv = null;
        if (c != null) {
            try {
                c.flush();
            } catch (IOException ex) {
                fail(ex);
            }
            try {
                c.close();
            } catch (IOException ex) {
                fail(ex);
            }
        }
    }
}
