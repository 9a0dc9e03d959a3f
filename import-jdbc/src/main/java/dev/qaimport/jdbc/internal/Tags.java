package dev.qaimport.jdbc.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Tags stored as a JSON array of strings in one text column: portable to every database, readable
 * in a SQL console, and usable with PostgreSQL's {@code ::jsonb} or MySQL's JSON functions.
 * A tiny codec for exactly that shape keeps this module free of a JSON library.
 */
final class Tags {
    private Tags() {
    }

    /** {@code ["a","b"]} for the given tags. */
    static String encode(List<String> tags) {
        StringBuilder out = new StringBuilder(2 + tags.size() * 12);
        out.append('[');
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(tags.get(i), out);
        }
        return out.append(']').toString();
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    /**
     * The tags of a stored JSON array; an empty list for {@code null} or blank text.
     *
     * @throws IllegalArgumentException if the text is not a JSON array of strings
     */
    static List<String> decode(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        Parser p = new Parser(json);
        List<String> tags = p.array();
        p.skipSpace();
        if (p.pos != json.length()) {
            throw p.error("text after the array");
        }
        return tags;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        List<String> array() {
            skipSpace();
            expect('[');
            List<String> out = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                return out;
            }
            while (true) {
                skipSpace();
                out.add(string());
                skipSpace();
                char c = next();
                if (c == ']') {
                    return out;
                }
                if (c != ',') {
                    throw error("expected ',' or ']'");
                }
            }
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"':
                    case '\\':
                    case '/':
                        out.append(e);
                        break;
                    case 'b':
                        out.append('\b');
                        break;
                    case 'f':
                        out.append('\f');
                        break;
                    case 'n':
                        out.append('\n');
                        break;
                    case 'r':
                        out.append('\r');
                        break;
                    case 't':
                        out.append('\t');
                        break;
                    case 'u':
                        if (pos + 4 > s.length()) {
                            throw error("truncated \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                        break;
                    default:
                        throw error("bad escape \\" + e);
                }
            }
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private char next() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos++);
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("expected '" + c + "'");
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("tags column is not a JSON array of strings: " + what + " at offset " + pos);
        }
    }
}
