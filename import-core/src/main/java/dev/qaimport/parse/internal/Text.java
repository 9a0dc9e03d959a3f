package dev.qaimport.parse.internal;

import java.util.List;
import java.util.Locale;

/** Small text helpers for messages; used on error paths only. */
final class Text {
    private static final int MAX_SHOWN = 60;

    private Text() {
    }

    /** {@code 1000000} as {@code 1,000,000}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A name as shown in a message: quoted, control characters made visible, shortened. */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_SHOWN) + 8).append('"');
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (n++ >= MAX_SHOWN) {
                b.append('…');
                break;
            }
            if (c == '\t') {
                b.append("\\t");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\ufeff') {
                // C0, DEL and C1: a terminal acts on them (U+009B starts an escape sequence).
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** {@code ["a", "b"]} for a list of names, shortened after {@code max} entries. */
    static String quoteAll(List<String> names, int max) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            if (i == max) {
                b.append("… ").append(names.size() - max).append(" more");
                break;
            }
            b.append(quote(names.get(i)));
        }
        return b.append(']').toString();
    }

    /** What a JSON token is, in words, for messages. */
    static String describeJson(com.fasterxml.jackson.core.JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        switch (t) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.asString() == null ? t.name() : "'" + t.asString() + "'";
        }
    }
}
