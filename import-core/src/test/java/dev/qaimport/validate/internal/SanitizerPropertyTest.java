package dev.qaimport.validate.internal;

import static dev.qaimport.testing.MarkupAssertions.assertNoMarkup;
import static dev.qaimport.testing.MarkupAssertions.assertSafeHtml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.AnswerFormat;
import dev.qaimport.validate.Sanitizer;
import java.text.Normalizer;
import java.util.List;
import dev.qaimport.testing.Property;
import java.util.Random;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.junit.jupiter.api.Test;

/**
 * Properties of the sanitizer over random text and random HTML-ish fragments: it never throws,
 * never lets markup or unsafe links through, is idempotent, and its fast path agrees with jsoup.
 */
class SanitizerPropertyTest {
    private static final Sanitizer HTML = new Sanitizer(AnswerFormat.BASIC_HTML);
    private static final Sanitizer PLAIN = new Sanitizer(AnswerFormat.PLAIN_TEXT);

    private static final List<String> TOKENS = List.of(
            "<p>", "</p>", "<br>", "<br/>", "<b>", "</b>", "<i>", "</em>", "<u>", "<code>", "</code>", "<pre>", "</pre>",
            "<blockquote>", "</blockquote>", "<ul>", "<ol>", "<li>", "</li>", "</ul>", "<div>", "</div>", "<h1>", "<span>",
            "<table>", "<tr>", "<td>", "</td>", "</table>", "<object>", "</object>", "<svg>", "</svg>", "<math>", "<mtext>",
            "<style>", "</style>", "<script>", "</script>", "<iframe>", "<noscript>", "<textarea>", "<title>", "<template>",
            "<plaintext>", "<xmp>", "<select>", "<option>", "<form>", "<button>",
            "<a href=\"https://example.com/a?b=1&c=2\">", "<a href='javascript:alert(1)'>", "<a href=/relative>",
            "<a href=\"mailto:x@example.com\">", "<a href=\"HTTP://EXAMPLE.com/a b\">", "<a href=\"jav&#x09;ascript:x\">",
            "<a>", "</a>", "<img src=x onerror=alert(1)>", "<b onclick=alert(1)>", " style=\"x:expression(1)\"",
            "<!--", "-->", "<![CDATA[", "]]>", "<?", "<!DOCTYPE html>", "</", "<", ">", "/>", "=", "\"", "'",
            "&amp;", "&lt;", "&gt;", "&quot;", "&#60;", "&#x3c;", "&#x3C;script&#x3E;", "&nbsp;", "&copy", "&not", "&#0;",
            "&#x202E;", "&#1;", "&#xD800;", "&", "&#", ";",
            " ", "  ", "\t", "\n", "\r\n", "\r", "\u000B", "\f", "\u00A0", "\u3000", "\u2028", "\u0085",
            "\u0000", "\u0007", "\u007F", "\u009B", "\u202E", "\u2066", "\uFEFF", "\uFFFE", "\uD800", "\uDC00",
            "\u0301", "\u0338", "\u200D", "\u200C", "\uFE0F", "e", "é", "ß", "İ", "가", "👨‍👩‍👧", "🇩🇪",
            "word", "Question?", "javascript:", "http://", "12");

    private static final List<String> STRUCTURE = List.of(
            "<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>", "<ol>", "<pre>", "<blockquote>", "</blockquote>",
            "<a href=\"https://a.example\">", "<a href=\"https://b.example\">", "</a>", "<b>", "</b>", "<i>", "<code>",
            "<object>", "</object>", "<table>", "<tr>", "<td>", "</td>", "</table>", "<caption>", "<marquee>", "<button>",
            "<span>", "</span>", "<div>", "</div>", "<h2>", "<form>", "<applet>", "<template>", "<select>", "x", " ", "\n");

    private static final List<String> PLAIN_TOKENS = TOKENS.stream().filter(t -> t.indexOf('<') < 0 && t.indexOf('&') < 0)
            .collect(Collectors.toList());

