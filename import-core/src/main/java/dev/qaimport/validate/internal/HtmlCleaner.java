package dev.qaimport.validate.internal;

import dev.qaimport.validate.internal.TextCleaner.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The jsoup side of sanitizing: turns untrusted markup into plain text or into the safe HTML
 * subset of answers. Values without {@code <} and {@code &} cannot hold markup or entities and
 * skip jsoup entirely. Stateless and thread-safe: the one {@link Cleaner} and its
 * {@link Safelist} are built once and never changed.
 */
public final class HtmlCleaner {
    /** The {@code rel} every kept link carries. */
    public static final String LINK_REL = "nofollow noopener noreferrer";
    /** The elements an HTML answer may contain. */
    public static final Set<String> ALLOWED_ELEMENTS = Set.of(
            "p", "br", "ul", "ol", "li", "b", "strong", "i", "em", "u", "code", "pre", "blockquote", "a");
    /** The link schemes an HTML answer may contain. */
    public static final Set<String> ALLOWED_SCHEMES = Set.of("http", "https", "mailto");

    private static final Safelist SAFELIST = new Safelist()
            .addTags(ALLOWED_ELEMENTS.toArray(new String[0]))
            .addAttributes("a", "href")
            .addProtocols("a", "href", ALLOWED_SCHEMES.toArray(new String[0]))
            .addEnforcedAttribute("a", "rel", LINK_REL)
            .preserveRelativeLinks(false);
    private static final Cleaner CLEANER = new Cleaner(SAFELIST);

