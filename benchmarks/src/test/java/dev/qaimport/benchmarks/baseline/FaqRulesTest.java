package dev.qaimport.benchmarks.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FaqRulesTest {
    private final FaqRules rules = new FaqRules();

    private Checked check(String question, String answer, String category, String tags) {
        return rules.check(new FaqRow(7, 12, question, answer, category, tags));
    }

    @Test
    void questionsBecomePlainTextAndAnswersKeepTheBasicSafelist() {
        Checked checked = check("  How do I  reset <b>my</b> password &amp; PIN?\u0007 ",
                "<p>Open <a href=\"https://help.example.com/a\" onclick=\"x()\">the guide</a>.</p>\n<script>alert(1)</script><ul><li>one</li></ul>",
                " Account ", "a; b ,c|  |d");

        assertThat(checked).isInstanceOfSatisfying(CleanPair.class, pair -> {
            assertThat(pair.question()).isEqualTo("How do I reset my password & PIN?");
            assertThat(pair.answer()).isEqualTo("<p>Open <a href=\"https://help.example.com/a\" rel=\"nofollow\">the guide</a>.</p> <ul><li>one</li></ul>");
            assertThat(pair.category()).isEqualTo("Account");
            assertThat(pair.tags()).isEqualTo("a;b;c;d");
            assertThat(pair.row()).isEqualTo(7);
        });
    }

    @Test
    void reportsTheFirstBrokenRuleWithRowLineAndLimit() {
        assertThat(check("", "a", "", "")).isEqualTo(new RowProblem(7, 12, "question", "question is required"));
        assertThat(check("<script>x()</script>", "a", "", "")).isEqualTo(new RowProblem(7, 12, "question", "question is required"));
        assertThat(check("q", "   ", "", "")).isEqualTo(new RowProblem(7, 12, "answer", "answer is required"));
        assertThat(check("q".repeat(1_001), "a", "", "")).isEqualTo(new RowProblem(7, 12, "question", "question is longer than 1000 characters: 1001"));
        assertThat(check("q", "a".repeat(20_001), "", "")).isEqualTo(new RowProblem(7, 12, "answer", "answer is longer than 20000 characters: 20001"));
        assertThat(check("q", "a", "c".repeat(201), "")).isEqualTo(new RowProblem(7, 12, "category", "category is longer than 200 characters: 201"));
        assertThat(check("q", "a", "", "t;".repeat(21))).isEqualTo(new RowProblem(7, 12, "tags", "more than 20 tags: 21"));
        assertThat(check("q", "a", "", "ok;" + "t".repeat(51))).isEqualTo(new RowProblem(7, 12, "tags", "tag is longer than 50 characters: 51"));
    }

    @Test
    void limitsAreInclusive() {
        assertThat(check("q".repeat(1_000), "a".repeat(20_000), "c".repeat(200), "t;".repeat(19) + "t".repeat(50)))
                .isInstanceOf(CleanPair.class);
    }

    @Test
    void questionsDifferingInCaseSpacingAndWidthShareAKey() {
        String key = rules.key("How do I reset my password?");
        assertThat(rules.key("how  do i RESET my password?")).isEqualTo(key);
        assertThat(rules.key("ＨＯＷ do I reset my password?")).isEqualTo(key);
        assertThat(rules.key("How do I reset my passwords?")).isNotEqualTo(key);
        assertThat(key).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void absentCategoryAndTagsAreStoredAsNull() {
        assertThat(check("q", "a", " ", " ; ")).isInstanceOfSatisfying(CleanPair.class, pair -> {
            assertThat(pair.category()).isNull();
            assertThat(pair.tags()).isNull();
        });
    }
}
