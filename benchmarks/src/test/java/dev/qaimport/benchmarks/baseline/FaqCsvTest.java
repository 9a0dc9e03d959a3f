package dev.qaimport.benchmarks.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaqCsvTest {
    @TempDir
    Path dir;

    @Test
    void readsQuotedMultiLineFieldsWithRowAndStartingLine() throws Exception {
        Path file = dir.resolve("faq.csv");
        Files.writeString(file, "question,answer,category,tags\n"
                + "Q1,\"line one\nline two, with \"\"quotes\"\"\",Billing,a;b\n"
                + "Q2,plain,,\n"
                + "\"Q3, quoted\",\"x\n\ny\",Account,c\n");

        try (FaqCsv csv = FaqCsv.open(file)) {
            assertThat(csv.next()).isEqualTo(new FaqRow(1, 2, "Q1", "line one\nline two, with \"quotes\"", "Billing", "a;b"));
            assertThat(csv.next()).isEqualTo(new FaqRow(2, 4, "Q2", "plain", "", ""));
            assertThat(csv.next()).isEqualTo(new FaqRow(3, 5, "Q3, quoted", "x\n\ny", "Account", "c"));
            assertThat(csv.next()).isNull();
        }
    }

    @Test
    void categoryAndTagsColumnsAreOptional() throws Exception {
        Path file = dir.resolve("faq.csv");
        Files.writeString(file, "question,answer\nQ,A\n");

        try (FaqCsv csv = FaqCsv.open(file)) {
            assertThat(csv.next()).isEqualTo(new FaqRow(1, 2, "Q", "A", "", ""));
        }
    }
}
