package dev.qaimport.parse.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qaimport.Field;
import dev.qaimport.model.ErrorCodes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the value of one field from a streaming parser into a {@link JsonRecord}, as text or as a
 * list of tags.
 *
 * <p>Numbers and booleans become their text; an object or array where text is expected, and a
 * string the guard cut at {@code Limits.maxFieldChars}, are errors on the field, kept on the
 * record until its row is made. One instance per extractor, for one thread.
 */
final class JsonValueReader {
    private static final int T = Field.TAGS.ordinal();

    private final JsonStringGuard guard;
    private final int maxFieldChars;
    private boolean lastCut;

    /** @param guard the guard that cuts long strings, or {@code null} when Jackson's own limit applies */
    JsonValueReader(JsonStringGuard guard, int maxFieldChars) {
        this.guard = guard;
        this.maxFieldChars = maxFieldChars;
    }

    /** Most characters one field may have. */
    int maxFieldChars() {
        return maxFieldChars;
    }

    /** Whether the string last {@link #read} was cut by the guard at {@code Limits.maxFieldChars}. */
    boolean lastCut() {
        return lastCut;
    }

    /** A string value; sets {@link #lastCut} if the guard cut it. */
    String read(JsonParser p) throws IOException {
        long start = p.currentTokenLocation().getCharOffset();
        String s = p.getText();
        lastCut = guard != null && guard.truncatedWithin(start, p.currentLocation().getCharOffset());
        return s;
    }

    /** The text of a scalar value, {@code null} for a JSON {@code null}. */
    static String scalar(JsonToken t, JsonParser p) throws IOException {
        return t == JsonToken.VALUE_NULL ? null : p.getText();
    }

    /** The message for a value of {@code what}, under {@code key}, that the guard cut. */
    String tooLong(String what, String key) {
        return "the " + what + " (key " + Text.quote(key) + ") is longer than " + Text.count(maxFieldChars)
                + " characters (Limits.maxFieldChars); raise Limits.maxFieldChars / --max-field-chars to import it";
    }

    /**
     * Reads the value of {@code field}, whose first token {@code t} is current, into {@code r},
     * replacing what an earlier key of the record gave it; {@code key} names it in errors.
     */
    void capture(JsonRecord r, Field field, String key, JsonToken t, JsonParser p) throws IOException {
        int f = field.ordinal();
        r.errorCode[f] = null;
        r.errorMessage[f] = null;
        if (field == Field.TAGS) {
            r.values[f] = null;
            if (t == JsonToken.START_ARRAY) {
                r.tags = readTags(r, key, p);
            } else if (t == JsonToken.VALUE_STRING) {
                String s = text(r, field, key, p);
                r.tags = s == null ? List.of() : Tags.split(s);
            } else if (t == JsonToken.START_OBJECT) {
                fieldError(r, field, ErrorCodes.MALFORMED_ROW, "tags (key " + Text.quote(key) + ") is an object; expected a list of strings or one string");
                p.skipChildren();
            } else {
                String s = scalar(t, p);
                r.tags = s == null ? List.of() : Tags.split(s);
            }
            return;
        }
        switch (t) {
            case VALUE_STRING:
                r.values[f] = text(r, field, key, p);
                break;
            case START_OBJECT:
            case START_ARRAY:
                r.values[f] = null;
                fieldError(r, field, ErrorCodes.MALFORMED_ROW, "the " + field.key() + " (key " + Text.quote(key) + ") is " + Text.describeJson(t)
                        + "; expected text");
                p.skipChildren();
                break;
            default:
                r.values[f] = scalar(t, p);
                break;
        }
    }

    /** A string value of {@code field}, an error on the record if it was cut. */
    private String text(JsonRecord r, Field field, String key, JsonParser p) throws IOException {
        String s = read(p);
        if (lastCut) {
            fieldError(r, field, ErrorCodes.TOO_LONG, tooLong(field.key(), key));
        }
        return s;
    }

    /**
     * The tags of an array, stripped, without empty ones; once they pass {@code Limits.maxFieldChars}
     * together the rest are dropped and the tags are an error, so a record holds no more than a
     * field's worth of them.
     */
    private List<String> readTags(JsonRecord r, String key, JsonParser p) throws IOException {
        List<String> tags = new ArrayList<>();
        long chars = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                fieldError(r, Field.TAGS, ErrorCodes.MALFORMED_ROW, "tags (key " + Text.quote(key) + ") holds " + Text.describeJson(t)
                        + "; expected strings");
                p.skipChildren();
                continue;
            }
            String s = t == JsonToken.VALUE_STRING ? text(r, Field.TAGS, key, p) : scalar(t, p);
            if (s == null) {
                continue;
            }
            s = s.strip();
            if (s.isEmpty()) {
                continue;
            }
            chars += s.length();
            if (chars > maxFieldChars) {
                if (r.errorCode[T] == null) {
                    fieldError(r, Field.TAGS, ErrorCodes.TOO_LONG, "the tags (key " + Text.quote(key) + ") are longer than "
                            + Text.count(maxFieldChars) + " characters together (Limits.maxFieldChars)");
                }
                continue;
            }
            tags.add(s);
        }
        return tags;
    }

    /** Notes an error on {@code field}; the first one of the field is the one reported. */
    private static void fieldError(JsonRecord r, Field field, String code, String message) {
        int f = field.ordinal();
        if (r.errorCode[f] == null) {
            r.errorCode[f] = code;
            r.errorMessage[f] = message;
        }
    }
}
