package dev.qaimport.parse.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qaimport.Field;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields mapped explicitly to keys of a record, read wherever the keys are.
 *
 * <p>A mapping is a key, or a dotted path such as {@code acceptedAnswer.text} that descends into
 * nested objects; a key holding a dot is matched whole first, so a file whose keys contain dots
 * still maps without escaping. A field mapped explicitly is no longer filled by its aliases.
 */
final class JsonExplicitPaths {
    private static final int Q = Field.QUESTION.ordinal();
    private static final int A = Field.ANSWER.ordinal();

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
    private final JsonValueReader values;

    JsonExplicitPaths(Map<Field, String> columns, JsonValueReader values) {
        List<Target> list = new ArrayList<>();
        columns.forEach((f, path) -> {
            list.add(new Target(f, path));
            explicit[f.ordinal()] = true;
        });
        this.targets = list.toArray(new Target[0]);
        this.values = values;
    }

    /** Whether {@code field} is mapped explicitly. */
    boolean explicit(Field field) {
        return explicit[field.ordinal()];
    }

    /** Whether {@code key} is, or leads to, a mapped key. */
    boolean relevant(String key) {
        for (Target t : targets) {
            if (t.segments[0].equals(key) || t.path.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** Reads the member {@code name}, whose value token {@code t} is current, if a mapping names it; whether one did. */
    boolean member(JsonRecord r, String name, JsonToken t, JsonParser p) throws IOException {
        return targets.length > 0 && member(r, name, t, p, 0, targets);
    }

    /** {@link #member} at {@code depth} keys down the paths, of which only {@code active} are still followed. */
    private boolean member(JsonRecord r, String name, JsonToken t, JsonParser p, int depth, Target[] active) throws IOException {
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
            values.capture(r, whole.field, whole.path, t, p);
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
                    if (!member(r, inner, v, p, depth + 1, sub)) {
                        JsonSupport.skip(p, v);
                    }
                }
            } else {
                JsonSupport.skip(p, t);
            }
            return true;
        }
        return false;
    }
}
