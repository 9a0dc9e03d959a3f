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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one JSON record object from a streaming parser without building a tree of
 * it: members that hold no field are skipped unread, so a record takes memory only for its
 * question, answer, category and tags.
 *
 * <p>A member is a field when its key is mapped explicitly (a dotted path such as
 * {@code acceptedAnswer.text} descends into nested objects), else when its key is an alias;
 * schema.org JSON-LD ({@code name} with {@code acceptedAnswer.text}) is recognised without a
 * mapping. Numbers and booleans become their text; an object or array where text is expected is
 * a row error.
 *
 * <p>The first record object plays the part of a CSV header: its keys are the file's
 * {@link #columns()} and it must have a key for the question and the answer
 * ({@link #checkFirstRecord}). One extractor reads one file.
 */
final class JsonExtractor {
    private static final int Q = Field.QUESTION.ordinal();
    private static final int A = Field.ANSWER.ordinal();
    private static final int C = Field.CATEGORY.ordinal();
    private static final int T = Field.TAGS.ordinal();
    /** How many records a reader reads ahead at the start to find the first record object. */
    static final int CHECK_AHEAD = 16;
    private static final int MAX_KEYS_KEPT = 200;
    private static final int MAX_CACHED_KEYS = 4096;
    private static final Aliases.Match NO_MATCH = new Aliases.Match(null, Integer.MAX_VALUE);
    /** The rank of a key with a language suffix ({@code q_en}): behind every plain strong alias, ahead of the weak ones. */
    private static final int SUFFIXED = Aliases.WEAK - 1;

    /** An explicit mapping: a field and the path of keys leading to it. */
    private static final class Target {
        final Field field;
        final String path;
        final String[] segments;

        Target(Field field, String path) {
            this.field = field;
            this.path = path;
            this.segments = path.split("\\.", -1);
        }
    }

    private final Target[] targets;
    private final boolean[] explicit = new boolean[Field.values().length];
    private final JsonStringGuard guard;
    private final int maxFieldChars;
    private final Map<Field, String> columns;
    private final Map<String, Aliases.Match> cache = new HashMap<>();
    private final JsonRecord holder = new JsonRecord(1, false);
    private JsonRecord first;
    private List<String> firstKeys = List.of();
    private boolean lastCut;
    /** The language suffix read, once chosen or found in the first record; {@code null} before. */
    private String language;
    private final Set<String> firstLanguages = new LinkedHashSet<>();
    final JsonShapes shapes = new JsonShapes(this);

    JsonExtractor(Map<Field, String> columns, String language, JsonStringGuard guard, int maxFieldChars) {
        this.language = language;
        this.columns = columns;
        List<Target> list = new ArrayList<>();
        columns.forEach((f, path) -> {
            list.add(new Target(f, path));
            explicit[f.ordinal()] = true;
        });
        this.targets = list.toArray(new Target[0]);
        this.guard = guard;
        this.maxFieldChars = maxFieldChars;
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
        if (first.ranks[Q] == SUFFIXED || first.ranks[A] == SUFFIXED) {
            // Fails when the first record holds several languages and none was chosen.
            Languages.choose(first.keys, columns, language, "line " + first.line + " (the first record)", "key");
            if (language == null && firstLanguages.size() == 1) {
                language = firstLanguages.iterator().next();
                cache.clear();
            }
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
        for (Target t : targets) {
            if (t.segments[0].equals(key) || t.path.equals(key)) {
                return true;
            }
        }
        Aliases.Match m = alias(key);
        return (m != null && !explicit[m.field().ordinal()]) || key.equals("acceptedAnswer") || JsonShapes.relevant(key);
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
        if (targets.length > 0 && explicitMember(r, name, t, p, 0, targets)) {
            return;
        }
        Aliases.Match m = alias(name);
        if (m != null && !explicit[m.field().ordinal()]) {
            if (m.rank() == SUFFIXED && first == null) {
                firstLanguages.add(Languages.match(name).language());
            }
            aliasMember(r, m, name, t, p);
        } else if (!jsonLdMember(r, name, t, p) && !shapes.member(r, name, t, p)) {
            skip(p, t);
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
            capture(r, m.field(), name, t, p);
        } else {
            skip(p, t);
        }
    }

    /** Reads a schema.org JSON-LD member ({@code name}, {@code @type}, {@code acceptedAnswer}); whether it read the value. */
    private boolean jsonLdMember(JsonRecord r, String name, JsonToken t, JsonParser p) throws IOException {
        switch (name) {
            case "name":
                if (t == JsonToken.VALUE_STRING) {
                    r.ldName = read(p);
                    r.ldNameCut = lastCut;
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
                    r.ldAnswer = read(p);
                    r.ldAnswerCut = lastCut;
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
                r.ldAnswer = read(p);
                r.ldAnswerCut = lastCut;
            } else if (inner.equals("text") && v.isScalarValue()) {
                r.ldAnswer = scalar(v, p);
            } else {
                skip(p, v);
            }
        }
    }

    private static String sampleText(JsonParser p) throws IOException {
        String s = p.getText();
        // Only the length and the last character matter for guessing a mapping.
        return s.length() > 2000 ? s.substring(0, 1000) + s.substring(s.length() - 1000) : s;
    }

    /** Handles a member named by an explicit path; whether it was one. */
    private boolean explicitMember(JsonRecord r, String name, JsonToken t, JsonParser p, int depth, Target[] active) throws IOException {
        Target whole = null;
        List<Target> deeper = null;
        for (Target tg : active) {
            boolean isWhole = (depth == 0 && tg.path.equals(name))
                    || (tg.segments.length == depth + 1 && tg.segments[depth].equals(name));
            if (isWhole) {
                if (whole == null) {
                    whole = tg;
                }
            } else if (tg.segments.length > depth + 1 && tg.segments[depth].equals(name)) {
                if (deeper == null) {
                    deeper = new ArrayList<>(2);
                }
                deeper.add(tg);
            }
        }
        if (whole != null) {
            int f = whole.field.ordinal();
            r.seen[f] = true;
            r.strong |= f == Q || f == A;
            capture(r, whole.field, whole.path, t, p);
            // The same key mapped to two fields: copy rather than read twice.
            for (Target tg : active) {
                if (tg != whole && tg.path.equals(whole.path)) {
                    int g = tg.field.ordinal();
                    r.seen[g] = true;
                    r.values[g] = r.values[f];
                    if (tg.field == Field.TAGS) {
                        r.tags = r.values[f] == null ? List.of() : Tags.split(r.values[f]);
                    }
                }
            }
            return true;
        }
        if (deeper != null) {
            if (t == JsonToken.START_OBJECT) {
                Target[] sub = deeper.toArray(new Target[0]);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String inner = p.currentName();
                    JsonToken v = p.nextToken();
                    if (!explicitMember(r, inner, v, p, depth + 1, sub)) {
                        skip(p, v);
                    }
                }
            } else {
                skip(p, t);
            }
            return true;
        }
        return false;
    }

    private void capture(JsonRecord r, Field field, String key, JsonToken t, JsonParser p) throws IOException {
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

    /** Whether the string last {@link #read} was cut by the guard at {@code Limits.maxFieldChars}. */
    boolean lastCut() {
        return lastCut;
    }

    /** Most characters one field may have. */
    int maxFieldChars() {
        return maxFieldChars;
    }

    /** A string value; sets {@link #lastCut} if the guard cut it. */
    String read(JsonParser p) throws IOException {
        long start = p.currentTokenLocation().getCharOffset();
        String s = p.getText();
        lastCut = guard != null && guard.truncatedWithin(start, p.currentLocation().getCharOffset());
        return s;
    }

    /** A string value of {@code field}, an error on the record if it was cut. */
    private String text(JsonRecord r, Field field, String key, JsonParser p) throws IOException {
        String s = read(p);
        if (lastCut) {
            fieldError(r, field, ErrorCodes.TOO_LONG, tooLong(field.key(), key));
        }
        return s;
    }

    private String tooLong(String what, String key) {
        return "the " + what + " (key " + Text.quote(key) + ") is longer than " + Text.count(maxFieldChars)
                + " characters (Limits.maxFieldChars); raise Limits.maxFieldChars / --max-field-chars to import it";
    }

    private static String scalar(JsonToken t, JsonParser p) throws IOException {
        return t == JsonToken.VALUE_NULL ? null : p.getText();
    }

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

    private static void fieldError(JsonRecord r, Field field, String code, String message) {
        int f = field.ordinal();
        if (r.errorCode[f] == null) {
            r.errorCode[f] = code;
            r.errorMessage[f] = message;
        }
    }

    private static void skip(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
        }
    }

    private Aliases.Match alias(String key) {
        Aliases.Match m = cache.get(key);
        if (m == null) {
            m = Aliases.match(key);
            if (m == null) {
                Languages.Suffixed s = Languages.match(key);
                if (s != null && (language == null || language.equals(s.language()))) {
                    m = new Aliases.Match(s.field(), SUFFIXED);
                } else {
                    m = NO_MATCH;
                }
            }
            // Bounded: a file with millions of distinct keys (a map keyed by slug) must not grow it.
            if (cache.size() < MAX_CACHED_KEYS) {
                cache.put(key, m);
            }
        }
        return m == NO_MATCH ? null : m;
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
            return ParsedRow.broken(new RowError(row, r.line, "question", ErrorCodes.TOO_LONG, tooLong("question", "name"))
                    .withOriginal(question, answer));
        }
        if (ldAnswer && r.ldAnswerCut) {
            return ParsedRow.broken(new RowError(row, r.line, "answer", ErrorCodes.TOO_LONG, tooLong("answer", "acceptedAnswer.text"))
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
