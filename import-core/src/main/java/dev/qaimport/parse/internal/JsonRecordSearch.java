package dev.qaimport.parse.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds where the records of a JSON document are, reading it with the streaming parser only up
 * to the first record.
 *
 * <p>Where the records are: a top-level array; or, in an object, the first member holding an
 * array of objects that look like records (or any array of objects under a well-known name such
 * as {@code items}, {@code data}, {@code qa_pairs}, {@code faqs}, {@code mainEntity}), searched
 * through nested objects such as {@code {"data": {"items": [...]}}}; or an object whose members
 * are record objects (keyed by slug); or a top-level object that is itself one record. Members
 * that are neither (a {@code _meta} object, a list of strings) are skipped. An explicit
 * {@code recordsPath} replaces the search ({@link JsonRecordsPath}).
 *
 * <p>A streaming parser cannot go back, so objects are read as records while they are searched:
 * the search ends just past the first record and hands it over ({@link #record()}) for the reader
 * to number. One search reads the start of one document.
 */
final class JsonRecordSearch {
    /** Where the records are, and so how a reader moves from one to the next. */
    enum Mode {
        /** The elements of an array. */
        ARRAY,
        /** The values of an object's members. */
        MAP,
        /** The root object, the only record. */
        SINGLE,
        /** The lists of records in the elements of an array of groups ({@link JsonGroups}). */
        GROUPS,
        /** None left. */
        DONE
    }

    private enum Outcome { RECORD, FOUND, NOTHING }

    /** How deep the search for the records goes into wrapper objects. */
    private static final int MAX_SEARCH_DEPTH = 4;
    private static final Set<String> RECORD_LISTS = Set.of("items", "item", "data", "qa pairs", "qa", "qas", "faqs", "faq", "questions",
            "records", "rows", "entries", "results", "mainentity", "questions answers", "pairs", "list", "values", "elements");

    private final JsonParser parser;
    private final JsonExtractor extractor;
    private Mode mode;
    private JsonRecord record;
    private JsonToken nonObject;
    private String groupTitle;
    private boolean emptyListSeen;
    private final List<String> skippedLists = new ArrayList<>();

    JsonRecordSearch(JsonParser parser, JsonExtractor extractor) {
        this.parser = parser;
        this.extractor = extractor;
    }

    /**
     * Reads the start of the document, from its first token, up to the first record; where the
     * records are. Fails with {@code MALFORMED_FILE} when the document is empty or neither an
     * array nor an object, and with {@code MISSING_COLUMNS} when it holds no records (an empty
     * list of them aside) or {@code recordsPath} ({@code null} to search) does not lead to them.
     */
    Mode find(String recordsPath) throws IOException {
        JsonToken t = parser.nextToken();
        if (t == null) {
            throw new ImportException(ErrorCodes.MALFORMED_FILE, "line 1: the file is empty: expected a JSON array of records "
                    + "or an object holding one");
        }
        if (recordsPath != null) {
            mode = JsonRecordsPath.follow(parser, recordsPath, t);
        } else if (t == JsonToken.START_ARRAY) {
            mode = Mode.ARRAY;
            firstElement();
        } else if (t == JsonToken.START_OBJECT) {
            JsonRecord root = new JsonRecord(JsonSupport.line(parser), true);
            Outcome o = probeObject(root, 0, false);
            if (o == Outcome.RECORD) {
                mode = Mode.SINGLE;
                record = root;
            } else if (o == Outcome.NOTHING) {
                if (!emptyListSeen) {
                    throw noRecords(root.keys);
                }
                mode = Mode.DONE;
            }
        } else {
            throw new ImportException(ErrorCodes.MALFORMED_FILE, JsonSupport.where(parser.currentTokenLocation())
                    + ": expected a JSON array of records or an object holding one, but the document is " + Text.describeJson(t));
        }
        return mode;
    }

    /** The first record, read in full during the search, or {@code null} if there was none to read. */
    JsonRecord record() {
        return record;
    }

    /**
     * The first element of a top-level array when it is not an object (so a row error for the
     * reader to make), its token current; else {@code null}.
     */
    JsonToken nonObjectElement() {
        return nonObject;
    }

    /** In {@link Mode#GROUPS}, the title of the first group, or {@code null} when it has none. */
    String groupTitle() {
        return groupTitle;
    }

    /**
     * Reads the first element of a top-level array: a record, or a group holding a list of
     * records (then the array is a list of groups). Nested members are not searched otherwise.
     */
    private void firstElement() throws IOException {
        JsonToken e = parser.nextToken();
        if (e == JsonToken.END_ARRAY) {
            mode = Mode.DONE;
        } else if (e == JsonToken.START_OBJECT) {
            JsonRecord r = new JsonRecord(JsonSupport.line(parser), true);
            if (probeObject(r, MAX_SEARCH_DEPTH, true) != Outcome.FOUND) {
                record = r;
            }
        } else {
            nonObject = e;
        }
    }

    private ImportException noRecords(List<String> keys) {
        StringBuilder m = new StringBuilder(JsonSupport.where(parser.currentLocation())).append(": found no records: expected an array of objects")
                .append(" with question and answer keys, or an object holding one; the top-level keys are ").append(Text.quoteAll(keys, 30));
        if (!skippedLists.isEmpty()) {
            m.append(". Arrays of objects that did not look like records: ").append(Text.quoteAll(skippedLists, 10))
                    .append("; name the one to read with recordsPath and map its keys with --map question=KEY,answer=KEY");
        } else {
            m.append("; name the array with recordsPath (dotted, e.g. data.items)");
        }
        return new ImportException(ErrorCodes.MISSING_COLUMNS, m.toString());
    }

    /**
     * Reads the object the parser just entered, looking for the records inside it while it does
     * not look like a record itself.
     */
    private Outcome probeObject(JsonRecord r, int depth, boolean element) throws IOException {
        String title = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            if (element && v == JsonToken.VALUE_STRING && title == null && JsonGroups.isName(name)) {
                title = parser.getText();
            }
            if (element && v == JsonToken.START_ARRAY && !r.matched() && JsonGroups.isList(name)) {
                if (probeGroup(title, depth)) {
                    return Outcome.FOUND;
                }
                continue; // a list that held no records, skipped
            }
            if (!r.matched() && depth < MAX_SEARCH_DEPTH && (v == JsonToken.START_ARRAY || v == JsonToken.START_OBJECT)
                    && (!extractor.relevant(name) || (v == JsonToken.START_ARRAY && Aliases.isCategory(name)))) {
                if (r.keys != null && r.keys.size() < 200) {
                    r.keys.add(name);
                    r.samples.add("");
                }
                if (v == JsonToken.START_ARRAY) {
                    if (probeArray(name, depth + 1)) {
                        return Outcome.FOUND;
                    }
                    continue;
                }
                JsonRecord inner = new JsonRecord(JsonSupport.line(parser), true);
                Outcome o = probeObject(inner, depth + 1, false);
                if (o == Outcome.FOUND) {
                    return Outcome.FOUND;
                }
                if (o == Outcome.RECORD) {
                    // This object maps names (slugs) to records.
                    mode = Mode.MAP;
                    record = inner;
                    return Outcome.FOUND;
                }
                continue;
            }
            extractor.member(r, name, v, parser);
        }
        return r.matched() ? Outcome.RECORD : Outcome.NOTHING;
    }

    /**
     * In an element of an array, a member holding a list of records
     * under a name such as {@code questions} makes the element a group, and the array a list of
     * groups whose titles ({@code title}) are the categories of their records; whether it did. The
     * parser is just inside the list; a list that does not hold records is skipped.
     */
    private boolean probeGroup(String title, int depth) throws IOException {
        JsonToken e = parser.nextToken();
        if (e == JsonToken.START_OBJECT) {
            JsonRecord first = new JsonRecord(JsonSupport.line(parser), true);
            if (probeObject(first, depth + 1, false) == Outcome.RECORD) {
                mode = Mode.GROUPS;
                groupTitle = title;
                record = first;
                return true;
            }
        } else {
            JsonSupport.skip(parser, e);
        }
        while (e != JsonToken.END_ARRAY && (e = parser.nextToken()) != JsonToken.END_ARRAY) {
            JsonSupport.skip(parser, e);
        }
        return false;
    }

    /** Looks at the array the parser just entered; whether it holds the records. */
    private boolean probeArray(String name, int depth) throws IOException {
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_ARRAY) {
            emptyListSeen = true;
            return false;
        }
        if (t == JsonToken.START_OBJECT) {
            JsonRecord first = new JsonRecord(JsonSupport.line(parser), true);
            Outcome o = probeObject(first, depth, true);
            if (o == Outcome.FOUND) {
                return true;
            }
            if (o == Outcome.RECORD || RECORD_LISTS.contains(Aliases.normalize(name))) {
                mode = Mode.ARRAY;
                record = first;
                return true;
            }
            skippedLists.add(name);
        } else {
            JsonSupport.skip(parser, t);
        }
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            JsonSupport.skip(parser, t);
        }
        return false;
    }
}
