package dev.qaimport.validate.internal;

import dev.qaimport.validate.internal.TextCleaner.Mode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * The entry points of sanitizing markup: turns untrusted values into plain text or into the safe
 * HTML subset of answers, and stored answers back into text. Values without {@code <} and
 * {@code &} cannot hold markup or entities and skip jsoup entirely; the rest goes to
 * {@link BasicHtmlCleaner} (HTML answers) or {@link TextCollector} (text), under the rules of
 * {@link HtmlPolicy}. Stateless and thread-safe.
 */
public final class HtmlCleaner {
    private HtmlCleaner() {
    }

    /** Whether {@code s} can hold markup or a character reference, that is, needs jsoup. */
    static boolean needsParsing(String s) {
        return s.indexOf('<') >= 0 || s.indexOf('&') >= 0;
    }

    // ---- plain text: questions, categories, tags ----

    /** A question, category or tag: plain text on one line. */
    public static String singleLine(String raw) {
        return needsParsing(raw) ? singleLineViaJsoup(raw) : TextCleaner.clean(raw, Mode.SINGLE_LINE);
    }

    static String singleLineViaJsoup(String raw) {
        String text = TextCollector.collect(parse(raw), false);
        return TextCleaner.neutralizeMarkup(TextCleaner.clean(text, Mode.SINGLE_LINE));
    }

    // ---- plain-text answers ----

    /** An answer as plain text with its line and paragraph breaks; safe link targets follow their link text. */
    public static String plainAnswer(String raw) {
        return needsParsing(raw) ? plainAnswerViaJsoup(raw) : TextCleaner.clean(raw, Mode.MULTI_LINE);
    }

    static String plainAnswerViaJsoup(String raw) {
        String text = TextCollector.collect(parse(raw), true);
        return TextCleaner.neutralizeMarkup(TextCleaner.clean(text, Mode.MULTI_LINE));
    }

    // ---- the text of stored answers ----

    /**
     * The plain text of an answer sanitized as HTML, without link targets (for embedding and
     * search output). What the sanitizer stores is read without jsoup (see {@link StoredHtmlText});
     * anything else goes through jsoup's parser, with the same result.
     */
    public static String textOfHtml(String sanitizedHtml) {
        if (!needsParsing(sanitizedHtml)) {
            return TextCleaner.clean(sanitizedHtml, Mode.MULTI_LINE);
        }
        String filtered = TextCleaner.filter(sanitizedHtml);
        String text = StoredHtmlText.textOf(filtered);
        if (text == null) {
            text = TextCollector.collect(Jsoup.parseBodyFragment(filtered, "").body(), false);
        }
        return TextCleaner.neutralizeMarkup(TextCleaner.clean(text, Mode.MULTI_LINE));
    }

    /** {@link #textOfHtml} through jsoup always; the reference the fast path is tested against. */
    static String textOfHtmlViaJsoup(String sanitizedHtml) {
        if (!needsParsing(sanitizedHtml)) {
            return TextCleaner.clean(sanitizedHtml, Mode.MULTI_LINE);
        }
        String text = TextCollector.collect(parse(sanitizedHtml), false);
        return TextCleaner.neutralizeMarkup(TextCleaner.clean(text, Mode.MULTI_LINE));
    }

    // ---- HTML answers ----

    /** An answer reduced to the safe HTML subset. */
    public static CleanAnswer basicHtml(String raw) {
        return needsParsing(raw) ? BasicHtmlCleaner.viaJsoup(raw) : BasicHtmlCleaner.withoutMarkup(raw);
    }

    private static Element parse(String raw) {
        return Jsoup.parseBodyFragment(TextCleaner.filter(raw), "").body();
    }
}
