package dev.qaimport.validate.internal;

import java.text.Normalizer;

/**
 * The character rules every sanitized value follows, written as hand-made loops because they run
 * on every field of every row: control, bidi-override and non-characters removed, line breaks
 * unified, whitespace collapsed and the result normalized to NFC. Stateless and thread-safe.
 *
 * <p>Removed: C0 controls except tab, line feed and carriage return; DEL; C1 controls except NEL;
 * lone surrogates; non-characters (U+FDD0–U+FDEF and every U+xxFFFE/U+xxFFFF); U+FEFF; the bidi
 * embedding, override and isolate controls U+202A–U+202E and U+2066–U+2069, which allow
 * "Trojan Source" spoofing. Kept: ZWJ and ZWNJ, combining marks, variation selectors, the
 * implicit direction marks LRM/RLM/ALM, private-use and unassigned code points.
 *
 * <p>Line breaks: CR LF, CR, NEL, U+2028 and U+2029 become LF. Whitespace: tab, VT, FF and every
 * space separator (Unicode category Zs, which includes NBSP and the ideographic space) count as
 * horizontal space.
 */
public final class TextCleaner {
    private static final int KEEP = 0;
    private static final int DROP = 1;
    private static final int SPACE = 2;
    private static final int TAB = 3;
    private static final int LF = 4;
    private static final int CR = 5;
    private static final int SURROGATE = 6;

    /** How whitespace is treated. */
    public enum Mode {
        /** Every whitespace run, line breaks included, becomes one space; trimmed. */
        SINGLE_LINE,
        /**
         * Runs of horizontal space become one space, spaces next to a line break are dropped,
         * more than two line breaks in a row become two; trimmed.
         */
        MULTI_LINE,
        /** As {@link #MULTI_LINE}, but leading and trailing whitespace is reduced, not removed (text between tags). */
        MULTI_LINE_KEEP_EDGES,
        /** Whitespace kept as it is (inside {@code <pre>}); space separators become spaces. */
        PREFORMATTED
    }

    private TextCleaner() {
    }

    /**
     * Removes the characters that are never kept and turns CR LF and CR into LF, changing nothing
     * else. Applied to raw markup before parsing, so that a control character cannot change how
     * the markup is read, and to link targets.
     */
    static String filter(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            int kind = kind(c);
            if (kind == DROP || kind == CR || (kind == SURROGATE && !validPairAt(s, i))) {
                break;
            }
            i += kind == SURROGATE ? 2 : 1;
        }
        if (i == n) {
            return s;
        }
        StringBuilder out = new StringBuilder(n);
        out.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            switch (kind(c)) {
                case DROP:
                    break;
                case CR:
                    out.append('\n');
                    if (i + 1 < n && s.charAt(i + 1) == '\n') {
                        i++;
                    }
                    break;
                case SURROGATE:
                    if (validPairAt(s, i)) {
                        out.append(c).append(s.charAt(++i));
                    }
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }

    /** Applies the character rules and the whitespace {@code mode} to {@code s}, then normalizes to NFC. */
    public static String clean(CharSequence s, Mode mode) {
        // Nearly all real text is clean already: one read-only pass proves it and saves the copy.
        int verdict = scan(s, mode);
        if (verdict != CHANGES) {
            String result = s.toString();
            return verdict == CLEAN_CHECK_NFC ? nfc(result) : result;
        }
        return rewrite(s, mode);
    }

    private static final int CLEAN = 0;
    private static final int CLEAN_CHECK_NFC = 1;
    private static final int CHANGES = 2;

