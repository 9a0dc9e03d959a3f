package dev.qaimport.validate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.AnswerFormat;
import dev.qaimport.AnswerMarkup;
import dev.qaimport.Limits;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.testing.XssPayloads;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MarkdownAnswersTest {
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z0-9]+)([^>]*)>");
    private static final List<String> ALLOWED = List.of("p", "br", "ul", "ol", "li", "b", "strong", "i", "em", "u", "code", "pre",
            "blockquote", "a");

    private final RowPreparer html = new RowPreparer(Limits.defaults(), AnswerFormat.BASIC_HTML, AnswerMarkup.MARKDOWN);
    private final RowPreparer text = new RowPreparer(Limits.defaults(), AnswerFormat.PLAIN_TEXT, AnswerMarkup.MARKDOWN);

    private static String answer(RowPreparer p, String markdown) {
        RowPreparer.Prepared r = p.prepare(new ParsedQA(1, 1, "Q?", markdown, null, List.of()));
        assertThat(r.errors()).isEmpty();
        return r.qa().answer();
    }

    @Test
    void rendersLinksListsEmphasisAndCodeAsSafeHtml() {
        assertThat(answer(html, "Open **Settings** and *Privacy*, then see [the guide](https://help.example/privacy).")).isEqualTo(
                "<p>Open <strong>Settings</strong> and <em>Privacy</em>, then see <a href=\"https://help.example/privacy\" "
                        + "rel=\"nofollow noopener noreferrer\">the guide</a>.</p>");
        assertThat(answer(html, "Schritte:\n\n1. Konto öffnen\n2. „Zahlungen“ wählen\n\n- kein Abo\n- keine Gebühr")).isEqualTo(
                "<p>Schritte:</p><ol><li>Konto öffnen</li><li>„Zahlungen“ wählen</li></ol><ul><li>kein Abo</li><li>keine Gebühr</li></ul>");
        assertThat(answer(html, "Run `qa-import --help`:\n\n```\nqa-import import faq.csv\n```"))
                .isEqualTo("<p>Run <code>qa-import --help</code>:</p><pre><code>qa-import import faq.csv\n</code></pre>");
        assertThat(answer(html, "> Цитата\n\nОтвет")).isEqualTo("<blockquote><p>Цитата</p></blockquote><p>Ответ</p>");
    }

    @Test
    void headingsBecomeBoldParagraphsAndImagesAreDropped() {
        assertThat(answer(html, "# 返金について\n\n30日以内なら返金できます。"))
                .isEqualTo("<p><strong>返金について</strong></p><p>30日以内なら返金できます。</p>");
        assertThat(answer(text, "## Lieferung\nIn 2 Tagen.")).isEqualTo("Lieferung\n\nIn 2 Tagen.");
        assertThat(answer(html, "![logo](https://cdn.example/logo.png) Acme")).doesNotContain("img", "logo.png").contains("Acme");
    }

    @Test
    void unsafeLinkTargetsAreUnwrappedAndRawHtmlIsSanitized() {
        assertThat(answer(html, "[click](javascript:alert(1))")).isEqualTo("<p>click</p>");
        assertThat(answer(html, "[relative](/account)")).isEqualTo("<p>relative</p>");
        assertThat(answer(html, "Hi <b onclick=alert(1)>there</b><script>alert(1)</script>")).isEqualTo("<p>Hi <b>there</b></p>");
        assertThat(answer(html, "<div onmouseover=alert(1)>\n*x*\n</div>")).doesNotContain("onmouseover").contains("x");
    }

    @Test
    void plainTextAnswersKeepTheTextAndLinkTargets() {
        assertThat(answer(text, "Use **two-factor** login, see [help](https://help.example/2fa).\n\n- phone\n- key"))
                .isEqualTo("Use two-factor login, see help (https://help.example/2fa).\n\nphone\nkey");
    }

    @Test
    void withoutMarkupAnswersAreTakenAsTheyAre() {
        RowPreparer none = new RowPreparer(Limits.defaults(), AnswerFormat.BASIC_HTML);
        assertThat(none.answerMarkup()).isEqualTo(AnswerMarkup.NONE);
        assertThat(answer(none, "**bold**")).isEqualTo("**bold**");
    }

    @Test
    void markdownThatRendersToNothingIsAnEmptyAnswer() {
        RowPreparer.Prepared r = html.prepare(new ParsedQA(3, 4, "Q?", "![](https://cdn.example/x.png)", null, List.of()));
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).startsWith("answer is empty"));
    }

    static Stream<Arguments> payloads() {
        return XssPayloads.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void xssInsideMarkdownMeetsTheSanitizer(String name, String payload) {
        for (String markdown : List.of(payload, "Intro *text*\n\n" + payload + "\n\n- item", "[x](" + payload + ")", "`" + payload + "`")) {
            RowPreparer.Prepared r = html.prepare(new ParsedQA(1, 1, "Q?", markdown, null, List.of()));
            if (!r.valid()) {
                continue;
            }
            assertSafeHtml(r.qa().answer());
            RowPreparer.Prepared t = text.prepare(new ParsedQA(1, 1, "Q?", markdown, null, List.of()));
            if (t.valid()) {
                assertThat(TAG.matcher(t.qa().answer()).find()).as("plain text holds no tag: %s", t.qa().answer()).isFalse();
            }
        }
    }

    private static void assertSafeHtml(String answer) {
        Matcher m = TAG.matcher(answer);
        while (m.find()) {
            assertThat(ALLOWED).as("element in %s", answer).contains(m.group(2).toLowerCase());
            String attrs = m.group(3).strip();
            if (!attrs.isEmpty()) {
                assertThat(m.group(2)).isEqualTo("a");
                assertThat(attrs).matches("href=\"(https?|mailto):[^\"]*\" rel=\"nofollow noopener noreferrer\"");
            }
        }
        assertThat(answer.toLowerCase()).doesNotContain("<script");
    }
}
