package dev.qaimport.parse.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.qaimport.ImportException;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import java.io.IOException;

/**
 * The Jackson set-up shared by the JSON and JSON Lines readers, the few parser moves they all
 * make, and how its errors are worded.
 */
final class JsonSupport {
    private JsonSupport() {
    }

    /**
     * A factory enforcing {@code limits}: nesting depth, and string and key length. Field names
     * are not canonicalized, so a file with millions of distinct keys (a map keyed by slug)
     * cannot grow Jackson's symbol table.
     */
    static JsonFactory factory(Limits limits, int maxStringChars) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxJsonDepth())
                        .maxStringLength(maxStringChars)
                        .maxNameLength(maxStringChars)
                        .build())
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .build();
    }

    /** Moves past the value whose first token {@code t} is current, unread. */
    static void skip(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
        }
    }

    /** The line the current token starts on; 1 when Jackson does not know it. */
    static long line(JsonParser p) {
        return Math.max(1, p.currentTokenLocation().getLineNr());
    }

    /** "line 3, column 7" of a location, or "" if unknown. */
    static String where(JsonLocation l) {
        if (l == null || l.getLineNr() < 1) {
            return "";
        }
        return "line " + l.getLineNr() + (l.getColumnNr() > 0 ? ", column " + l.getColumnNr() : "");
    }

    /** Jackson's own words for the problem, first line only, without the location it appends. */
    static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }

    /** Whether a constraint exception is about nesting depth (else it is about a length). */
    static boolean depth(StreamConstraintsException e) {
        String m = e.getOriginalMessage();
        return m != null && m.contains("nesting depth");
    }

    /** The fatal error for a broken JSON document. */
    static ImportException fatal(JsonProcessingException e, JsonLocation fallback, Limits limits) {
        JsonLocation l = e.getLocation() != null ? e.getLocation() : fallback;
        String where = where(l);
        String prefix = where.isEmpty() ? "" : where + ": ";
        if (e instanceof StreamConstraintsException) {
            if (depth((StreamConstraintsException) e)) {
                return new ImportException(ErrorCodes.LIMIT_EXCEEDED, prefix + "the JSON is nested deeper than " + limits.maxJsonDepth()
                        + " levels (Limits.maxJsonDepth); raise Limits.maxJsonDepth / --max-json-depth to import it", e);
            }
            return new ImportException(ErrorCodes.LIMIT_EXCEEDED, prefix + reason(e) + " (Limits.maxFieldChars); raise Limits.maxFieldChars / --max-field-chars to import it", e);
        }
        if (e instanceof JsonEOFException) {
            return new ImportException(ErrorCodes.MALFORMED_FILE, prefix + "the JSON ends before the document is complete (is the file truncated?): "
                    + reason(e), e);
        }
        return new ImportException(ErrorCodes.MALFORMED_FILE, prefix + "not valid JSON: " + reason(e), e);
    }
}
