package dev.qaimport.validate.internal;

import java.util.Set;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * What markup an HTML answer may keep, what is removed with its content, and how the blocks that
 * are removed separate their text. The one place that names elements; stateless and thread-safe:
 * the {@link Cleaner} and its {@link Safelist} are built once and never changed.
 */
final class HtmlPolicy {
    /** The {@code rel} every kept link carries. */
    static final String LINK_REL = "nofollow noopener noreferrer";
    /** The elements an HTML answer may contain. */
    static final Set<String> ALLOWED_ELEMENTS = Set.of(
            "p", "br", "ul", "ol", "li", "b", "strong", "i", "em", "u", "code", "pre", "blockquote", "a");
    /** The link schemes an HTML answer may contain. */
    static final Set<String> ALLOWED_SCHEMES = Set.of("http", "https", "mailto");

    private static final Safelist SAFELIST = new Safelist()
            .addTags(ALLOWED_ELEMENTS.toArray(new String[0]))
            .addAttributes("a", "href")
            .addProtocols("a", "href", ALLOWED_SCHEMES.toArray(new String[0]))
            .addEnforcedAttribute("a", "rel", LINK_REL)
            .preserveRelativeLinks(false);
    /** Keeps {@link #ALLOWED_ELEMENTS}, {@code href} on links with an allowed scheme, and adds {@link #LINK_REL}. */
    static final Cleaner CLEANER = new Cleaner(SAFELIST);

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
    /** Blocks separated from what follows by a blank line in text. */
    static final Set<String> PARAGRAPHS = Set.of(
            "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "hr");
    /** Blocks separated from what follows by a line break in text. */
    static final Set<String> LINES = Set.of(
            "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "address", "article", "aside", "caption",
            "details", "summary", "figure", "figcaption", "footer", "header", "main", "nav", "section",
            "center", "fieldset", "legend", "form", "hgroup");
    /** Table cells: separated by a space. */
    static final Set<String> CELLS = Set.of("td", "th");
    /** Allowed elements that stop the parser's search for an open {@code li} (block elements other than {@code p}). */
    static final Set<String> LIST_SCOPE = Set.of("li", "ul", "ol", "pre", "blockquote");
    /** Blocks that close an open {@code p} when they start. */
    static final Set<String> CLOSES_P = Set.of("p", "ul", "ol", "li", "pre", "blockquote");

    private HtmlPolicy() {
    }

    /** Whether {@code name} is a block the cleaner removes while keeping its text, which must not run into the next. */
    static boolean isDroppedBlock(String name) {
        return !ALLOWED_ELEMENTS.contains(name) && (PARAGRAPHS.contains(name) || LINES.contains(name) || CELLS.contains(name));
    }
}
