package dev.qaimport.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.testing.MarkupAssertions;
import dev.qaimport.AnswerFormat;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SanitizerTest {
    private final Sanitizer html = new Sanitizer(AnswerFormat.BASIC_HTML);
    private final Sanitizer plain = new Sanitizer(AnswerFormat.PLAIN_TEXT);

    @Test
    void stripsHtmlFromQuestions() {
        assertThat(html.question("<p>How do I <b>reset</b> my <a href=\"https://example.com\">password</a>?</p>"))
                .isEqualTo("How do I reset my password?");
        assertThat(html.question("<script>alert(1)</script>Is it <i>safe</i>?<style>p{}</style>")).isEqualTo("Is it safe?");
        assertThat(html.question("Line<br>break<p>and paragraph</p>")).isEqualTo("Line break and paragraph");
    }

    @Test
    void stripsHtmlFromCategoriesAndTags() {
        assertThat(html.label(" <b>Billing</b>\n")).isEqualTo("Billing");
        assertThat(html.label("<img src=x onerror=alert(1)>")).isEmpty();
    }

    @Test
    void decodesEntitiesOnce() {
        assertThat(html.question("&amp;lt;b&amp;gt;")).isEqualTo("&lt;b&gt;");
        assertThat(html.question("Tom &amp; Jerry")).isEqualTo("Tom & Jerry");
        assertThat(html.question("caf&eacute; &#169; &#x263A;")).isEqualTo("café © ☺");
        assertThat(plain.answer("Tom &amp;amp; Jerry")).isEqualTo("Tom &amp; Jerry");
        assertThat(html.answer("Tom &amp; Jerry")).isEqualTo("Tom &amp; Jerry");
        assertThat(Sanitizer.plainText(html.answer("Tom &amp; Jerry"))).isEqualTo("Tom & Jerry");
        assertThat(html.answer("&amp;lt;b&amp;gt;")).isEqualTo("&amp;lt;b&amp;gt;");
        assertThat(Sanitizer.plainText(html.answer("&amp;lt;b&amp;gt;"))).isEqualTo("&lt;b&gt;");
    }

    @Test
    void keepsLoneAmpersandsAndLessThanSigns() {
        assertThat(html.question("Q&A: is 3 < 5?")).isEqualTo("Q&A: is 3 < 5?");
        assertThat(html.answer("Q&A: 3 < 5 > 2")).isEqualTo("Q&amp;A: 3 &lt; 5 &gt; 2");
    }

    @Test
    void collapsesWhitespace() {
        assertThat(html.question("  What \t is\r\n\n this\u00A0\u3000thing?  ")).isEqualTo("What is this thing?");
        assertThat(plain.answer("  First line   \t with gaps  \r\n  second line\n\n\n\n\nafter a gap  "))
                .isEqualTo("First line with gaps\nsecond line\n\nafter a gap");
        assertThat(html.answer("  First line \n\n\n\n second   line ")).isEqualTo("First line\n\nsecond line");
    }

    @Test
    void removesControlCharacters() {
        String nasty = "a\u0000b\u0007c\u001Bd\u007Fe\u0080f\u009Fg\uD800h\uFFFEi\uFFFFj\uFEFFk\uFDD0l";
        assertThat(html.question(nasty)).isEqualTo("abcdefghijkl");
        assertThat(plain.answer(nasty)).isEqualTo("abcdefghijkl");
        assertThat(html.answer(nasty)).isEqualTo("abcdefghijkl");
        // Entities must not smuggle them back in.
        assertThat(html.question("x&#1;y&#x202E;z&#127;")).isEqualTo("xyz");
    }

    @Test
    void removesBidiOverridesThatCouldSpoofText() {
        String trojan = "access\u202E\u2066 // admin only\u2069\u2066level";
        assertThat(html.question(trojan)).isEqualTo("access // admin onlylevel");
        assertThat(html.answer("<p>\u202Dfile\u202Cexe</p>")).isEqualTo("<p>fileexe</p>");
    }

    @Test
    void keepsEmojiAndCombiningMarks() {
        String family = "👨\u200D👩\u200D👧";
        String flag = "🇩🇪";
        String skinTone = "👍🏽";
        String heartWithSelector = "❤\uFE0F";
        String hindi = "क्\u200Dष";
        String persian = "می\u200Cخواهم";
        String vietnamese = "Tiếng Việt";
        String value = family + " " + flag + " " + skinTone + " " + heartWithSelector + " " + hindi + " " + persian + " " + vietnamese;
        assertThat(html.question(value)).isEqualTo(value);
        assertThat(plain.answer(value)).isEqualTo(value);
        assertThat(html.answer(value)).isEqualTo(value);
        assertThat(html.question("q\u0307\u0323")).isEqualTo(Normalizer.normalize("q\u0307\u0323", Normalizer.Form.NFC));
    }

    @Test
    void normalizesToNfc() {
        assertThat(html.question("Cafe\u0301 \u212B")).isEqualTo("Café Å");
        assertThat(html.answer("<b>e\u0301</b>")).isEqualTo("<b>é</b>");
        assertThat(html.question("e&#x301;")).isEqualTo("é");
    }

    @Test
    void keepsSafeLinksInAnswers() {
        assertThat(html.answer("See <a href=\"https://example.com/help?a=1&amp;b=2\" title=\"t\" target=\"_blank\">help</a>."))
                .isEqualTo("See <a href=\"https://example.com/help?a=1&amp;b=2\" rel=\"nofollow noopener noreferrer\">help</a>.");
        assertThat(html.answer("<a href='mailto:support@example.com'>mail us</a>"))
                .isEqualTo("<a href=\"mailto:support@example.com\" rel=\"nofollow noopener noreferrer\">mail us</a>");
        assertThat(html.answer("<a href=\"HTTP://Example.com/A\">x</a>"))
                .isEqualTo("<a href=\"http://Example.com/A\" rel=\"nofollow noopener noreferrer\">x</a>");
    }

    @Test
    void unwrapsUnsafeAndRelativeLinksKeepingTheirText() {
        assertThat(html.answer("<a href=\"javascript:alert(1)\">click</a>")).isEqualTo("click");
        assertThat(html.answer("<a href=\"/account/settings\">settings</a> and <a href=\"#faq\">faq</a>")).isEqualTo("settings and faq");
        assertThat(html.answer("<a href=\"//evil.example/x\">x</a>")).isEqualTo("x");
        assertThat(html.answer("<a name=\"anchor\">here</a>")).isEqualTo("here");
        assertThat(html.answer("<a href=\"ftp://example.com/f\">file</a>")).isEqualTo("file");
    }

    @Test
    void keepsBasicFormattingInAnswers() {
        String answer = "<p>Intro <b>bold</b> <strong>strong</strong> <i>i</i> <em>em</em> <u>u</u> <code>x()</code></p>"
                + "<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol><blockquote>quote</blockquote><pre>a\n  b</pre>line<br>next";
        assertThat(html.answer(answer)).isEqualTo(answer);
    }

    @Test
    void removesDisallowedElementsButKeepsTheirText() {
        assertThat(html.answer("<div class=\"x\"><span style=\"color:red\">red</span> <h1>Title</h1><table><tr><td>cell</td></tr></table></div>"))
                .isEqualTo("red Title<br>cell");
        assertThat(html.answer("<div>first</div><div>second</div>")).isEqualTo("first<br>second");
        assertThat(html.answer("<p style=\"color:red\" class=\"c\" id=\"i\" onclick=\"alert(1)\">x</p>")).isEqualTo("<p>x</p>");
    }

    @Test
    void dropsScriptsStylesAndEmbeddedContentWithTheirContent() {
        assertThat(html.answer("a<script>alert(1)</script><style>b{}</style><iframe>frame</iframe><textarea>t</textarea>"
                + "<svg><text>svg</text></svg><math><mi>x</mi></math><noscript>ns</noscript><template>tp</template>z"))
                .isEqualTo("az");
    }

    @Test
    void keepsLineBreaksOfPlainAnswersInHtmlFormat() {
        String koreanStyle = "주문은 다음과 같이 합니다.\n1. 로그인\n2. 장바구니\n\n감사합니다.";
        assertThat(html.answer(koreanStyle)).isEqualTo(koreanStyle);
        assertThat(Sanitizer.plainText(html.answer(koreanStyle))).isEqualTo(koreanStyle);
    }

    @Test
    void keepsWhitespaceInsidePre() {
        assertThat(html.answer("<pre>for x:\n\tprint(x)\n\n\n    done</pre>")).isEqualTo("<pre>for x:\n\tprint(x)\n\n\n    done</pre>");
    }

    @Test
    void escapesGreaterThanInHtmlAnswersWhetherOrNotTheyHoldMarkup() {
        assertThat(html.answer("a > b")).isEqualTo("a &gt; b");
        assertThat(html.answer("<b>a > b</b>")).isEqualTo("<b>a &gt; b</b>");
    }

    @Test
    void turnsMarkupIntoLinesInPlainTextAnswers() {
        assertThat(plain.answer("<p>First paragraph.</p><p>Second<br>line two</p><ul><li>one</li><li>two</li></ul>done"))
                .isEqualTo("First paragraph.\n\nSecond\nline two\n\none\ntwo\ndone");
    }

    @Test
    void showsSafeLinkTargetsInPlainTextAnswers() {
        assertThat(plain.answer("Read <a href=\"https://example.com/guide\">the guide</a> or <a href=\"mailto:help@example.com\">mail us</a>."))
                .isEqualTo("Read the guide (https://example.com/guide) or mail us (help@example.com).");
        assertThat(plain.answer("<a href=\"https://example.com\">https://example.com</a>")).isEqualTo("https://example.com");
        assertThat(plain.answer("<a href=\"javascript:alert(1)\">x</a> <a href=\"/rel\">y</a>")).isEqualTo("x y");
    }

    @Test
    void neutralizesEncodedMarkupInPlainTextValues() {
        assertThat(html.question("What does &lt;br&gt; do?")).isEqualTo("What does < br> do?");
        assertThat(plain.answer("&lt;script&gt;alert(1)&lt;/script&gt;")).isEqualTo("< script>alert(1)< /script>");
        assertThat(html.label("&lt;!-- x --&gt;")).isEqualTo("< !-- x -->");
        MarkupAssertions.assertNoMarkup(html.question("&lt;img src=x onerror=alert(1)&gt;"));
    }

    @Test
    void plainTextOfAnHtmlAnswerKeepsItsLinesAndLeavesOutLinkTargets() {
        String stored = html.answer("<p>Go to <a href=\"https://example.com\">settings</a>.</p><p>Then<br>save &amp; exit.</p>");
        assertThat(Sanitizer.plainText(stored)).isEqualTo("Go to settings.\n\nThen\nsave & exit.");
        assertThat(Sanitizer.plainText(stored, AnswerFormat.BASIC_HTML)).isEqualTo("Go to settings.\n\nThen\nsave & exit.");
    }

    @Test
    void plainTextOfAPlainAnswerIsTheAnswer() {
        String stored = plain.answer("Use &amp;lt; for <b>less than</b>");
        assertThat(stored).isEqualTo("Use &lt; for less than");
        assertThat(Sanitizer.plainText(stored, AnswerFormat.PLAIN_TEXT)).isEqualTo(stored);
    }

    @Test
    void givesTheSameResultsOnEveryThread() throws Exception {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            inputs.add(i % 3 == 0 ? "Plain answer " + i + "\nwith a second line"
                    : "<p>Answer <b>" + i + "</b> <a href=\"https://example.com/" + i + "\" onclick=x>link</a></p><div>more</div>");
        }
        List<String> expected = inputs.stream().map(html::answer).collect(Collectors.toList());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> inputs.stream().map(html::answer).collect(Collectors.toList())));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void treatsNullAsEmpty() {
        assertThat(html.question(null)).isEmpty();
        assertThat(html.answer(null)).isEmpty();
        assertThat(plain.answer(null)).isEmpty();
        assertThat(html.label(null)).isEmpty();
        assertThat(Sanitizer.plainText(null)).isEmpty();
    }

    @Test
    void requiresAnAnswerFormat() {
        assertThatThrownBy(() -> new Sanitizer(null)).isInstanceOf(NullPointerException.class).hasMessage("answerFormat");
        assertThatThrownBy(() -> Sanitizer.plainText("x", null)).isInstanceOf(NullPointerException.class).hasMessage("format");
    }

    @Test
    void reportsItsFormat() {
        assertThat(plain.answerFormat()).isEqualTo(AnswerFormat.PLAIN_TEXT);
        assertThat(plain).hasToString("Sanitizer{answerFormat=PLAIN_TEXT}");
    }
}
