package dev.qaimport.validate.internal;

import java.util.Set;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

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
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(false).sanitizeUrls(false).softbreak("\n")
            .nodeRendererFactory(HeadingAsStrong::new).build();

    private MarkdownAnswers() {
    }

    /** {@code markdown} rendered to (unsanitized) HTML, without the line ends between blocks. */
    static String toHtml(String markdown) {
        String html = RENDERER.render(PARSER.parse(markdown));
        // The renderer ends each block with a line feed; the sanitizer would keep it as a text line break.
        return html.replace(">\n<", "><").strip();
    }

    /**
     * Renders a heading as a bold paragraph: headings are not in the sanitizer's subset, and a
     * removed heading would leave its text outside any paragraph.
     */
    private static final class HeadingAsStrong implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;

        HeadingAsStrong(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Heading.class);
        }

        @Override
        public void render(Node node) {
            html.line();
            html.tag("p");
            html.tag("strong");
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                context.render(child);
            }
            html.tag("/strong");
            html.tag("/p");
            html.line();
        }
    }
}
