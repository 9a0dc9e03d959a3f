package dev.qaimport.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Independent checks of sanitizer output: they parse it the way a browser would and look at what
 * came out, without using the sanitizer's own lists.
 */
public final class MarkupAssertions {
    private static final Set<String> ALLOWED = Set.of(
            "p", "br", "ul", "ol", "li", "b", "strong", "i", "em", "u", "code", "pre", "blockquote", "a");

    private MarkupAssertions() {
    }

    /** The output holds only allowed elements, no attribute but {@code href}/{@code rel} on links, and only safe link schemes. */
    public static void assertSafeHtml(String html) {
        Element body = Jsoup.parseBodyFragment(html).body();
        NodeTraversor.traverse((NodeVisitor) (node, depth) -> {
            if (depth == 0) {
                return;
            }
            if (node instanceof TextNode) {
                return;
            }
            if (!(node instanceof Element)) {
                fail("unexpected " + node.nodeName() + " node in " + html);
            }
            Element e = (Element) node;
            assertThat(ALLOWED).as("element <%s> in %s", e.normalName(), html).contains(e.normalName());
            for (Attribute attribute : e.attributes()) {
                String key = attribute.getKey().toLowerCase(Locale.ROOT);
                if (e.normalName().equals("a") && key.equals("href")) {
                    String href = attribute.getValue().strip().toLowerCase(Locale.ROOT);
                    assertThat(href.startsWith("http:") || href.startsWith("https:") || href.startsWith("mailto:"))
                            .as("href %s in %s", attribute.getValue(), html).isTrue();
                } else if (e.normalName().equals("a") && key.equals("rel")) {
                    assertThat(attribute.getValue()).isEqualTo("nofollow noopener noreferrer");
                } else {
                    fail("attribute " + key + " on <" + e.normalName() + "> in " + html);
                }
            }
        }, body);
    }

    /** The text, read as HTML, holds nothing but text: no element, comment or other markup. */
    public static void assertNoMarkup(String text) {
        Element body = Jsoup.parseBodyFragment(text).body();
        for (Node node : body.childNodes()) {
            assertThat(node).as("node %s parsed from %s", node.nodeName(), text).isInstanceOf(TextNode.class);
        }
    }
}
