package dev.qaimport.parse.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.RowError;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Record shapes read without a mapping, besides plain question/answer keys:
 * <ul>
 *   <li>chat fine-tuning records, {@code {"messages": [{"role": "user", "content": …},
 *       {"role": "assistant", "content": …}]}} (and ShareGPT's {@code conversations} with
 *       {@code from}/{@code value}): each user turn and the assistant turn after it are one pair,
 *       so a record with several exchanges gives several rows;</li>
 *   <li>instruction records, {@code instruction}/{@code input}/{@code output}: the question is the
 *       instruction, followed by the input after a blank line when the input is not empty.</li>
 * </ul>
 * A plain question or answer key of the same record wins over these. One instance per extractor,
 * for one thread.
 */
final class JsonShapes {
    private static final String TURN_BREAK = "\n\n";

    /** What a record held of these shapes. */
    static final class Values {
        String instruction;
        String input;
        String output;
        boolean chat;
        String chatKey;
        final List<String[]> exchanges = new ArrayList<>(2);
        String chatError;
        String cutError;
        long chars;
    }

    /** An exchange waiting for its row number. */
    private record Pending(long line, String question, String answer, String category, List<String> tags, int index, int of) {
    }

    private final JsonValueReader reader;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();

    JsonShapes(JsonValueReader reader) {
        this.reader = reader;
    }

    /** Whether {@code key} is a member of these shapes (a search for the records must not descend into it). */
    static boolean relevant(String key) {
        return key.equals("messages") || key.equals("conversations");
    }