    /**
     * Whether {@link #rewrite} would return {@code s} unchanged (before NFC): no character to drop
     * or replace, and every whitespace run already in the form {@code mode} gives it.
     */
    private static int scan(CharSequence s, Mode mode) {
        int n = s.length();
        boolean pre = mode == Mode.PREFORMATTED;
        boolean single = mode == Mode.SINGLE_LINE;
        boolean edges = mode == Mode.MULTI_LINE_KEEP_EDGES;
        boolean nfc = false;
        int runStart = -1;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int kind = kind(c);
            if (kind == KEEP) {
                if (runStart >= 0) {
                    if (!reducedRun(s, runStart, i, single, edges && runStart == 0)) {
                        return CHANGES;
                    }
                    runStart = -1;
                }
                if (c >= '\u0300') {
                    nfc = true;
                }
                continue;
            }
            if (kind == SURROGATE) {
                if (!validPairAt(s, i)) {
                    return CHANGES;
                }
                if (runStart >= 0) {
                    if (!reducedRun(s, runStart, i, single, edges && runStart == 0)) {
                        return CHANGES;
                    }
                    runStart = -1;
                }
                nfc = true;
                i++;
                continue;
            }
            if (kind == DROP || kind == CR) {
                return CHANGES;
            }
            if (pre) {
                if ((kind == SPACE && c != ' ') || (kind == LF && c != '\n')) {
                    return CHANGES;
                }
                continue;
            }
            if (runStart < 0) {
                runStart = i;
            }
        }
        if (runStart >= 0 && !pre) {
            if (!edges || !reducedRun(s, runStart, n, single, true)) {
                return CHANGES;
            }
        }
        return nfc ? CLEAN_CHECK_NFC : CLEAN;
    }

    /**
     * Whether the whitespace run {@code [from, to)} is already what {@link #rewrite} emits for it:
     * one space, or (multi-line) one or two line feeds. An edge run may only be that in
     * {@code MULTI_LINE_KEEP_EDGES}; elsewhere an edge run is removed.
     */
    private static boolean reducedRun(CharSequence s, int from, int to, boolean single, boolean leading) {
        if (leading && from == 0 && !single) {
            // Only reached for MULTI_LINE_KEEP_EDGES; a leading run in other modes is removed.
            return isReduced(s, from, to, false);
        }
        if (from == 0) {
            return false;
        }
        return isReduced(s, from, to, single);
    }

    private static boolean isReduced(CharSequence s, int from, int to, boolean single) {
        int len = to - from;
        if (len == 1) {
            char c = s.charAt(from);
            return c == ' ' || (!single && c == '\n');
        }
        return !single && len == 2 && s.charAt(from) == '\n' && s.charAt(from + 1) == '\n';
    }

    /** The full rewrite: applies the character rules and the whitespace mode, then NFC. */
    static String rewrite(CharSequence s, Mode mode) {
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        boolean pre = mode == Mode.PREFORMATTED;
        boolean single = mode == Mode.SINGLE_LINE;
        boolean edges = mode == Mode.MULTI_LINE_KEEP_EDGES;
        boolean space = false;
        int newlines = 0;
        boolean nfc = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int kind = kind(c);
            if (kind == DROP) {
                continue;
            }
            if (kind == KEEP || kind == SURROGATE) {
                char low = 0;
                if (kind == SURROGATE) {
                    if (!validPairAt(s, i)) {
                        continue;
                    }
                    low = s.charAt(++i);
                }
                if ((newlines > 0 || space) && (out.length() > 0 || edges)) {
                    appendRun(out, newlines);
                }
                newlines = 0;
                space = false;
                out.append(c);
                if (low != 0) {
                    out.append(low);
                    nfc = true;
                } else if (c >= '\u0300') {
                    nfc = true;
                }
                continue;
            }
            if (kind == CR) {
                if (i + 1 < n && s.charAt(i + 1) == '\n') {
                    i++;
                }
                kind = LF;
            }
            if (pre) {
                out.append(kind == LF ? '\n' : kind == TAB ? '\t' : ' ');
            } else if (kind == LF && !single) {
                newlines++;
                space = false;
            } else if (newlines == 0) {
                space = true;
            }
        }
        if (edges && (newlines > 0 || space)) {
            appendRun(out, newlines);
        }
        String result = out.toString();
        return nfc ? nfc(result) : result;
    }

    /** Writes what a whitespace run becomes: one or two line feeds if it held any ({@code newlines}), else one space. */
    private static void appendRun(StringBuilder out, int newlines) {
        if (newlines > 0) {
            out.append(newlines > 1 ? "\n\n" : "\n");
        } else {
            out.append(' ');
        }
    }

    private static String nfc(String s) {
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /**
     * Puts a space after every {@code <} that an HTML parser would read as the start of a tag,
     * end tag, comment or processing instruction ({@code <} followed by an ASCII letter, {@code /},
     * {@code !} or {@code ?}). Plain-text values are text, not HTML, but this keeps them inert
     * even for a consumer that forgets to escape them: {@code <script>} becomes {@code < script>}.
     */
    static String neutralizeMarkup(String s) {
        int lt = s.indexOf('<');
        if (lt < 0) {
            return s;
        }
        StringBuilder out = null;
        int copied = 0;
        int n = s.length();
        for (int i = lt; i >= 0 && i < n - 1; i = s.indexOf('<', i + 1)) {
            if (opensMarkup(s.charAt(i + 1))) {
                if (out == null) {
                    out = new StringBuilder(n + 8);
                }
                out.append(s, copied, i + 1).append(' ');
                copied = i + 1;
            }
        }
        if (out == null) {
            return s;
        }
        return out.append(s, copied, n).toString();
    }

    /** Whether {@code c}, following a {@code <}, makes an HTML parser start markup. */
    private static boolean opensMarkup(char c) {
        char lower = (char) (c | 0x20);
        return (lower >= 'a' && lower <= 'z') || c == '/' || c == '!' || c == '?';
    }

    /** Whether the code point is removed by {@link #filter} and {@link #clean} wherever it appears. */
    static boolean isRemoved(int codePoint) {
        if (Character.isBmpCodePoint(codePoint)) {
            int kind = kind((char) codePoint);
            return kind == DROP || kind == SURROGATE;
        }
        return (codePoint & 0xFFFE) == 0xFFFE;
    }

    /** The number of Unicode code points in {@code s}: what "characters" means in every limit. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static boolean validPairAt(CharSequence s, int i) {
        char c = s.charAt(i);
        if (!Character.isHighSurrogate(c) || i + 1 >= s.length()) {
            return false;
        }
        char low = s.charAt(i + 1);
        return Character.isLowSurrogate(low) && (Character.toCodePoint(c, low) & 0xFFFE) != 0xFFFE;
    }

    private static int kind(char c) {
        if (c > ' ' && c < 0x7F) {
            return KEEP;
        }
        if (c == ' ') {
            return SPACE;
        }
        if (c < ' ') {
            switch (c) {
                case '\n':
                    return LF;
                case '\r':
                    return CR;
                case '\t':
                    return TAB;
                case 0x0B:
                case 0x0C:
                    return SPACE;
                default:
                    return DROP;
            }
        }
        if (c < 0xA0) {
            return c == 0x85 ? LF : DROP;
        }
        if (c == 0xA0) {
            return SPACE;
        }
        return c < 0x1680 ? KEEP : rareKind(c);
    }

    private static int rareKind(char c) {
        if (c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000) {
            return SPACE;
        }
        if (c == 0x2028 || c == 0x2029) {
            return LF;
        }
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
            return DROP;
        }
        if (c >= 0xD800 && c <= 0xDFFF) {
            return SURROGATE;
        }
        if ((c >= 0xFDD0 && c <= 0xFDEF) || c == 0xFEFF || c >= 0xFFFE) {
            return DROP;
        }
        return KEEP;
    }
}
