package dev.qaimport.validate.internal;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The text of a parsed tree: what a reader sees, with {@code <br>} and block ends as line
 * breaks and {@link HtmlPolicy#DROPPED_WITH_CONTENT} left out, optionally with safe link targets
 * after their text. Stateless and thread-safe.
 */
final class TextCollector {
    private TextCollector() {
    }

    /** The text of {@code body}; with {@code links}, a safe target follows its link's text (see {@link Links#shownTarget}). */
    static String collect(Element body, boolean links) {
        TextSink out = new TextSink();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode) {
                    out.text(((TextNode) node).getWholeText());
                    return FilterResult.CONTINUE;
                }
                if (!(node instanceof Element)) {
                    return FilterResult.SKIP_ENTIRELY;
                }
                String name = ((Element) node).normalName();
                if (HtmlPolicy.DROPPED_WITH_CONTENT.contains(name)) {
                    return FilterResult.SKIP_ENTIRELY;
                }
                if (name.equals("br")) {
                    out.text("\n");
                } else {
                    out.separate(name);
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element) {
                    Element e = (Element) node;
                    if (links && e.normalName().equals("a")) {
                        String target = Links.shownTarget(e);
                        if (target != null) {
                            out.text(target);
                        }
                    }
                    out.separate(e.normalName());
                }
                return FilterResult.CONTINUE;
            }
        }, body);
        return out.toString();
    }
}
