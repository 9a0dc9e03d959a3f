package dev.qaimport.examples.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Locale;

/**
 * Text from an imported file, a database or a provider made safe to print on a terminal. Such
 * text can hold control characters, and a terminal acts on them: ESC (U+001B) and CSI (U+009B,
 * a C1 control) start sequences that move the cursor, rewrite earlier lines, recolour the screen
 * or set the window title, so a crafted FAQ file could forge or hide what the program reports.
 * Every C0 control, DEL and every C1 control is therefore shown as an escape instead.
 */
public final class Printable {
    private Printable() {
    }

    /**
     * {@code s} as one printable line: tab, line feed and carriage return as {@code \t},
     * {@code \n}, {@code \r}, other controls as {@code \}{@code u009b}; {@code null} as "null".
     */
    public static String line(String s) {
        if (s == null) {
            return "null";
        }
        int i = 0;
        while (i < s.length() && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isControl(c)) {
                b.append(c);
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    /** C0 (U+0000-U+001F), DEL (U+007F) and C1 (U+0080-U+009F): the characters a terminal may act on. */
    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    /**
     * Escapes for JSON output: JSON itself only requires C0 controls to be escaped, so a C1
     * control would reach a terminal that shows the JSON; written as {@code \}{@code u009B} the
     * value parses back to the same string.
     */
    static final class JsonEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        JsonEscapes() {
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // Upper-case hex digits, as Jackson writes its own escapes.
            return ch >= 0x80 && ch <= 0x9f ? new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch)) : null;
        }
    }
}