    /**
     * Elements whose content is not text a reader sees (scripts, styles, embedded documents, form
     * widgets, metadata) or that switch the parser into another namespace (SVG, MathML): removed
     * with everything inside them, so that neither their code nor their fallback strings end up
     * in a question or an answer.
     */
    static final Set<String> DROPPED_WITH_CONTENT = Set.of(
            "script", "style", "template", "iframe", "frame", "frameset", "noembed", "noframes", "noscript",
            "object", "embed", "applet", "xmp", "plaintext", "title", "textarea", "select", "option",
            "optgroup", "datalist", "head", "meta", "link", "base", "svg", "math");
    private static final Set<String> PARAGRAPHS = Set.of(
            "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "hr");
    private static final Set<String> LINES = Set.of(
            "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "address", "article", "aside", "caption",
            "details", "summary", "figure", "figcaption", "footer", "header", "main", "nav", "section",
            "center", "fieldset", "legend", "form", "hgroup");
    private static final Set<String> CELLS = Set.of("td", "th");
    /** Allowed elements that stop the parser's search for an open {@code li} (block elements other than {@code p}). */
    private static final Set<String> LIST_SCOPE = Set.of("li", "ul", "ol", "pre", "blockquote");

    /** Parsing, cleaning and re-parsing converge quickly; this bounds the loop for inputs that do not. */
    private static final int MAX_PASSES = 4;

    private HtmlCleaner() {
    }

    /** Whether {@code s} can hold markup or a character reference, that is, needs jsoup. */
    public static boolean needsParsing(String s) {
        return s.indexOf('<') >= 0 || s.indexOf('&') >= 0;
    }

    // ---- plain text: questions, categories, tags ----

    /** A question, category or tag: plain text on one line. */
    public static String singleLine(String raw) {
        return needsParsing(raw) ? singleLineViaJsoup(raw) : TextCleaner.clean(raw, Mode.SINGLE_LINE);
    }

    static String singleLineViaJsoup(String raw) {
        String text = collectText(parse(raw), false);
        return TextCleaner.neutralizeMarkup(TextCleaner.clean(text, Mode.SINGLE_LINE));
    }

    // ---- plain-text answers ----

    /** An answer as plain text with its line and paragraph breaks; safe link targets follow their link text. */
    public static String plainAnswer(String raw) {
        return needsParsing(raw) ? plainAnswerViaJsoup(raw) : TextCleaner.clean(raw, Mode.MULTI_LINE);
    }

    static String plainAnswerViaJsoup(String raw) {
        String text = collectText(parse(raw), true);
        return TextCleaner.neutralizeMarkup(TextCleaner.clean(text, Mode.MULTI_LINE));
    }

    /**
     * The plain text of an answer sanitized as HTML, without link targets (for embedding and
     * search output). What the sanitizer stores is read without jsoup (see {@link #textOfSafeHtml});
     * anything else goes through jsoup's parser, with the same result.
     */
    public static String textOfHtml(String sanitizedHtml) {
        if (!needsParsing(sanitizedHtml)) {
            return TextCleaner.clean(sanitizedHtml, Mode.MULTI_LINE);
        }
        String filtered = TextCleaner.filter(sanitizedHtml);
        String text = textOfSafeHtml(filtered);
        if (text == null) {
            text = collectText(Jsoup.parseBodyFragment(filtered, "").body(), false);
        }
        return TextCleaner.neutralizeMarkup(TextCleaner.clean(text, Mode.MULTI_LINE));
    }

    /** {@link #textOfHtml} through jsoup always; the reference the fast path is tested against. */
    static String textOfHtmlViaJsoup(String sanitizedHtml) {
        if (!needsParsing(sanitizedHtml)) {
            return TextCleaner.clean(sanitizedHtml, Mode.MULTI_LINE);
        }
        String text = collectText(parse(sanitizedHtml), false);
        return TextCleaner.neutralizeMarkup(TextCleaner.clean(text, Mode.MULTI_LINE));
    }

    /** Blocks that close an open {@code p} when they start, which the fast path leaves to jsoup. */
    private static final Set<String> CLOSES_P = Set.of("p", "ul", "ol", "li", "pre", "blockquote");

    /**
     * The text {@link #collectText} would collect (without link targets) from markup of the form
     * the sanitizer writes: only {@link #ALLOWED_ELEMENTS}, properly nested, attribute values
     * quoted, text escaped with {@code &amp;}, {@code &lt;}, {@code &gt;}, {@code &quot;},
     * {@code &apos;}, {@code &nbsp;} or numeric references to ordinary characters. Returns
     * {@code null} for anything else (a comment, another element, a stray or misnested end tag, a
     * block inside a paragraph, another entity, a {@code <} that is not a tag), which the caller
     * then parses with jsoup. Every stored answer is read this way when it is embedded or shown,
     * and parsing it with jsoup each time cost more than the rest of preparing its embedding.
     */
    static String textOfSafeHtml(String html) {
        TextSink out = new TextSink();
        StringBuilder text = new StringBuilder(html.length());
        ArrayList<String> open = new ArrayList<>();
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '&') {
                int semicolon = html.indexOf(';', i + 1);
                if (semicolon < 0 || semicolon - i > 10) {
                    return null;
                }
                int decoded = entity(html, i + 1, semicolon);
                if (decoded < 0) {
                    return null;
                }
                text.appendCodePoint(decoded);
                i = semicolon + 1;
                continue;
            }
            if (c != '<') {
                text.append(c);
                i++;
                continue;
            }
            boolean end = i + 1 < n && html.charAt(i + 1) == '/';
            int j = i + (end ? 2 : 1);
            int nameStart = j;
            while (j < n && isAsciiLetterOrDigit(html.charAt(j))) {
                j++;
            }
            String name = html.substring(nameStart, j).toLowerCase(Locale.ROOT);
            if (!ALLOWED_ELEMENTS.contains(name)) {
                return null;
            }
            while (j < n && html.charAt(j) != '>') {
                char d = html.charAt(j);
                if (d == '"' || d == '\'') {
                    int close = html.indexOf(d, j + 1);
                    if (close < 0 || end) {
                        return null;
                    }
                    j = close + 1;
                } else if (d == '<' || (end && d != ' ')) {
                    return null;
                } else {
                    j++;
                }
            }
            if (j >= n) {
                return null;
            }
            i = j + 1;
            if (text.length() > 0) {
                out.text(text.toString());
                text.setLength(0);
            }
            if (name.equals("br")) {
                if (end) {
                    return null;
                }
                out.text("\n");
                continue;
            }
            if (end) {
                if (open.isEmpty() || !open.get(open.size() - 1).equals(name)) {
                    return null;
                }
                open.remove(open.size() - 1);
            } else {
                if (CLOSES_P.contains(name) && open.contains("p")) {
                    return null;
                }
                open.add(name);
                if (name.equals("pre") && i < n && html.charAt(i) == '\n') {
                    // The HTML parser drops a newline right after <pre>.
                    i++;
                }
            }
            out.separate(name);
        }
        if (!open.isEmpty()) {
            return null;
        }
        if (text.length() > 0) {
            out.text(text.toString());
        }
        return out.toString();
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /**
     * The character of the reference {@code html[from, to)} (between {@code &} and {@code ;}), or
     * -1 unless it is one the fast path decodes exactly as jsoup does.
     */
    private static int entity(String html, int from, int to) {
        String name = html.substring(from, to);
        switch (name) {
            case "amp":
                return '&';
            case "lt":
                return '<';
            case "gt":
                return '>';
            case "quot":
                return '"';
            case "apos":
                return '\'';
            case "nbsp":
                return 0xA0;
            default:
                break;
        }
        if (name.length() < 2 || name.charAt(0) != '#') {
            return -1;
        }
        boolean hex = name.charAt(1) == 'x' || name.charAt(1) == 'X';
        String digits = name.substring(hex ? 2 : 1);
        if (digits.isEmpty() || digits.length() > 6) {
            return -1;
        }
        int cp;
        try {
            cp = Integer.parseInt(digits, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            return -1;
        }
        // Ordinary characters only: the parser maps NUL, C1 controls, surrogates and the rest its own way.
        boolean ordinary = (cp >= 0x20 && cp < 0x7F) || cp == '\n' || cp == '\t'
                || (cp >= 0xA0 && cp < 0xD800) || (cp >= 0xE000 && cp < 0xFDD0) || (cp > 0xFDEF && cp < 0xFFFE)
                || (cp >= 0x10000 && cp <= 0x10FFFF && (cp & 0xFFFE) != 0xFFFE);
        return ordinary ? cp : -1;
    }

    // ---- HTML answers ----

    /** An answer reduced to the safe HTML subset. */
    public static CleanAnswer basicHtml(String raw) {
        return needsParsing(raw) ? basicHtmlViaJsoup(raw) : basicHtmlWithoutMarkup(raw);
    }

    static CleanAnswer basicHtmlWithoutMarkup(String raw) {
        String text = TextCleaner.clean(raw, Mode.MULTI_LINE);
        // The only character jsoup escapes in such text: '&' and '<' are absent and NBSP is now a space.
        return new CleanAnswer(text.indexOf('>') < 0 ? text : text.replace(">", "&gt;"), !text.isEmpty());
    }

    static CleanAnswer basicHtmlViaJsoup(String raw) {
        String html = TextCleaner.filter(raw);
        boolean hasText = false;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            Document dirty = Jsoup.parseBodyFragment(html, "");
            int before = prepareForCleaning(dirty.body());
            Document clean = CLEANER.clean(dirty);
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

    // ---- helpers ----

    private static Element parse(String raw) {
        return Jsoup.parseBodyFragment(TextCleaner.filter(raw), "").body();
    }

    /**
     * Removes comments and {@link #DROPPED_WITH_CONTENT} subtrees, and marks where a block the
     * cleaner will drop ends ({@code <div>}, headings, table rows: a {@code <br>}; cells: a
     * space), so that the text of neighbouring blocks does not run together. Returns how many
     * elements remain.
     */
    private static int prepareForCleaning(Element body) {
        int[] count = {0};
        List<Element> blocks = new ArrayList<>();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof Element) {
                    String name = ((Element) node).normalName();
                    if (DROPPED_WITH_CONTENT.contains(name)) {
                        return FilterResult.REMOVE;
                    }
                    if (depth > 0) {
                        count[0]++;
                        if (!ALLOWED_ELEMENTS.contains(name) && (PARAGRAPHS.contains(name) || LINES.contains(name) || CELLS.contains(name))) {
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
                if (CELLS.contains(block.normalName())) {
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
        java.util.ArrayDeque<Boolean> listScopes = new java.util.ArrayDeque<>(); // true: an <li>
        boolean[] stable = {true};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (!(node instanceof Element) || depth == 0) {
                    return FilterResult.CONTINUE;
                }
                String name = ((Element) node).normalName();
                boolean block = LIST_SCOPE.contains(name) || name.equals("p");
                if ((block && open[0] > 0) || (name.equals("a") && open[1] > 0)
                        || (name.equals("li") && Boolean.TRUE.equals(listScopes.peek()))) {
                    stable[0] = false;
                    return FilterResult.STOP;
                }
                if (name.equals("p")) {
                    open[0]++;
                } else if (name.equals("a")) {
                    open[1]++;
                } else if (LIST_SCOPE.contains(name)) {
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
                    } else if (LIST_SCOPE.contains(name)) {
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

    private static String collectText(Element body, boolean links) {
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
                if (DROPPED_WITH_CONTENT.contains(name)) {
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
                        appendLinkTarget(e, out);
                    }
                    out.separate(e.normalName());
                }
                return FilterResult.CONTINUE;
            }
        }, body);
        return out.toString();
    }

    /**
     * The text collected from a tree, which knows how many line breaks it ends with, so that
     * nested blocks add one separation rather than one each (and without scanning back).
     */
    private static final class TextSink {
        private final StringBuilder out = new StringBuilder();
        private int trailingBreaks;

        void text(String text) {
            int last = text.length() - 1;
            int breaks = 0;
            while (last >= 0 && isSpace(text.charAt(last))) {
                if (text.charAt(last) == '\n') {
                    breaks++;
                }
                last--;
            }
            trailingBreaks = last < 0 ? trailingBreaks + breaks : breaks;
            out.append(text);
        }

        void separate(String name) {
            if (PARAGRAPHS.contains(name)) {
                endWithBreaks(2);
            } else if (LINES.contains(name)) {
                endWithBreaks(1);
            } else if (CELLS.contains(name)) {
                out.append(' ');
            }
        }

        private void endWithBreaks(int count) {
            for (; trailingBreaks < count; trailingBreaks++) {
                out.append('\n');
            }
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    /** Writes " (target)" after a link whose text does not already show its safe target. */
    private static void appendLinkTarget(Element a, TextSink out) {
        String url = safeHref(a);
        if (url == null) {
            return;
        }
        String shown = url.regionMatches(true, 0, "mailto:", 0, 7) ? url.substring(7) : url;
        String text = a.text().strip();
        if (!text.equalsIgnoreCase(shown) && !text.equalsIgnoreCase(url)) {
            out.text(" (" + shown + ")");
        }
    }

    /** The link target as the cleaner would keep it, or {@code null} if the cleaner would drop it. */
    private static String safeHref(Element a) {
        if (!a.hasAttr("href")) {
            return null;
        }
        // The same test the Safelist applies: the absolute URL (none for relative links, as
        // there is no base URI), else the raw value; its scheme must be an allowed one.
        String value = a.absUrl("href");
        if (value.isEmpty()) {
            value = a.attr("href");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String scheme : ALLOWED_SCHEMES) {
            if (lower.startsWith(scheme + ":")) {
                String clean = TextCleaner.clean(value, Mode.SINGLE_LINE);
                return clean.isEmpty() ? null : clean;
            }
        }
        return null;
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
                    if (e.normalName().equals("a") && !keepLink(e)) {
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

        private static boolean keepLink(Element a) {
            if (!a.hasAttr("href")) {
                return false;
            }
            String href = TextCleaner.filter(a.attr("href"));
            if (href.isBlank()) {
                return false;
            }
            a.attr("href", href);
            return true;
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
