package dev.qaimport.examples;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Locale;

/**
 * A generated CSV file of question/answer pairs for the process tests, and which of its rows are
 * invalid. Questions are unique within the file and, through {@code tag}, across files. About 2%
 * of the rows are invalid (every 50th has no answer, and a few have no question); every 97th
 * answer is HTML that the sanitizer must clean but keep.
 *
 * @param file    where it was written
 * @param rows    records in it (the header not counted)
 * @param invalid the 1-based numbers of the records the import must reject
 */
record BigCsv(Path file, int rows, BitSet invalid) {
    static BigCsv write(Path file, int rows, String tag) throws IOException {
        BitSet invalid = new BitSet(rows + 1);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("question,answer,category\n");
            for (int i = 1; i <= rows; i++) {
                boolean noAnswer = i % 50 == 0;
                // Never both: a row with two problems gets one row error per problem, and the tests count one per invalid row.
                boolean noQuestion = i % 1999 == 7 && !noAnswer;
                String question = noQuestion ? "" : String.format(Locale.ROOT, "How do I configure option %s-%d of my account?", tag, i);
                String answer;
                if (noAnswer) {
                    answer = "";
                } else if (i % 97 == 0) {
                    answer = "<p>Open <b>Settings</b>, then <a href=\"https://example.com/help/" + i + "\">option " + i
                            + "</a>.<script>alert('x')</script></p>";
                } else {
                    answer = "Open Settings, choose option " + i + " and save; it applies at the next sign-in.";
                }
                if (noAnswer || noQuestion) {
                    invalid.set(i);
                }
                w.write(quote(question) + "," + quote(answer) + ",category " + (i % 7) + "\n");
            }
        }
        return new BigCsv(file, rows, invalid);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    int invalidCount() {
        return invalid.cardinality();
    }

    int validCount() {
        return rows - invalidCount();
    }

    /** The valid rows among the first {@code upTo}. */
    BitSet validUpTo(long upTo) {
        BitSet valid = new BitSet(rows + 1);
        valid.set(1, (int) upTo + 1);
        valid.andNot(invalid);
        return valid;
    }

    /** The invalid rows among the first {@code upTo}. */
    BitSet invalidUpTo(long upTo) {
        BitSet b = (BitSet) invalid.clone();
        b.clear((int) upTo + 1, rows + 1);
        return b;
    }
}
