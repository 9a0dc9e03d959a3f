package dev.qaimport.parse.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a JSON document with Jackson's streaming parser, one record object at a time.
 *
 * <p>Where the records are: a top-level array; or, in an object, the first member holding an
 * array of objects that look like records (or any array of objects under a well-known name such
 * as {@code items}, {@code data}, {@code qa_pairs}, {@code faqs}, {@code mainEntity}), searched
 * through nested objects such as {@code {"data": {"items": [...]}}}; or an object whose members
 * are record objects (keyed by slug); or a top-level object that is itself one record. Members
 * that are neither (a {@code _meta} object, a list of strings) are skipped. An explicit
 * {@code recordsPath} (dotted, with numbers for array elements) replaces the search.
 */
final class JsonRecordReader extends AbstractRecordReader {
    /** How deep the search for the records goes into wrapper objects. */
    private static final int MAX_SEARCH_DEPTH = 4;
    private static final Set<String> RECORD_LISTS = Set.of("items", "item", "data", "qa pairs", "qa", "qas", "faqs", "faq", "questions",
            "records", "rows", "entries", "results", "mainentity", "questions answers", "pairs", "list", "values", "elements");

    private enum Mode { ARRAY, MAP, SINGLE, GROUPS, DONE }

    private enum Outcome { RECORD, FOUND, NOTHING }

    private final JsonParser parser;
    private final JsonExtractor extractor;
    private Mode mode;
    private boolean emptyListSeen;
    private final List<String> skippedLists = new ArrayList<>();
    private final JsonGroups groups = new JsonGroups();

    private JsonRecordReader(CountingInputStream counter, TextDecoder decoder, JsonParser parser, JsonExtractor extractor, Limits limits) {
        super(counter, decoder, limits);
        this.parser = parser;
        this.extractor = extractor;
    }

    static JsonRecordReader open(CountingInputStream counter, TextDecoder decoder, ImportOptions options, Limits limits) {
        JsonStringGuard guard = new JsonStringGuard(decoder, limits.maxFieldChars());
        // The guard cuts strings first; Jackson's own limit is only a backstop.
        JsonFactory factory = JsonSupport.factory(limits, limits.maxFieldChars() == Integer.MAX_VALUE ? Integer.MAX_VALUE : limits.maxFieldChars() + 1);
        JsonParser parser;
        try {
            parser = factory.createParser(guard);
        } catch (IOException e) {
            throw readFailed(e);
        }
        JsonExtractor extractor = new JsonExtractor(options.columns(), options.language(), guard, limits.maxFieldChars());
        JsonRecordReader reader = new JsonRecordReader(counter, decoder, parser, extractor, limits);
        reader.start(() -> {
            reader.findRecords(options);
            reader.readAhead(JsonExtractor.CHECK_AHEAD, extractor::hasFirstRecord);
            extractor.checkFirstRecord();
        });
        return reader;
    }

