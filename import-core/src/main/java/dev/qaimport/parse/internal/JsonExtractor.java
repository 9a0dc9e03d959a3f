package dev.qaimport.parse.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qaimport.Field;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.RowError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of one JSON record object from a streaming parser without building a tree of
 * it: members that hold no field are skipped unread, so a record takes memory only for its
 * question, answer, category and tags.
 *
 * <p>Each member goes to the first reader that takes it: an explicit mapping
 * ({@link JsonExplicitPaths}), an alias of a field ({@link JsonKeyAliases}), schema.org JSON-LD
 * ({@link JsonLdMembers}), then chat and instruction records ({@link JsonShapes}); the values
 * themselves are read by {@link JsonValueReader}.
 *
 * <p>The first record object plays the part of a CSV header: its keys are the file's
 * {@link #columns()} and it must have a key for the question and the answer
 * ({@link #checkFirstRecord}). One extractor reads one file.
 */
final class JsonExtractor {
    private static final int Q = Field.QUESTION.ordinal();
    private static final int A = Field.ANSWER.ordinal();
    private static final int C = Field.CATEGORY.ordinal();
    /** How many records a reader reads ahead at the start to find the first record object. */
    static final int CHECK_AHEAD = 16;
    private static final int MAX_KEYS_KEPT = 200;

    private final Map<Field, String> columns;
    private final JsonValueReader values;
    private final JsonExplicitPaths paths;
    private final JsonKeyAliases aliases;
    private final JsonLdMembers jsonLd;
    final JsonShapes shapes;
    private final JsonRecord holder = new JsonRecord(1, false);
    private JsonRecord first;
    private List<String> firstKeys = List.of();

    JsonExtractor(Map<Field, String> columns, String language, JsonStringGuard guard, int maxFieldChars) {
        this.columns = columns;
        this.values = new JsonValueReader(guard, maxFieldChars);
        this.paths = new JsonExplicitPaths(columns, values);
        this.aliases = new JsonKeyAliases(language);
        this.jsonLd = new JsonLdMembers(values);
        this.shapes = new JsonShapes(values);
    }

    /**
     * The reusable holder, emptied for a record object starting on {@code line}; it keeps the
     * record's keys until the first record object has been read.
     */
    JsonRecord holder(long line) {
        holder.reset(line, first == null);
        return holder;
    }

    /** Whether the first record object has been read. */
    boolean hasFirstRecord() {
        return first != null;
    }

    /** The keys of the first record object, or none before it has been read. */
    List<String> columns() {
        return firstKeys;
    }

    /**
     * Fails with {@code MISSING_COLUMNS} if the first record object has no key for the question
     * or the answer, as a CSV header would; nothing to check before it has been read.
     */
    void checkFirstRecord() {
        if (first == null) {
            return;
        }
        List<Field> missing = new ArrayList<>(2);
        if (!first.hasQuestion()) {
            missing.add(Field.QUESTION);
        }
        if (!first.hasAnswer()) {
            missing.add(Field.ANSWER);
        }
        if (first.ranks[Q] == JsonKeyAliases.SUFFIXED || first.ranks[A] == JsonKeyAliases.SUFFIXED) {
            aliases.settle(first.keys, columns, "line " + first.line + " (the first record)");
        }
        if (!missing.isEmpty()) {
            throw ColumnMapping.missingKeys(first.keys, first.samples, missing, columns, "line " + first.line + " (the first record)");
        }
    }

    /**
     * Whether {@code key} is a member this extractor reads (so a search for the records must not
     * descend into it).
     */
    boolean relevant(String key) {
        if (paths.relevant(key)) {
            return true;
        }
        Aliases.Match m = aliases.match(key);
        return (m != null && !paths.explicit(m.field())) || JsonLdMembers.relevant(key) || JsonShapes.relevant(key);
    }

    /** Reads all members of the object the parser is in (just after its START_OBJECT) into {@code r}. */
    void readObject(JsonRecord r, JsonParser p) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            member(r, name, p.nextToken(), p);
        }
    }

    /** Reads one member whose value token {@code t} is current. */
    void member(JsonRecord r, String name, JsonToken t, JsonParser p) throws IOException {
        if (r.keys != null && r.keys.size() < MAX_KEYS_KEPT) {
            r.keys.add(name);
            r.samples.add(t.isScalarValue() && t != JsonToken.VALUE_NULL ? sampleText(p) : "");
        }
        if (paths.member(r, name, t, p)) {
            return;
        }
        Aliases.Match m = aliases.match(name);
        if (m != null && !paths.explicit(m.field())) {
            if (m.rank() == JsonKeyAliases.SUFFIXED && first == null) {
                aliases.firstRecordKey(name);
            }
            aliasMember(r, m, name, t, p);
        } else if (!jsonLd.member(r, name, t, p) && !shapes.member(r, name, t, p)) {
            JsonSupport.skip(p, t);
        }
    }

    /** Reads a member whose key is an alias of a field: of several, the best-ranked alias is kept. */
    private void aliasMember(JsonRecord r, Aliases.Match m, String name, JsonToken t, JsonParser p) throws IOException {
        int f = m.field().ordinal();
        r.seen[f] = true;
        if (f == Q || f == A) {
            if (m.rank() < Aliases.WEAK) {
                r.strong = true;
            } else if (f == Q) {
                r.weakQuestion = true;
            } else {
                r.weakAnswer = true;
            }
        }
        if (m.rank() < r.ranks[f]) {
            r.ranks[f] = m.rank();
            values.capture(r, m.field(), name, t, p);
        } else {
            JsonSupport.skip(p, t);
        }
    }

    private static String sampleText(JsonParser p) throws IOException {
        String s = p.getText();
        // Only the length and the last character matter for guessing a mapping.
        return s.length() > 2000 ? s.substring(0, 1000) + s.substring(s.length() - 1000) : s;
    }

    /** The row for a record read into {@code r}, numbered {@code row}; the first record object is kept. */
    ParsedRow finish(JsonRecord r, long row) {
        if (first == null && r.keys != null) {
            // Kept for the key check and columns(); later records reuse the holder.
            first = r == holder ? r.copy() : r;
            firstKeys = Collections.unmodifiableList(new ArrayList<>(first.keys));
        }
        if (r.shape != null && !r.seen[Q] && !r.seen[A] && !r.jsonLdQuestion() && r.errorCode[Q] == null && r.errorCode[A] == null) {
            ParsedRow shaped = shapes.finish(r, row, r.values[C], r.tags == null ? List.of() : r.tags);
            if (shaped != null) {
                return shaped;
            }
        }
        boolean ldQuestion = !r.seen[Q] && r.jsonLdQuestion();
        boolean ldAnswer = !r.seen[A] && r.ldAnswer != null;
        String question = ldQuestion ? r.ldName : r.values[Q];
        String answer = ldAnswer ? r.ldAnswer : r.values[A];
        if (ldQuestion && r.ldNameCut) {
            return ParsedRow.broken(new RowError(row, r.line, "question", ErrorCodes.TOO_LONG, values.tooLong("question", "name"))
                    .withOriginal(question, answer));
        }
        if (ldAnswer && r.ldAnswerCut) {
            return ParsedRow.broken(new RowError(row, r.line, "answer", ErrorCodes.TOO_LONG, values.tooLong("answer", "acceptedAnswer.text"))
                    .withOriginal(question, answer));
        }
        for (Field f : Field.values()) {
            int i = f.ordinal();
            if (r.errorCode[i] != null) {
                return ParsedRow.broken(new RowError(row, r.line, f.key(), r.errorCode[i], r.errorMessage[i]).withOriginal(question, answer));
            }
        }
        return ParsedRow.of(new ParsedQA(row, r.line, question, answer, r.values[C], r.tags == null ? List.of() : r.tags));
    }
}
