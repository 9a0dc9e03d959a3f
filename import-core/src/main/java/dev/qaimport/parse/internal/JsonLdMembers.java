package dev.qaimport.parse.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the schema.org JSON-LD members of a record object, {@code name} with
 * {@code acceptedAnswer.text}, so a {@code Question} needs no mapping.
 *
 * <p>{@code name} is too common a key to be the question on its own: it counts only next to an
 * {@code acceptedAnswer} or with {@code "@type": "Question"} ({@link JsonRecord#jsonLdQuestion}),
 * and a plain question or answer key of the same record wins over it.
 */
final class JsonLdMembers {
    private final JsonValueReader values;

    JsonLdMembers(JsonValueReader values) {
        this.values = values;
    }

    /** Whether {@code key} is a member read here that a search for the records must not descend into. */
    static boolean relevant(String key) {
        return key.equals("acceptedAnswer");
    }

    /** Reads the member {@code name}, whose value token {@code t} is current, if it is one of these; whether it did. */
    boolean member(JsonRecord r, String name, JsonToken t, JsonParser p) throws IOException {
        switch (name) {
            case "name":
                if (t == JsonToken.VALUE_STRING) {
                    r.ldName = values.read(p);
                    r.ldNameCut = values.lastCut();
                    return true;
                }
                return false;
            case "@type":
                if (t == JsonToken.VALUE_STRING) {
                    r.ldQuestionType = "Question".equals(p.getText());
                    return true;
                }
                return false;
            case "acceptedAnswer":
                r.ldAnswerSeen = true;
                r.strong = true;
                if (t == JsonToken.VALUE_STRING) {
                    r.ldAnswer = values.read(p);
                    r.ldAnswerCut = values.lastCut();
                    return true;
                }
                if (t == JsonToken.START_OBJECT) {
                    acceptedAnswer(r, p);
                    return true;
                }
                return false;
            default:
                return false;
        }
    }

    /** Reads the {@code text} of an {@code acceptedAnswer} object, skipping its other members. */
    private void acceptedAnswer(JsonRecord r, JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String inner = p.currentName();
            JsonToken v = p.nextToken();
            if (inner.equals("text") && v == JsonToken.VALUE_STRING) {
                r.ldAnswer = values.read(p);
                r.ldAnswerCut = values.lastCut();
            } else if (inner.equals("text") && v.isScalarValue()) {
                r.ldAnswer = JsonValueReader.scalar(v, p);
            } else {
                JsonSupport.skip(p, v);
            }
        }
    }
}
