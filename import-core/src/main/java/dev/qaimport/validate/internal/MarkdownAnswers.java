package dev.qaimport.validate.internal;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders CommonMark answers to HTML for the sanitizer. Thread-safe: commonmark's parser and
 * renderer are immutable once built.
 *
 * <p>Nothing here makes the output safe; that is the sanitizer's job, which runs on the HTML
 * produced. Raw HTML in the Markdown is therefore passed through as it is (not escaped), so that
 * {@code <b>} written inline keeps its meaning and {@code <script>} meets the same rules as in
 * any HTML answer; link targets are not rewritten either, the sanitizer checks them.
 */
final class MarkdownAnswers {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(false).sanitizeUrls(false).softbreak("\n").build();

    private MarkdownAnswers() {
    }

    /** {@code markdown} rendered to (unsanitized) HTML, without the line ends between blocks. */
    static String toHtml(String markdown) {
        String html = RENDERER.render(PARSER.parse(markdown));
        // The renderer ends each block with a line feed; the sanitizer would keep it as a text line break.
        return html.replace(">\n<", "><").strip();
    }
}
