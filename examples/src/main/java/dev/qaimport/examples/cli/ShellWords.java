package dev.qaimport.examples.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Command lines the program suggests ("Try: qa-import search …"), written so that a POSIX shell
 * reads every word literally when the user pastes them. The words can come from an imported file,
 * so they are untrusted: a question such as {@code $(rm -rf ~)} must stay text.
 */
final class ShellWords {
    /**
     * Words made only of these need no quotes in sh, bash, zsh or dash (no globbing, expansion or
     * separators); not a leading {@code =}, which zsh expands to a command's path.
     */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*");

    private ShellWords() {
    }

    /**
     * {@code word} as one shell word: unchanged when that is safe, otherwise in single quotes, in
     * which the shell expands nothing; a single quote inside becomes {@code '\''} (close the quotes,
     * an escaped quote, reopen them).
     */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The words joined by spaces, each quoted as needed. */
    static String join(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(quote(w));
        }
        return b.toString();
    }

    /**
     * {@code text} fit to be pasted as an argument: control characters (which the terminal would
     * act on, or which would break the line) and invisible bidirectional controls (which can make
     * the text look different from what the shell receives) left out, white space collapsed, and
     * cut to about {@code max} characters at a word boundary.
     */
    static String argument(String text, int max) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = b.length() > 0;
                continue;
            }
            if (Character.isISOControl(cp) || isBidiControl(cp)) {
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.appendCodePoint(cp);
        }
        if (b.codePointCount(0, b.length()) <= max) {
            return b.toString();
        }
        String cut = b.substring(0, b.offsetByCodePoints(0, max));
        int lastSpace = cut.lastIndexOf(' ');
        return lastSpace > max / 2 ? cut.substring(0, lastSpace) : cut;
    }

    private static boolean isBidiControl(int cp) {
        return cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
    }
}
