package dev.qaimport.validate.internal;

import dev.qaimport.validate.internal.TextCleaner.Mode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Builds the HTML of {@code BASIC_HTML} answers: the tree walks around the {@link HtmlPolicy#CLEANER}
 * that prepare the parsed tree, tidy the cleaned one, and repeat until the output reads back as
 * the same tree. Stateless and thread-safe.
 */
final class BasicHtmlCleaner {
    /** Parsing, cleaning and re-parsing converge quickly; this bounds the loop for inputs that do not. */
    private static final int MAX_PASSES = 4;

    private BasicHtmlCleaner() {
    }

    /** An answer that holds neither {@code <} nor {@code &}: only the character rules and jsoup's escaping apply. */
    static CleanAnswer withoutMarkup(String raw) {
        String text = TextCleaner.clean(raw, Mode.MULTI_LINE);
        // The only character jsoup escapes in such text: '&' and '<' are absent and NBSP is now a space.
        return new CleanAnswer(text.indexOf('>') < 0 ? text : text.replace(">", "&gt;"), !text.isEmpty());
    }

    /** An answer reduced to the safe HTML subset through jsoup. */
    static CleanAnswer viaJsoup(String raw) {
        String html = TextCleaner.filter(raw);
        boolean hasText = false;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            Document dirty = Jsoup.parseBodyFragment(html, "");
            int before = prepareForCleaning(dirty.body());
            Document clean = HtmlPolicy.CLEANER.clean(dirty);
            int after = countElements(clean.body());
            Tidy tidy = new Tidy();
            tidy.children(clean.body(), false);
            clean.outputSettings().prettyPrint(false);
            html = clean.body().html();
            hasText = tidy.hasText;
            // Dropping or unwrapping an element lifts its children into its parent, which can
            // nest elements in ways the parser never produces (a <p> in a <p>); such output would
            // read differently when parsed again, so it goes round once more until it is stable.
            if ((before == after && tidy.unwrapped == 0) || nestsAsParsed(clean.body())) {
                break;
            }
        }
        return new CleanAnswer(stripEdges(html), hasText);
    }

    /**
     * Removes comments and {@link HtmlPolicy#DROPPED_WITH_CONTENT} subtrees, and marks where a
     * block the cleaner will drop ends ({@code <div>}, headings, table rows: a {@code <br>};
     * cells: a space), so that the text of neighbouring blocks does not run together. Returns how
     * many elements remain.
     */
    private static int prepareForCleaning(Element body) {
        int[] count = {0};
        List<Element> blocks = new ArrayList<>();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof Element) {
                    String name = ((Element) node).normalName();
                    if (HtmlPolicy.DROPPED_WITH_CONTENT.contains(name)) {
                        return FilterResult.REMOVE;
                    }
                    if (depth > 0) {
                        count[0]++;
                        if (HtmlPolicy.isDroppedBlock(name)) {
                            blocks.add((Element) node);
                        }
                    }
                    return FilterResult.CONTINUE;
                }
                return node instanceof TextNode ? FilterResult.CONTINUE : FilterResult.REMOVE;
            }
        }, body);
        for (Element block : blocks) {
            if (block.nextSibling() != null) {
                // Appended inside the block, which the cleaner drops while keeping its children:
                // the separator lands right after the block's content without the cost of an
                // insertion in the middle of a long sibling list.
                if (HtmlPolicy.CELLS.contains(block.normalName())) {
                    block.appendChild(new TextNode(" "));
                } else {
                    block.appendChild(new Element("br"));
                    count[0]++;
                }
            }
        }
        return count[0];
    }

    /**
     * Whether a tree of allowed elements nests the way the HTML parser would build it from its
     * own serialization, so that reading the output again gives the same tree. Among the allowed
     * elements the parser never puts a block ({@code p ul ol li pre blockquote}) inside a
     * {@code p}, an {@code a} inside an {@code a}, or an {@code li} inside an {@code li} without
     * a list or block between them.
     */
    static boolean nestsAsParsed(Element body) {
        int[] open = new int[2]; // [0]: open <p>, [1]: open <a>
        ArrayDeque<Boolean> listScopes = new ArrayDeque<>(); // true: an <li>
        boolean[] stable = {true};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (!(node instanceof Element) || depth == 0) {
                    return FilterResult.CONTINUE;
                }
                String name = ((Element) node).normalName();
                boolean block = HtmlPolicy.LIST_SCOPE.contains(name) || name.equals("p");
                if ((block && open[0] > 0) || (name.equals("a") && open[1] > 0)
                        || (name.equals("li") && Boolean.TRUE.equals(listScopes.peek()))) {
                    stable[0] = false;
                    return FilterResult.STOP;
                }
                if (name.equals("p")) {
                    open[0]++;
                } else if (name.equals("a")) {
                    open[1]++;
                } else if (HtmlPolicy.LIST_SCOPE.contains(name)) {
                    listScopes.push(name.equals("li"));
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element && depth > 0) {
                    String name = ((Element) node).normalName();
                    if (name.equals("p")) {
                        open[0]--;
                    } else if (name.equals("a")) {
                        open[1]--;
                    } else if (HtmlPolicy.LIST_SCOPE.contains(name)) {
                        listScopes.pop();
                    }
                }
                return FilterResult.CONTINUE;
            }
        }, body);
        return stable[0];
    }

    private static int countElements(Element body) {
        return body.getAllElements().size() - 1;
    }

    private static String stripEdges(String html) {
        int start = 0;
        int end = html.length();
        while (start < end && (html.charAt(start) == ' ' || html.charAt(start) == '\n')) {
            start++;
        }
        while (end > start && (html.charAt(end - 1) == ' ' || html.charAt(end - 1) == '\n')) {
            end--;
        }
        return html.substring(start, end);
    }

    /**
     * Post-processing of the cleaned tree: links without a kept target are unwrapped (their text
     * stays), adjacent text nodes are merged (a parser would merge them when reading the output
     * again) and every text node gets the character and whitespace rules.
     */
    private static final class Tidy {
        int unwrapped;
        boolean hasText;

        void children(Element parent, boolean inPre) {
            int i = 0;
            while (i < parent.childNodeSize()) {
                Node node = parent.childNode(i);
                if (node instanceof Element) {
                    Element e = (Element) node;
                    if (e.normalName().equals("a") && !Links.keepTarget(e)) {
                        e.unwrap();
                        unwrapped++;
                        if (i > 0) {
                            i--; // the previous text node may now touch the link's first text node
                        }
                        continue;
                    }
                    children(e, inPre || e.normalName().equals("pre"));
                    i++;
                } else if (node instanceof TextNode) {
                    TextNode text = (TextNode) node;
                    if (i > 0 && parent.childNode(i - 1) instanceof TextNode) {
                        TextNode previous = (TextNode) parent.childNode(i - 1);
                        previous.text(previous.getWholeText() + text.getWholeText());
                        text.remove();
                        i--;
                        continue;
                    }
                    String value = TextCleaner.clean(text.getWholeText(), inPre ? Mode.PREFORMATTED : Mode.MULTI_LINE_KEEP_EDGES);
                    if (value.isEmpty()) {
                        text.remove();
                        continue;
                    }
                    text.text(value);
                    hasText |= hasVisibleCharacter(value);
                    i++;
                } else {
                    node.remove();
                }
            }
        }

        private static boolean hasVisibleCharacter(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != ' ' && c != '\n' && c != '\t') {
                    return true;
                }
            }
            return false;
        }
    }
}