    /** Reads the start of the document up to the first record, or up to its end if it holds one record or none. */
    private void findRecords(ImportOptions options) {
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                throw new ImportException(ErrorCodes.MALFORMED_FILE, "line 1: the file is empty: expected a JSON array of records "
                        + "or an object holding one");
            }
            if (options.recordsPath() != null) {
                navigate(options.recordsPath(), t);
            } else if (t == JsonToken.START_ARRAY) {
                mode = Mode.ARRAY;
                firstElement();
            } else if (t == JsonToken.START_OBJECT) {
                JsonRecord root = new JsonRecord(line(), true);
                Outcome o = probeObject(root, 0, false);
                if (o == Outcome.RECORD) {
                    mode = Mode.SINGLE;
                    first(root);
                    drain();
                } else if (o == Outcome.NOTHING) {
                    if (!emptyListSeen) {
                        throw noRecords(root.keys);
                    }
                    mode = Mode.DONE;
                    drain();
                }
            } else {
                throw new ImportException(ErrorCodes.MALFORMED_FILE, JsonSupport.where(parser.currentTokenLocation())
                        + ": expected a JSON array of records or an object holding one, but the document is " + Text.describeJson(t));
            }
        } catch (JsonProcessingException e) {
            throw JsonSupport.fatal(e, parser.currentLocation(), limits);
        } catch (IOException e) {
            throw readFailed(e);
        }
    }

    /**
     * Reads the first element of a top-level array: a record, or a group holding a list of
     * records (then the array is a list of groups). Nested members are not searched otherwise.
     */
    private void firstElement() throws IOException {
        JsonToken e = parser.nextToken();
        if (e == JsonToken.END_ARRAY) {
            mode = Mode.DONE;
            drain();
        } else if (e == JsonToken.START_OBJECT) {
            JsonRecord r = new JsonRecord(line(), true);
            if (probeObject(r, MAX_SEARCH_DEPTH, true) != Outcome.FOUND) {
                first(r);
            }
        } else {
            readAhead(element(e));
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

    /** Goes down {@code path} from the root (current token {@code t}) to the records. */
    private void navigate(String path, JsonToken t) throws IOException {
        String[] segments = path.split("\\.", -1);
        JsonToken cur = t;
        StringBuilder done = new StringBuilder("$");
        for (String seg : segments) {
            if (cur == JsonToken.START_OBJECT) {
                JsonToken found = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken v = parser.nextToken();
                    if (name.equals(seg)) {
                        found = v;
                        break;
                    }
                    skip(v);
                }
                if (found == null) {
                    throw pathError(path, done + " has no key " + Text.quote(seg));
                }
                cur = found;
            } else if (cur == JsonToken.START_ARRAY && isIndex(seg)) {
                int index = Integer.parseInt(seg);
                JsonToken v = parser.nextToken();
                for (int i = 0; i < index && v != JsonToken.END_ARRAY; i++) {
                    skip(v);
                    v = parser.nextToken();
                }
                if (v == JsonToken.END_ARRAY) {
                    throw pathError(path, done + " has fewer than " + (index + 1) + " elements");
                }
                cur = v;
            } else {
                throw pathError(path, done + " is " + Text.describeJson(cur) + ", not an object" + (isIndex(seg) ? " or array" : ""));
            }
            done.append('.').append(seg);
        }
        if (cur == JsonToken.START_ARRAY) {
            mode = Mode.ARRAY;
        } else if (cur == JsonToken.START_OBJECT) {
            mode = Mode.MAP;
        } else {
            throw pathError(path, done + " is " + Text.describeJson(cur) + ", not an array or object of records");
        }
    }

    private static boolean isIndex(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private ImportException pathError(String path, String why) {
        return new ImportException(ErrorCodes.MISSING_COLUMNS, JsonSupport.where(parser.currentLocation()) + ": the records path "
                + Text.quote(path) + " does not lead to the records: " + why);
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
                JsonRecord inner = new JsonRecord(line(), true);
                Outcome o = probeObject(inner, depth + 1, false);
                if (o == Outcome.FOUND) {
                    return Outcome.FOUND;
                }
                if (o == Outcome.RECORD) {
                    // This object maps names (slugs) to records.
                    mode = Mode.MAP;
                    first(inner);
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
            JsonRecord record = new JsonRecord(line(), true);
            if (probeObject(record, depth + 1, false) == Outcome.RECORD) {
                mode = Mode.GROUPS;
                groups.enter(title);
                first(record);
                return true;
            }
        } else {
            skip(e);
        }
        while (e != JsonToken.END_ARRAY && (e = parser.nextToken()) != JsonToken.END_ARRAY) {
            skip(e);
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
            JsonRecord element = new JsonRecord(line(), true);
            Outcome o = probeObject(element, depth, true);
            if (o == Outcome.FOUND) {
                return true;
            }
            if (o == Outcome.RECORD || RECORD_LISTS.contains(Aliases.normalize(name))) {
                mode = Mode.ARRAY;
                first(element);
                return true;
            }
            skippedLists.add(name);
        } else {
            skip(t);
        }
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            skip(t);
        }
        return false;
    }

    /** Queues a record found while searching for the records. */
    private void first(JsonRecord r) {
        readAhead(numbered(r));
    }

    private ParsedRow numbered(JsonRecord r) {
        ParsedRow row = extractor.finish(r, nextRow(r.line));
        return mode == Mode.GROUPS ? groups.categorize(row) : row;
    }

    @Override
    ParsedRow read() {
        if (extractor.shapes.hasPending()) {
            return extractor.shapes.next(nextRow(extractor.shapes.pendingLine()));
        }
        try {
            while (true) {
                switch (mode) {
                    case ARRAY: {
                        JsonToken t = parser.nextToken();
                        if (t == JsonToken.END_ARRAY) {
                            mode = Mode.DONE;
                            drain();
                            return null;
                        }
                        return element(t);
                    }
                    case GROUPS: {
                        JsonToken t = parser.nextToken();
                        if (t == JsonToken.END_ARRAY) {
                            if (!groups.next(parser)) {
                                mode = Mode.DONE;
                                drain();
                                return null;
                            }
                            break;
                        }
                        return element(t);
                    }
                    case MAP: {
                        JsonToken t = parser.nextToken();
                        if (t != JsonToken.FIELD_NAME) {
                            mode = Mode.DONE;
                            drain();
                            return null;
                        }
                        JsonToken v = parser.nextToken();
                        if (v == JsonToken.START_OBJECT) {
                            return element(v);
                        }
                        skip(v);
                        break;
                    }
                    default:
                        return null;
                }
            }
        } catch (JsonProcessingException e) {
            throw JsonSupport.fatal(e, parser.currentLocation(), limits);
        } catch (IOException e) {
            throw readFailed(e);
        }
    }

    private ParsedRow element(JsonToken t) throws IOException {
        long line = line();
        if (t == JsonToken.START_OBJECT) {
            JsonRecord r = extractor.holder(line);
            extractor.readObject(r, parser);
            return numbered(r);
        }
        skip(t);
        nextRow(line);
        return ParsedRow.broken(rowError(line, "row", ErrorCodes.MALFORMED_ROW, "the record is " + Text.describeJson(t)
                + "; expected an object with question and answer keys"));
    }

    /** Reads past the records to the end of the document, which must be well-formed and end there. */
    private void drain() throws IOException {
        while (!parser.getParsingContext().inRoot()) {
            JsonToken t = parser.nextToken();
            if (t == null) {
                break;
            }
            skip(t);
        }
        JsonToken extra = parser.nextToken();
        if (extra != null) {
            throw new ImportException(ErrorCodes.MALFORMED_FILE, JsonSupport.where(parser.currentTokenLocation())
                    + ": unexpected content after the end of the JSON document (" + Text.describeJson(extra) + ")");
        }
    }

    private void skip(JsonToken t) throws IOException {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            parser.skipChildren();
        }
    }

    private long line() {
        JsonLocation l = parser.currentTokenLocation();
        return Math.max(1, l.getLineNr());
    }

    @Override
    public List<String> columns() {
        return extractor.columns();
    }

    @Override
    void closeParser() throws IOException {
        parser.close();
    }
}
