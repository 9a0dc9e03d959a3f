package dev.qaimport.validate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.testing.Gen;
import dev.qaimport.testing.Property;
import dev.qaimport.validate.QuestionKey;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuestionKeyPropertyTest {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿαβγδεζηθικλμνξοπρστυφχψωабвгдежзийклмнопрстуфхцчшщъыьэюя -,";

    private static String question(Random r) {
        int n = r.nextInt(41);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(LETTERS.charAt(r.nextInt(LETTERS.length())));
        }
        return sb.toString();
    }

    @Test
    void ignoresCaseSpacingAndTrailingQuestionMarks() {
        Property.forAll(500, QuestionKeyPropertyTest::question, question -> {
            String shouted = "  " + question.toUpperCase(Locale.ROOT).replace(" ", " \t ") + " ?? ";
            assertThat(QuestionKey.of(shouted)).isEqualTo(QuestionKey.of(question));
        });
    }

    @Test
    void isAlways32LowerCaseHexDigits() {
        Property.forAll(500, r -> Gen.text(r, 40), question -> assertThat(QuestionKey.of(question)).matches("[0-9a-f]{32}"));
    }
}