    /** Any UTF-16 string, lone surrogates included. */
    private static String anyChars(Random r, int maxLength) {
        int n = r.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) r.nextInt(0x10000));
        }
        return sb.toString();
    }

    private static String alpha(Random r, int min, int max) {
        int n = min + r.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = (char) ('a' + r.nextInt(26));
            sb.append(r.nextBoolean() ? c : Character.toUpperCase(c));
        }
        return sb.toString();
    }

    private static String fromChars(Random r, String chars, int maxLength) {
        int n = r.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        return sb.toString();
    }

    /** Tokens of HTML, entities, whitespace and awkward characters, strung together. */
    static String htmlish(Random r) {
        int n = r.nextInt(31);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int w = r.nextInt(10);
            if (w < 6) {
                sb.append(TOKENS.get(r.nextInt(TOKENS.size())));
            } else if (w < 7) {
                sb.append(anyChars(r, 6));
            } else if (w < 9) {
                sb.append(alpha(r, 1, 6));
            } else {
                sb.append(fromChars(r, "<>&#;/=\"' \n!?-", 4));
            }
        }
        return sb.toString();
    }

    /** Nesting that the cleaner has to repair: blocks, lists and links inside elements it removes. */
    static String structural(Random r) {
        int n = r.nextInt(26);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(STRUCTURE.get(r.nextInt(STRUCTURE.size())));
        }
        return sb.toString();
    }

    static String anything(Random r) {
        switch (r.nextInt(3)) {
            case 0:
                return htmlish(r);
            case 1:
                return structural(r);
            default:
                return anyChars(r, 60);
        }
    }

    /** Text that cannot hold markup or a character reference: the fast path's domain. */
    static String withoutMarkupCharacters(Random r) {
        int n = r.nextInt(31);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (r.nextBoolean()) {
                sb.append(PLAIN_TOKENS.get(r.nextInt(PLAIN_TOKENS.size())));
            } else {
                sb.append(anyChars(r, 6).replace('<', '(').replace('&', '+'));
            }
        }
        return sb.toString();
    }

    @Test
    void htmlAnswersHoldOnlyAllowedMarkup() {
        Property.forAll(1000, SanitizerPropertyTest::anything, raw -> assertSafeHtml(HTML.answer(raw)));
    }

    @Test
    void plainTextValuesHoldNoMarkup() {
        Property.forAll(1000, SanitizerPropertyTest::anything, raw -> {
            assertNoMarkup(HTML.question(raw));
            assertNoMarkup(HTML.label(raw));
            assertNoMarkup(PLAIN.answer(raw));
            assertNoMarkup(Sanitizer.plainText(HTML.answer(raw)));
        });
    }

    @Test
    void htmlAnswersAreIdempotent() {
        Property.forAll(1000, SanitizerPropertyTest::anything, raw -> {
            String once = HTML.answer(raw);
            assertThat(HTML.answer(once)).isEqualTo(once);
        });
    }

    /**
     * Plain-text output is text, read again as HTML: it is a fixed point unless it holds a
     * character reference, which the second pass rightly decodes (entities decode once: the text
     * {@code &lt;} that {@code &amp;lt;} became must not turn into {@code <} on the same pass).
     */
    @Test
    void plainTextValuesAreIdempotentUnlessTheyHoldACharacterReference() {
        Property.forAll(1000, SanitizerPropertyTest::anything, raw -> {
            String question = HTML.question(raw);
            String answer = PLAIN.answer(raw);
            if (holdsCharacterReference(question) || holdsCharacterReference(answer)) {
                return;
            }
            assertThat(HTML.question(question)).isEqualTo(question);
            assertThat(HTML.label(question)).isEqualTo(question);
            assertThat(PLAIN.answer(answer)).isEqualTo(answer);
        });
    }

    /** Every plain-text output comes back unchanged when exported as HTML and imported again. */
    @Test
    void plainTextValuesSurviveAnHtmlRoundTrip() {
        Property.forAll(1000, SanitizerPropertyTest::anything, raw -> {
            String question = HTML.question(raw);
            String answer = PLAIN.answer(raw);
            assertThat(HTML.question(Entities.escape(question))).isEqualTo(question);
            assertThat(PLAIN.answer(Entities.escape(answer))).isEqualTo(answer);
        });
    }

    @Test
    void fastPathAgreesWithJsoup() {
        Property.forAll(1000, SanitizerPropertyTest::withoutMarkupCharacters, raw -> {
            assertThat(HtmlCleaner.needsParsing(raw)).isFalse();
            assertThat(TextCleaner.clean(raw, TextCleaner.Mode.SINGLE_LINE)).isEqualTo(HtmlCleaner.singleLineViaJsoup(raw));
            assertThat(TextCleaner.clean(raw, TextCleaner.Mode.MULTI_LINE)).isEqualTo(HtmlCleaner.plainAnswerViaJsoup(raw));
            assertThat(BasicHtmlCleaner.withoutMarkup(raw)).isEqualTo(BasicHtmlCleaner.viaJsoup(raw));
        });
    }

    @Test
    void storedHtmlIsReadWithoutJsoupAndAsJsoupWouldReadIt() {
        Property.forAll(4000, SanitizerPropertyTest::anything, raw -> {
            String stored = HTML.answer(raw);
            assertThat(HtmlCleaner.textOfHtml(stored)).isEqualTo(HtmlCleaner.textOfHtmlViaJsoup(stored));
            if (HtmlCleaner.needsParsing(stored)) {
                assertThat(StoredHtmlText.textOf(TextCleaner.filter(stored))).as("the fast path reads %s", stored).isNotNull();
            }
        });
    }

    @Test
    void anyMarkupReadsAsJsoupWouldReadIt() {
        Property.forAll(4000, SanitizerPropertyTest::anything,
                raw -> assertThat(HtmlCleaner.textOfHtml(raw)).isEqualTo(HtmlCleaner.textOfHtmlViaJsoup(raw)));
    }

    @Test
    void outputsHoldOnlyKeptCharactersInNfc() {
        Property.forAll(1000, SanitizerPropertyTest::anything, raw -> {
            for (String text : List.of(HTML.question(raw), HTML.label(raw), PLAIN.answer(raw), Sanitizer.plainText(HTML.answer(raw)))) {
                assertOnlyKeptCharacters(text);
                assertThat(Normalizer.isNormalized(text, Normalizer.Form.NFC)).as("NFC: %s", text).isTrue();
                assertThat(text).isEqualTo(text.strip());
            }
            assertThat(HTML.question(raw)).doesNotContain("\n", "\t", "  ");
            NodeTraversor.traverse((NodeVisitor) (node, depth) -> {
                if (node instanceof TextNode) {
                    String text = ((TextNode) node).getWholeText();
                    assertOnlyKeptCharacters(text);
                    assertThat(Normalizer.isNormalized(text, Normalizer.Form.NFC)).as("NFC: %s", text).isTrue();
                }
            }, Jsoup.parseBodyFragment(HTML.answer(raw)).body());
        });
    }

    private static boolean holdsCharacterReference(String text) {
        return !Parser.unescapeEntities(text, false).equals(text);
    }

    /** An oracle written apart from {@link TextCleaner}: the characters no output may hold. */
    private static void assertOnlyKeptCharacters(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean control = cp < 0x20 && cp != '\n' && cp != '\t' || cp >= 0x7F && cp <= 0x9F;
            boolean bidi = cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069;
            boolean nonCharacter = cp >= 0xFDD0 && cp <= 0xFDEF || (cp & 0xFFFE) == 0xFFFE;
            boolean otherLineBreak = cp == '\r' || cp == 0x2028 || cp == 0x2029;
            assertThat(control || bidi || nonCharacter || otherLineBreak || cp == 0xFEFF || Character.isSurrogate((char) cp) && cp <= 0xFFFF)
                    .as("U+%04X in %s", cp, text).isFalse();
        }
    }
}
