package dev.qaimport.validate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.validate.QuestionKey;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

class QuestionKeyPropertyTest {

    @Property(tries = 500)
    void ignoresCaseSpacingAndTrailingQuestionMarks(
            @ForAll @StringLength(max = 40) @CharRange(from = 'a', to = 'z') @CharRange(from = 'à', to = 'ÿ')
            @CharRange(from = 'α', to = 'ω') @CharRange(from = 'а', to = 'я') @Chars({' ', '-', ','}) String question) {
        String shouted = "  " + question.toUpperCase(Locale.ROOT).replace(" ", " \t ") + " ?? ";
        assertThat(QuestionKey.of(shouted)).isEqualTo(QuestionKey.of(question));
    }

    @Property(tries = 500)
    void isAlways32LowerCaseHexDigits(@ForAll String question) {
        assertThat(QuestionKey.of(question)).matches("[0-9a-f]{32}");
    }
}
