package dev.qaimport.parse.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A JSON-LD document read into a tree that remembers the line on which each object starts, so
 * that a question found anywhere in it can be located (Jackson's own trees keep no locations).
 * Nesting is bounded by the parser's {@code maxNestingDepth}.
 */
final class JsonLdTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<JsonNode, Long> lines = new IdentityHashMap<>();
    private final JsonNode root;

    private JsonLdTree(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        root = t == null ? null : value(p, t);
        JsonToken extra = root == null ? null : p.nextToken();
        if (extra != null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected content after the end of the JSON document");
        }
    }

    /** Reads the whole document from {@code p}; {@link #root()} is {@code null} for an empty one. */
    static JsonLdTree read(JsonParser p) throws IOException {
        return new JsonLdTree(p);
    }

    JsonNode root() {
        return root;
    }

    /** The line (from 1) on which {@code object} starts, or 1 if it is not an object of this tree. */
    long line(JsonNode object) {
        return lines.getOrDefault(object, 1L);
    }

    private JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                lines.put(o, (long) Math.max(1, p.currentTokenLocation().getLineNr()));
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(value(p, e));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            default:
                return NODES.nullNode();
        }
    }
}
