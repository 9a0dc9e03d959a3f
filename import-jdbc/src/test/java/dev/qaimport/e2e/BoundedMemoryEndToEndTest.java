package dev.qaimport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays bounded through the whole import, not only in the parser: a child JVM with a
 * 96 MB heap imports, through {@code QaImport} into an H2 file database, files with a single
 * 10 MB field and a 200 MB file of about 100,000 rows. The files are written to disk here and
 * deleted with the temporary directory. The heaviest test of the suite: about 25 seconds.
 */
class BoundedMemoryEndToEndTest {
    private static final long MB = 1024 * 1024;
    private static final String HEAP = "-Xmx96m";

    @Test
    void tenMegabyteFieldsAndATwoHundredMegabyteFileImportInA96MegabyteHeap(@TempDir Path dir) throws Exception {
        Path csvField = dir.resolve("field.csv");
        try (Writer w = writer(csvField)) {
            w.write("question,answer\nQ1?,A1\nQ2?,\"");
            repeat(w, "0123456789 \"\"quoted\"\" ", 10 * MB);
            w.write("\"\nQ3?,A3\n");
        }
        Path jsonField = dir.resolve("field.json");
        try (Writer w = writer(jsonField)) {
            w.write("[{\"question\": \"J1?\", \"answer\": \"A1\"},\n {\"question\": \"J2?\", \"answer\": \"");
            repeat(w, "0123456789 \\\"quoted\\\" \\u00e9 ", 10 * MB);
            w.write("\"},\n {\"question\": \"J3?\", \"answer\": \"A3\"}]\n");
        }
        Path big = dir.resolve("big.csv");
        long rows = writeBigCsv(big, 200 * MB);

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), BoundedMemoryImportMain.class.getName(), dir.resolve("work").toString(),
                csvField + ":3:2:1", jsonField + ":3:2:1", big + ":" + rows + ":" + rows + ":0"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = child.waitFor(150, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(finished).as("finished in time; output so far:%n%s", out).isTrue();
        assertThat(child.exitValue()).as("exit code (3 = out of memory); output:%n%s", out).isZero();
        assertThat(out).contains("OK field.csv 10 MB: COMPLETED, 3 rows, 2 stored, 1 errors [row 2 (line 3), answer: the answer "
                + "(column \"answer\") is longer than 1,000,000 characters (Limits.maxFieldChars)");
        assertThat(out).contains("OK field.json 10 MB: COMPLETED, 3 rows, 2 stored, 1 errors [row 2 (line 2), answer: the answer "
                + "(key \"answer\") is longer than 1,000,000 characters (Limits.maxFieldChars)");
        assertThat(out).contains("OK big.csv 200 MB: COMPLETED, " + rows + " rows, " + rows + " stored, 0 errors []");
        assertThat(out).doesNotContain("FAIL").contains("of 92 MB");
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }

    private static void repeat(Writer w, String unit, long chars) throws IOException {
        for (long n = 0; n < chars; n += unit.length()) {
            w.write(unit);
        }
    }

    /** Rows with answers of about 2 KB (quotes, commas and a line break inside), up to {@code bytes}; returns the row count. */
    private static long writeBigCsv(Path file, long bytes) throws IOException {
        String sentence = "Open the settings page, choose the feature, and follow the steps shown; if it does not work, "
                + "\"\"restart\"\" the app and try again.\n";
        String answer = sentence.repeat(14);
        long rows = 0;
        long size = 0;
        try (Writer w = writer(file)) {
            String header = "question,answer,category,tags\n";
            w.write(header);
            size += header.length();
            while (size < bytes) {
                rows++;
                String row = "How do I configure feature " + rows + " for team " + rows % 97 + "?,\"" + answer + "x".repeat((int) (rows % 100))
                        + "\",Category " + rows % 13 + ",tag" + rows % 13 + ";setup\n";
                w.write(row);
                size += row.length();
            }
        }
        return rows;
    }
}
