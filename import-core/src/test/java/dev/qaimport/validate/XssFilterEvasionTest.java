package dev.qaimport.validate;

import static dev.qaimport.testing.MarkupAssertions.assertNoMarkup;
import static dev.qaimport.testing.MarkupAssertions.assertSafeHtml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.AnswerFormat;
import dev.qaimport.testing.XssPayloads;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sanitizer against filter-evasion payloads ({@link XssPayloads}): whatever the payload, a
 * stored answer in either format must hold nothing that can run script, and a stored question,
 * category or tag must hold no markup at all. import-jdbc's end-to-end tests send the same
 * payloads through the whole import.
 */
class XssFilterEvasionTest {
    private static final Sanitizer HTML = new Sanitizer(AnswerFormat.BASIC_HTML);
    private static final Sanitizer PLAIN = new Sanitizer(AnswerFormat.PLAIN_TEXT);

    /** Each payload as {@code (name, payload)}: the list in {@link XssPayloads}. */
    static Stream<Arguments> payloads() {
        return XssPayloads.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void htmlAnswersHoldOnlyAllowedMarkup(String name, String payload) {
        String answer = HTML.answer(payload);
        assertSafeHtml(answer);
        assertThat(HTML.answer(answer)).as("sanitizing again changes nothing").isEqualTo(answer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void plainTextValuesHoldNoMarkup(String name, String payload) {
        assertNoMarkup(PLAIN.answer(payload));
        assertNoMarkup(HTML.question(payload));
        assertNoMarkup(HTML.label(payload));
        assertNoMarkup(Sanitizer.plainText(HTML.answer(payload)));
        assertThat(HTML.question(payload)).doesNotContain("\u202E");
    }

    @Test
    void keepsTheHarmlessPartsOfHostileMarkup() {
        assertThat(HTML.answer("<p onclick=alert(1)>x</p>")).isEqualTo("<p>x</p>");
        assertThat(HTML.answer("<a href=\"https://ok.example\" onclick=\"alert(1)\" target=_blank>ok</a>"))
                .isEqualTo("<a href=\"https://ok.example\" rel=\"nofollow noopener noreferrer\">ok</a>");
        assertThat(HTML.answer("<a href=\"jav&#x09;ascript:alert(1)\">x</a>")).isEqualTo("x");
        assertThat(HTML.answer("<IMG SRC=x ONERROR=alert(1)>caption")).isEqualTo("caption");
        assertThat(HTML.answer("<script>alert(1)</script>Answer")).isEqualTo("Answer");
        assertThat(HTML.answer("<scr<script>ipt>alert(1)</scr</script>ipt>")).isEqualTo("ipt&gt;alert(1)ipt&gt;");
        assertThat(HTML.answer("&lt;script&gt;alert(1)&lt;/script&gt;")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(HTML.question("&lt;script&gt;alert(1)&lt;/script&gt;")).isEqualTo("< script>alert(1)< /script>");
        assertThat(HTML.answer("<svg><style><img src=x onerror=alert(1)></style></svg>after")).isEqualTo("after");
        assertThat(HTML.answer("<a href=\"https://ok.example/?q=<script>\">x</a>"))
                .isEqualTo("<a href=\"https://ok.example/?q=&lt;script&gt;\" rel=\"nofollow noopener noreferrer\">x</a>");
    }
}
