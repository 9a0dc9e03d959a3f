package dev.qaimport.parse.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.parse.internal.JsonRecordSearch.Mode;
import java.io.IOException;
import java.util.List;

/**
 * Reads a JSON document with Jackson's streaming parser, one record object at a time.
 *
 * <p>{@link JsonRecordSearch} finds where the records are and reads the first; from there on this
 * reader only steps from one record to the next, and checks that the document is well-formed to
 * its end. Each record is read by the file's {@link JsonExtractor} into one reused holder.
 */
final class JsonRecordReader extends AbstractRecordReader {
    private final JsonParser parser;
    private final JsonExtractor extractor;
    private Mode mode;
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

    /**
     * Reads the start of the document up to the first record, and queues that record; up to the
     * end of the document if it holds one record or none.
     */
    private void findRecords(ImportOptions options) {
        try {
            JsonRecordSearch search = new JsonRecordSearch(parser, extractor);
            mode = search.find(options.recordsPath());
            if (mode == Mode.GROUPS) {
                groups.enter(search.groupTitle());
            }
            if (search.record() != null) {
                first(search.record());
            } else if (search.nonObjectElement() != null) {
                readAhead(element(search.nonObjectElement()));
            }
            if (mode == Mode.SINGLE || mode == Mode.DONE) {
                drain();
            }
        } catch (JsonProcessingException e) {
            throw JsonSupport.fatal(e, parser.currentLocation(), limits);
        } catch (IOException e) {
            throw readFailed(e);
        }
    }

    /** Queues the record the search found. */
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
                        JsonSupport.skip(parser, v);
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
        long line = JsonSupport.line(parser);
        if (t == JsonToken.START_OBJECT) {
            JsonRecord r = extractor.holder(line);
            extractor.readObject(r, parser);
            return numbered(r);
        }
        JsonSupport.skip(parser, t);
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
            JsonSupport.skip(parser, t);
        }
        JsonToken extra = parser.nextToken();
        if (extra != null) {
            throw new ImportException(ErrorCodes.MALFORMED_FILE, JsonSupport.where(parser.currentTokenLocation())
                    + ": unexpected content after the end of the JSON document (" + Text.describeJson(extra) + ")");
        }
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
