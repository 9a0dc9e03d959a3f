package dev.qaimport.parse.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qaimport.model.ParsedQA;
import java.io.IOException;
import java.util.Set;

/**
 * Groups of records, {@code {"categories": [{"title": "Billing", "questions": [{question,
 * answer}, …]}, …]}}: which members of a group hold its records and name it, moving from one
 * group's list to the next, and the group's title as the category of its records. For one
 * reader, one thread.
 */
final class JsonGroups {
    /** Lists of records inside a group object. */
    private static final Set<String> LISTS = Set.of("questions", "items", "faqs", "faq", "qa", "qas", "qa pairs", "entries", "records",
            "pairs", "questions answers", "children", "articles");
    /** Members of a group object that name it. */
    private static final Set<String> NAMES = Set.of("title", "name", "category", "heading", "section", "topic", "label");

    private String category;

    /** Whether a member called {@code name} may hold a group's records. */
    static boolean isList(String name) {
        return LISTS.contains(Aliases.normalize(name));
    }

    /** Whether a member called {@code name} may name its group. */
    static boolean isName(String name) {
        return NAMES.contains(Aliases.normalize(name));
    }

    /** Starts reading the list of a group called {@code title} ({@code null} when it has none). */
    void enter(String title) {
        category = title;
    }

    /**
     * After a group's list (its END_ARRAY just read): skips the rest of the group, then enters the
     * next group's list; whether there is one (else the parser is past the array of groups).
     */
    boolean next(JsonParser parser) throws IOException {
        while (parser.nextToken() != JsonToken.END_OBJECT) {
            skip(parser, parser.nextToken());
        }
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                skip(parser, t);
                continue;
            }
            category = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken v = parser.nextToken();
                if (v == JsonToken.START_ARRAY && isList(name)) {
                    return true;
                }
                if (v == JsonToken.VALUE_STRING && category == null && isName(name)) {
                    category = parser.getText();
                }
                skip(parser, v);
            }
        }
        return false;
    }

    /** {@code row} with the group's title as its category when it has none of its own. */
    ParsedRow categorize(ParsedRow row) {
        ParsedQA qa = row.qa();
        if (category == null || qa == null || qa.category() != null) {
            return row;
        }
        return ParsedRow.of(new ParsedQA(qa.row(), qa.line(), qa.question(), qa.answer(), category, qa.tags()));
    }

    private static void skip(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
        }
    }
}
