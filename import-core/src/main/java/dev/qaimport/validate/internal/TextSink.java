package dev.qaimport.validate.internal;

/**
 * The text read from markup, which knows how many line breaks it ends with, so that nested
 * blocks add one separation rather than one each (and without scanning back). Shared by the
 * jsoup traversal ({@link TextCollector}) and the scanner of stored answers
 * ({@link StoredHtmlText}), so both separate blocks alike.
 */
final class TextSink {
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

    /** The separation an element named {@code name} leaves: a blank line, a line break, a space or nothing. */
    void separate(String name) {
        if (HtmlPolicy.PARAGRAPHS.contains(name)) {
            endWithBreaks(2);
        } else if (HtmlPolicy.LINES.contains(name)) {
            endWithBreaks(1);
        } else if (HtmlPolicy.CELLS.contains(name)) {
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
