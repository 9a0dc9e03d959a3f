package dev.qaimport.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class QuestionKeyTest {

    @Test
    void isTheFirst128BitsOfSha256OfTheNormalizedQuestionInLowerCaseHex() throws Exception {
        String question = "How do I reset my password?";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(QuestionKey.normalize(question).getBytes(StandardCharsets.UTF_8));
        assertThat(QuestionKey.of(question))
                .hasSize(32)
                .matches("[0-9a-f]{32}")
                .isEqualTo(HexFormat.of().formatHex(digest, 0, 16));
    }

    @Test
    void ignoresCaseWhitespaceAndTrailingPunctuation() {
        assertThat(QuestionKey.normalize("  How   do I\tRESET my password ?!? ")).isEqualTo("how do i reset my password");
        assertThat(QuestionKey.of("How do I reset my password?"))
                .isEqualTo(QuestionKey.of("how do i reset my password"))
                .isEqualTo(QuestionKey.of("How do I reset my password..."))
                .isEqualTo(QuestionKey.of("HOW DO I RESET MY PASSWORD？"));
        assertThat(QuestionKey.normalize("¿Cómo pago?")).isEqualTo("cómo pago");
        assertThat(QuestionKey.normalize("كيف أدفع؟")).isEqualTo("كيف أدفع");
        assertThat(QuestionKey.normalize("支払い方法は？")).isEqualTo(QuestionKey.normalize("支払い方法は。"));
    }

    @Test
    void foldsCompatibilityFormsAndFullCase() {
        assertThat(QuestionKey.normalize("ＷｉＦｉ ﬁle ①")).isEqualTo("wifi file 1");
        assertThat(QuestionKey.of("Straße")).isEqualTo(QuestionKey.of("STRASSE"));
        assertThat(QuestionKey.of("ΟΔΟΣ")).isEqualTo(QuestionKey.of("οδος"));
        assertThat(QuestionKey.of("Cafe\u0301")).isEqualTo(QuestionKey.of("CAFÉ"));
    }

    @Test
    void ignoresInvisibleFormatCharactersAndFoldsTypographicPunctuation() {
        assertThat(QuestionKey.of("pass\u00ADword\u200B reset")).isEqualTo(QuestionKey.of("password reset"));
        assertThat(QuestionKey.of("What’s “new” – here")).isEqualTo(QuestionKey.of("What's \"new\" - here"));
        assertThat(QuestionKey.of("«Oui»")).isEqualTo(QuestionKey.of("\"oui\""));
    }

    @Test
    void keepsDifferentQuestionsApart() {
        assertThat(QuestionKey.of("How do I pay?")).isNotEqualTo(QuestionKey.of("How do I pay later?"));
        assertThat(QuestionKey.of("Can I pay, later?")).isNotEqualTo(QuestionKey.of("Can I pay later?"));
        assertThat(QuestionKey.of("résumé")).isNotEqualTo(QuestionKey.of("resume"));
        assertThat(QuestionKey.of("Version 1?")).isNotEqualTo(QuestionKey.of("Version 2?"));
        assertThat(QuestionKey.of("?Why")).isNotEqualTo(QuestionKey.of("Why"));
    }

    @Test
    void givesTheSameKeyOnEveryThread() throws Exception {
        List<String> questions = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            questions.add("Question number " + i + "?");
        }
        List<String> expected = new ArrayList<>();
        for (String q : questions) {
            expected.add(QuestionKey.of(q));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    List<String> keys = new ArrayList<>();
                    for (String q : questions) {
                        keys.add(QuestionKey.of(q));
                    }
                    return keys;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).doesNotHaveDuplicates();
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> QuestionKey.of(null)).isInstanceOf(NullPointerException.class).hasMessage("question");
    }
}