    /** Reads {@code name} if it belongs to one of these shapes; whether it did. */
    boolean member(JsonRecord r, String name, JsonToken t, JsonParser p) throws IOException {
        switch (name) {
            case "instruction":
            case "input":
            case "output":
                if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
                    return false;
                }
                Values v = values(r);
                String s = t == JsonToken.VALUE_NULL ? null : text(v, name, p);
                if (name.equals("instruction")) {
                    v.instruction = s;
                } else if (name.equals("input")) {
                    v.input = s;
                } else {
                    v.output = s;
                }
                if (!name.equals("input")) {
                    r.strong = true;
                }
                return true;
            case "messages":
            case "conversations":
                if (t != JsonToken.START_ARRAY) {
                    return false;
                }
                Values c = values(r);
                c.chat = true;
                c.chatKey = name;
                r.strong = true;
                readTurns(c, p);
                return true;
            default:
                return false;
        }
    }

    private static Values values(JsonRecord r) {
        if (r.shape == null) {
            r.shape = new Values();
        }
        return r.shape;
    }

    private void readTurns(Values v, JsonParser p) throws IOException {
        String question = null;
        String[] last = null;
        int index = -1;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            index++;
            if (t != JsonToken.START_OBJECT) {
                skip(p, t);
                continue;
            }
            String role = null;
            String content = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if ((key.equals("role") || key.equals("from")) && value == JsonToken.VALUE_STRING) {
                    role = p.getText();
                } else if (v.cutError != null) {
                    skip(p, value); // the record is a row error already: hold nothing more of it
                } else if (key.equals("content") || key.equals("value")) {
                    content = content(v, index, value, p);
                } else {
                    skip(p, value);
                }
            }
            if (role == null || content == null) {
                continue;
            }
            switch (role) {
                case "user":
                case "human":
                    question = question == null ? content : question + TURN_BREAK + content;
                    last = null;
                    break;
                case "assistant":
                case "gpt":
                case "model":
                    if (question != null) {
                        last = new String[] {question, content};
                        v.exchanges.add(last);
                        question = null;
                    } else if (last != null) {
                        last[1] = last[1] + TURN_BREAK + content;
                    }
                    break;
                default:
                    break; // system prompts and tool turns are not part of a pair
            }
        }
        if (question != null) {
            v.exchanges.add(new String[] {question, null});
        }
    }

    /** A turn's text: a string, or the {@code text} parts of an array of content parts. */
    private String content(Values v, int index, JsonToken t, JsonParser p) throws IOException {
        String where = v.chatKey + "[" + index + "]";
        if (t == JsonToken.VALUE_STRING) {
            return text(v, where, p);
        }
        if (t == JsonToken.START_ARRAY) {
            StringBuilder sb = new StringBuilder();
            JsonToken part;
            while ((part = p.nextToken()) != JsonToken.END_ARRAY) {
                if (part == JsonToken.VALUE_STRING) {
                    append(sb, text(v, where, p));
                } else if (part == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        JsonToken value = p.nextToken();
                        if (key.equals("text") && value == JsonToken.VALUE_STRING) {
                            append(sb, text(v, where, p));
                        } else {
                            skip(p, value);
                        }
                    }
                } else {
                    skip(p, part);
                }
            }
            return sb.toString();
        }
        if (t == JsonToken.START_OBJECT && v.chatError == null) {
            v.chatError = "the content of " + v.chatKey + "[" + index + "] is an object; expected text";
        }
        skip(p, t);
        return null;
    }

    /**
     * A string of these shapes; one cut by the guard, or one that takes the record past
     * 4 × {@code Limits.maxFieldChars}, makes the record a row error (and is dropped).
     */
    private String text(Values v, String where, JsonParser p) throws IOException {
        String s = reader.read(p);
        v.chars += s.length();
        long max = 4L * reader.maxFieldChars();
        if (v.cutError == null && reader.lastCut()) {
            v.cutError = "the text of " + where + " is longer than " + Text.count(reader.maxFieldChars())
                    + " characters (Limits.maxFieldChars); raise Limits.maxFieldChars / --max-field-chars to import it";
        } else if (v.cutError == null && v.chars > max) {
            v.cutError = "the record's turns are longer than " + Text.count(max)
                    + " characters together (4 × Limits.maxFieldChars); raise Limits.maxFieldChars / --max-field-chars to import it";
        }
        return v.cutError == null ? s : "";
    }

    private static void append(StringBuilder sb, String s) {
        if (sb.length() > 0) {
            sb.append(TURN_BREAK);
        }
        sb.append(s);
    }

    /**
     * The row of a record that has these shapes and no plain question or answer key, numbered
     * {@code row}, or {@code null} when it has none; the second and later exchanges of a chat
     * record wait for {@link #next}.
     */
    ParsedRow finish(JsonRecord r, long row, String category, List<String> tags) {
        Values v = r.shape;
        if (v == null) {
            return null;
        }
        if (v.cutError != null) {
            v.exchanges.clear();
            return ParsedRow.broken(new RowError(row, r.line, "row", ErrorCodes.TOO_LONG, v.cutError));
        }
        if (v.chat) {
            if (v.chatError != null) {
                return ParsedRow.broken(new RowError(row, r.line, "row", ErrorCodes.MALFORMED_ROW, v.chatError));
            }
            if (v.exchanges.isEmpty()) {
                return ParsedRow.broken(new RowError(row, r.line, "row", ErrorCodes.MALFORMED_ROW, "the " + v.chatKey
                        + " hold no user turn followed by an assistant turn"));
            }
            int of = v.exchanges.size();
            for (int i = 1; i < of; i++) {
                String[] e = v.exchanges.get(i);
                pending.add(new Pending(r.line, e[0], e[1], category, tags, i + 1, of));
            }
            String[] e = v.exchanges.get(0);
            return exchange(row, r.line, e[0], e[1], category, tags, 1, of);
        }
        String question = v.instruction;
        if (question != null && v.input != null && !v.input.isBlank()) {
            question = question + TURN_BREAK + v.input;
        }
        return ParsedRow.of(new ParsedQA(row, r.line, question, v.output, category, tags));
    }

    private static ParsedRow exchange(long row, long line, String q, String a, String category, List<String> tags, int index, int of) {
        if (a == null) {
            return ParsedRow.broken(new RowError(row, line, "answer", ErrorCodes.REQUIRED, "exchange " + index + " of " + of
                    + " of the record has a user turn but no assistant turn after it").withOriginal(q, null));
        }
        return ParsedRow.of(new ParsedQA(row, line, q, a, category, tags));
    }

    /** Whether exchanges of the last record are waiting for their rows. */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The line of the record of the next waiting exchange. */
    long pendingLine() {
        return pending.peek().line();
    }

    /** The next waiting exchange, numbered {@code row}. */
    ParsedRow next(long row) {
        Pending e = pending.poll();
        return exchange(row, e.line(), e.question(), e.answer(), e.category(), e.tags(), e.index(), e.of());
    }

    private static void skip(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
        }
    }
}
