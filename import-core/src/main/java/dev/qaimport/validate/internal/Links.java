package dev.qaimport.validate.internal;

import dev.qaimport.validate.internal.TextCleaner.Mode;
import java.util.Locale;
import org.jsoup.nodes.Element;

/**
 * Which link targets survive: the scheme test of the {@link HtmlPolicy#CLEANER} repeated for
 * plain-text output, the cleaning of kept targets, and how a target is shown after its text.
 * Stateless and thread-safe.
 */
final class Links {
    private Links() {
    }

    /** The link target as the cleaner would keep it, or {@code null} if the cleaner would drop it. */
    static String safeHref(Element a) {
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
        for (String scheme : HtmlPolicy.ALLOWED_SCHEMES) {
            if (lower.startsWith(scheme + ":")) {
                String clean = TextCleaner.clean(value, Mode.SINGLE_LINE);
                return clean.isEmpty() ? null : clean;
            }
        }
        return null;
    }

    /**
     * What follows a link's text in plain text: {@code " (target)"} for a safe target that the
     * text does not already show ({@code mailto:} shown as the bare address), else {@code null}.
     */
    static String shownTarget(Element a) {
        String url = safeHref(a);
        if (url == null) {
            return null;
        }
        String shown = url.regionMatches(true, 0, "mailto:", 0, 7) ? url.substring(7) : url;
        String text = a.text().strip();
        if (text.equalsIgnoreCase(shown) || text.equalsIgnoreCase(url)) {
            return null;
        }
        return " (" + shown + ")";
    }

    /**
     * Whether a link the cleaner kept keeps its target: it must hold something once the
     * character rules are applied, which it then holds (else the link is unwrapped).
     */
    static boolean keepTarget(Element a) {
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
}
