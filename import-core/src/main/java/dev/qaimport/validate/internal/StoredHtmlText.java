package dev.qaimport.validate.internal;

import java.util.ArrayList;
import java.util.Locale;

/**
 * Reads the text of stored HTML answers without jsoup. What the sanitizer stores has a small,
 * fixed form: only {@link HtmlPolicy#ALLOWED_ELEMENTS}, properly nested, attribute values quoted,
 * text escaped with {@code &amp;}, {@code &lt;}, {@code &gt;}, {@code &quot;}, {@code &apos;},
 * {@code &nbsp;} or numeric references to ordinary characters. Every stored answer is read this
 * way when it is embedded or shown, and parsing it with jsoup each time cost more than the rest of
 * preparing its embedding. One instance reads one value; the entry point is static and
 * thread-safe.
 */
final class StoredHtmlText {
    private final String html;
    private final int n;
    private final TextSink out = new TextSink();
    private final StringBuilder text;
    private final ArrayList<String> open = new ArrayList<>();
    private int pos;

    private StoredHtmlText(String html) {
        this.html = html;
        this.n = html.length();
        this.text = new StringBuilder(n);
    }

    /**
     * The text {@link TextCollector#collect} would collect (without link targets) from markup of
     * the form the sanitizer writes, or {@code null} for anything else (a comment, another
     * element, a stray or misnested end tag, a block inside a paragraph, another entity, a
     * {@code <} that is not a tag), which the caller then parses with jsoup.
     */
    static String textOf(String html) {
        return new StoredHtmlText(html).read();
    }

    private String read() {
        while (pos < n) {
            char c = html.charAt(pos);
            boolean read;
            if (c == '&') {
                read = reference();
            } else if (c == '<') {
                read = tag();
            } else {
                text.append(c);
                pos++;
                continue;
            }
            if (!read) {
                return null;
            }
        }
        if (!open.isEmpty()) {
            return null;
        }
        flushText();
        return out.toString();
    }

    /** Decodes the character reference at {@code pos}; false unless jsoup would decode it the same way. */
    private boolean reference() {
        int semicolon = html.indexOf(';', pos + 1);
        if (semicolon < 0 || semicolon - pos > 10) {
            return false;
        }
        int decoded = entity(html, pos + 1, semicolon);
        if (decoded < 0) {
            return false;
        }
        text.appendCodePoint(decoded);
        pos = semicolon + 1;
        return true;
    }

    /** Reads the tag at {@code pos} and applies it; false unless it is a tag of an allowed element, properly nested. */
    private boolean tag() {
        boolean end = pos + 1 < n && html.charAt(pos + 1) == '/';
        int j = pos + (end ? 2 : 1);
        int nameStart = j;
        while (j < n && isAsciiLetterOrDigit(html.charAt(j))) {
            j++;
        }
        String name = html.substring(nameStart, j).toLowerCase(Locale.ROOT);
        if (!HtmlPolicy.ALLOWED_ELEMENTS.contains(name)) {
            return false;
        }
        int close = tagEnd(j, end);
        if (close < 0) {
            return false;
        }
        pos = close + 1;
        flushText();
        return apply(name, end);
    }

    /**
     * The index of the {@code >} that ends a tag whose attributes start at {@code from}, or -1 if
     * the tag is not of the stored form (an end tag holds nothing but spaces).
     */
    private int tagEnd(int from, boolean end) {
        int j = from;
        while (j < n && html.charAt(j) != '>') {
            char d = html.charAt(j);
            if (d == '"' || d == '\'') {
                int close = html.indexOf(d, j + 1);
                if (close < 0 || end) {
                    return -1;
                }
                j = close + 1;
            } else if (d == '<' || (end && d != ' ')) {
                return -1;
            } else {
                j++;
            }
        }
        return j < n ? j : -1;
    }

    /** Opens or closes element {@code name} as the HTML parser would; false where it would build another tree. */
    private boolean apply(String name, boolean end) {
        if (name.equals("br")) {
            if (end) {
                return false;
            }
            out.text("\n");
            return true;
        }
        if (end) {
            if (open.isEmpty() || !open.get(open.size() - 1).equals(name)) {
                return false;
            }
            open.remove(open.size() - 1);
        } else {
            if (HtmlPolicy.CLOSES_P.contains(name) && open.contains("p")) {
                return false;
            }
            open.add(name);
            if (name.equals("pre") && pos < n && html.charAt(pos) == '\n') {
                // The HTML parser drops a newline right after <pre>.
                pos++;
            }
        }
        out.separate(name);
        return true;
    }

    private void flushText() {
        if (text.length() > 0) {
            out.text(text.toString());
            text.setLength(0);
        }
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
}
