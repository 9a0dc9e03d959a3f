package dev.qaimport.parse.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.parse.internal.JsonRecordSearch.Mode;
import java.io.IOException;

/**
 * Follows an explicit {@code recordsPath} to the records, in place of the search for them.
 *
 * <p>The path is dotted, with numbers for array elements ({@code data.sections.0.items}); a
 * number is read as an index only inside an array, so an object may still have a key
 * {@code "0"}. The values beside the path are skipped unread.
 */
final class JsonRecordsPath {
    private JsonRecordsPath() {
    }

    /**
     * Goes down {@code path} from the root, whose first token {@code t} is current, to the start
     * of the records; whether they are the elements of an array or the values of an object.
     * Fails with {@code MISSING_COLUMNS} where the path leads nowhere.
     */
    static Mode follow(JsonParser parser, String path, JsonToken t) throws IOException {
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
                    JsonSupport.skip(parser, v);
                }
                if (found == null) {
                    throw pathError(parser, path, done + " has no key " + Text.quote(seg));
                }
                cur = found;
            } else if (cur == JsonToken.START_ARRAY && isIndex(seg)) {
                int index = Integer.parseInt(seg);
                JsonToken v = parser.nextToken();
                for (int i = 0; i < index && v != JsonToken.END_ARRAY; i++) {
                    JsonSupport.skip(parser, v);
                    v = parser.nextToken();
                }
                if (v == JsonToken.END_ARRAY) {
                    throw pathError(parser, path, done + " has fewer than " + (index + 1) + " elements");
                }
                cur = v;
            } else {
                throw pathError(parser, path, done + " is " + Text.describeJson(cur) + ", not an object" + (isIndex(seg) ? " or array" : ""));
            }
            done.append('.').append(seg);
        }
        if (cur == JsonToken.START_ARRAY) {
            return Mode.ARRAY;
        }
        if (cur == JsonToken.START_OBJECT) {
            return Mode.MAP;
        }
        throw pathError(parser, path, done + " is " + Text.describeJson(cur) + ", not an array or object of records");
    }

    private static boolean isIndex(String s) {
        // Nine digits at most, so that the index fits an int.
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

    private static ImportException pathError(JsonParser parser, String path, String why) {
        return new ImportException(ErrorCodes.MISSING_COLUMNS, JsonSupport.where(parser.currentLocation()) + ": the records path "
                + Text.quote(path) + " does not lead to the records: " + why);
    }
}
