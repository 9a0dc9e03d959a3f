package dev.qaimport.parse.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads JSON Lines: one object per line, each parsed on its own, so a bad line is a row error
 * and the lines after it still import. Blank lines are not records. A line is held in memory
 * up to {@code 4 × maxFieldChars} characters; the rest of a longer line is skipped unread and the
 * line becomes a row error.
 */
final class JsonLinesRecordReader extends AbstractRecordReader {
    private final TextDecoder decoder;
    private final JsonFactory factory;
    private final JsonExtractor extractor;
    private final long maxLineChars;
    private final char[] in = new char[16 * 1024];
    private int inPos;
    private int inLimit;
    private boolean eof;
    private char[] line = new char[8 * 1024];
    private int lineLength;
    private boolean lineTooLong;
    private long lineNumber;
    private long nextLineNumber = 1;

    private JsonLinesRecordReader(CountingInputStream counter, TextDecoder decoder, ImportOptions options, Limits limits) {
        super(counter, decoder, limits);
        this.decoder = decoder;
        this.factory = JsonSupport.factory(limits, limits.maxFieldChars());
        this.extractor = new JsonExtractor(options.columns(), options.language(), null, limits.maxFieldChars());
        this.maxLineChars = maxRecordChars(limits);
    }

    static JsonLinesRecordReader open(CountingInputStream counter, TextDecoder decoder, ImportOptions options, Limits limits) {
        JsonLinesRecordReader reader = new JsonLinesRecordReader(counter, decoder, options, limits);
        reader.start(() -> {
            if (reader.readAhead(JsonExtractor.CHECK_AHEAD, reader.extractor::hasFirstRecord) == 0) {
                throw new ImportException(ErrorCodes.MALFORMED_FILE, "line 1: the file is empty (or holds only blank lines): "
                        + "expected one JSON object per line");
            }
            reader.extractor.checkFirstRecord();
        });
        return reader;
    }

    @Override
    ParsedRow read() {
        if (extractor.shapes.hasPending()) {
            return extractor.shapes.next(nextRow(extractor.shapes.pendingLine()));
        }
        while (readLine()) {
            if (!lineTooLong && blank()) {
                continue;
            }
            long row = nextRow(lineNumber);
            if (lineTooLong) {
                return broken(ErrorCodes.TOO_LONG, "the line is longer than " + Text.count(maxLineChars)
                        + " characters (4 × Limits.maxFieldChars); raise Limits.maxFieldChars / --max-field-chars to import it");
            }
            return parseLine(row);
        }
        return null;
    }

    private ParsedRow parseLine(long row) {
        JsonRecord rec = extractor.holder(lineNumber);
        try (JsonParser p = factory.createParser(line, 0, lineLength)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                return broken(ErrorCodes.MALFORMED_ROW, "the line is " + Text.describeJson(t) + ", not a JSON object");
            }
            extractor.readObject(rec, p);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                return broken(ErrorCodes.MALFORMED_ROW, "unexpected " + Text.describeJson(extra) + " after the object at column "
                        + p.currentTokenLocation().getColumnNr() + " (one object per line)");
            }
        } catch (StreamConstraintsException e) {
            if (JsonSupport.depth(e)) {
                return broken(ErrorCodes.MALFORMED_ROW, "nested deeper than " + limits.maxJsonDepth()
                        + " levels (Limits.maxJsonDepth); raise Limits.maxJsonDepth / --max-json-depth to import it");
            }
            return broken(ErrorCodes.TOO_LONG, "a value is longer than " + Text.count(limits.maxFieldChars())
                    + " characters (Limits.maxFieldChars); raise Limits.maxFieldChars / --max-field-chars to import it");
        } catch (JsonProcessingException e) {
            String col = e.getLocation() != null && e.getLocation().getColumnNr() > 0 ? " at column " + e.getLocation().getColumnNr() : "";
            return broken(ErrorCodes.MALFORMED_ROW, "not valid JSON" + col + ": " + JsonSupport.reason(e));
        } catch (IOException e) {
            // Parsing characters already in memory: no real I/O can fail here.
            return broken(ErrorCodes.MALFORMED_ROW, "not valid JSON: " + e.getMessage());
        }
        return extractor.finish(rec, row);
    }

    private ParsedRow broken(String code, String message) {
        return ParsedRow.broken(rowError(lineNumber, "row", code, message));
    }

    private boolean blank() {
        for (int i = 0; i < lineLength; i++) {
            char c = line[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\u000b') {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the next line (ended by LF; a CR before it is dropped) into {@link #line}; false at
     * the end of the input. Only LF ends a line: a lone CR is whitespace in JSON.
     */
    private boolean readLine() {
        lineLength = 0;
        lineTooLong = false;
        boolean any = false;
        while (true) {
            if (inPos == inLimit) {
                if (eof) {
                    break;
                }
                int n = decoder.read(in, 0, in.length);
                if (n < 0) {
                    eof = true;
                    break;
                }
                inPos = 0;
                inLimit = n;
            }
            any = true;
            int start = inPos;
            int end = start;
            while (end < inLimit && in[end] != '\n') {
                end++;
            }
            append(start, end);
            if (end < inLimit) {
                inPos = end + 1;
                finishLine();
                return true;
            }
            inPos = end;
        }
        if (!any) {
            return false;
        }
        finishLine();
        return true;
    }

    private void finishLine() {
        lineNumber = nextLineNumber++;
        if (!lineTooLong && lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
    }

    private void append(int start, int end) {
        int n = end - start;
        if (n == 0 || lineTooLong) {
            return;
        }
        if (lineLength + (long) n > maxLineChars) {
            lineTooLong = true;
            return;
        }
        if (lineLength + n > line.length) {
            long size = Math.max((long) line.length * 2, lineLength + (long) n);
            line = Arrays.copyOf(line, (int) Math.min(size, Math.min(maxLineChars, Integer.MAX_VALUE - 16)));
        }
        System.arraycopy(in, start, line, lineLength, n);
        lineLength += n;
    }

    @Override
    public List<String> columns() {
        return extractor.columns();
    }
}
