package dev.qaimport.benchmarks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.benchmarks.baseline.Checked;
import dev.qaimport.benchmarks.baseline.CleanPair;
import dev.qaimport.benchmarks.baseline.FaqCsv;
import dev.qaimport.benchmarks.baseline.FaqRow;
import dev.qaimport.benchmarks.baseline.FaqRules;
import dev.qaimport.benchmarks.baseline.RowProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaqGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void sameSpecWritesTheSameBytesAndAnotherSeedDoesNot() throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Path c = dir.resolve("c.csv");
        FaqGenerator.standard(1_000).write(a);
        FaqGenerator.standard(1_000).write(b);
        new FaqGenerator(1_000, 7, 0.02, 0.01).write(c);

        assertThat(Files.mismatch(a, b)).isEqualTo(-1);
        assertThat(Files.mismatch(a, c)).isNotEqualTo(-1);
    }

    @Test
    void invalidAndDuplicateRowsAreExactlyWhatTheRulesFind() {
        FaqGenerator.Summary summary = FaqGenerator.standard(2_500).write(dir.resolve("faq.csv"));
        FaqRules rules = new FaqRules();
        Set<String> keys = new HashSet<>();
        Set<String> fields = new HashSet<>();
        long rows = 0;
        long invalid = 0;
        long duplicates = 0;
        try (FaqCsv csv = FaqCsv.open(summary.file())) {
            for (FaqRow row = csv.next(); row != null; row = csv.next()) {
                rows++;
                Checked checked = rules.check(row);
                if (checked instanceof CleanPair pair) {
                    duplicates += keys.add(pair.questionKey()) ? 0 : 1;
                } else if (checked instanceof RowProblem problem) {
                    fields.add(problem.field());
                    invalid++;
                }
            }
        }

        assertThat(rows).isEqualTo(2_500);
        assertThat(invalid).isEqualTo(summary.invalidRows()).isBetween(30L, 75L);
        assertThat(duplicates).isEqualTo(summary.duplicateRows()).isBetween(10L, 45L);
        assertThat(summary.validRows()).isEqualTo(2_500 - invalid - duplicates);
        assertThat(fields).containsExactlyInAnyOrder("question", "answer", "category", "tags");
        assertThat(summary.invalidByKind()).hasSize(FaqGenerator.Invalid.values().length).allSatisfy(n -> assertThat(n).isPositive());
    }

    @Test
    void answersLookLikeAKnowledgeBaseExport() {
        FaqGenerator.Summary summary = FaqGenerator.standard(2_000).write(dir.resolve("faq.csv"));
        List<FaqRow> rows = new ArrayList<>();
        try (FaqCsv csv = FaqCsv.open(summary.file())) {
            for (FaqRow row = csv.next(); row != null; row = csv.next()) {
                rows.add(row);
            }
        }

        long html = rows.stream().filter(r -> r.answer().contains("<p>")).count();
        assertThat(html).isBetween(300L, 500L);
        assertThat(rows).anyMatch(r -> r.answer().contains("<ul><li>"))
                .anyMatch(r -> r.answer().contains("<a href=\"https://help.example.com/"))
                .anyMatch(r -> r.answer().contains("<script>") || r.answer().contains("onerror="))
                .anyMatch(r -> r.answer().contains("\n\n") && !r.answer().contains("<p>"))
                .anyMatch(r -> r.question().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN))
                .anyMatch(r -> r.question().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC))
                .anyMatch(r -> r.tags().contains("|"));
        assertThat(rows.stream().mapToInt(r -> r.answer().length()).max().orElse(0)).isGreaterThan(3_000);
        assertThat(rows.stream().mapToInt(r -> r.answer().length()).min().orElse(0)).isLessThan(100);
        assertThat((double) summary.bytes() / summary.rows()).isBetween(600.0, 1_100.0);
    }

    @Test
    void cleanFileHoldsOnlyValidDistinctRows() {
        FaqGenerator.Summary summary = FaqGenerator.clean(500).write(dir.resolve("clean.csv"));
        FaqRules rules = new FaqRules();
        Set<String> keys = new HashSet<>();
        try (FaqCsv csv = FaqCsv.open(summary.file())) {
            for (FaqRow row = csv.next(); row != null; row = csv.next()) {
                assertThat(rules.check(row)).isInstanceOfSatisfying(CleanPair.class, p -> assertThat(keys.add(p.questionKey())).isTrue());
            }
        }
        assertThat(summary.validRows()).isEqualTo(500);
        assertThat(keys).hasSize(500);
    }

    @Test
    void rejectsImpossibleSpecsNamingTheParameter() {
        assertThatThrownBy(() -> new FaqGenerator(-1, 1, 0, 0)).hasMessage("rows < 0: -1");
        assertThatThrownBy(() -> new FaqGenerator(1, 1, 1.5, 0)).hasMessage("invalidShare not in [0, 1]: 1.5");
        assertThatThrownBy(() -> new FaqGenerator(1, 1, 0.5, 0.6)).hasMessage("duplicateShare not in [0, 1 - invalidShare]: 0.6");
    }
}
