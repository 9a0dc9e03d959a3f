package dev.qaimport.examples.cli;

import dev.qaimport.Field;
import java.util.EnumMap;
import java.util.Map;

/** Parses {@code --map question=Frage,answer=Antwort}. */
final class MapOption {
    private MapOption() {
    }

    static Map<Field, String> parse(String value) {
        Map<Field, String> out = new EnumMap<>(Field.class);
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 1 || eq == part.length() - 1) {
                throw new UsageException("--map expects field=column pairs separated by commas, e.g. question=Frage,answer=Antwort; got '"
                        + part.strip() + "'");
            }
            Field f;
            try {
                f = Field.parse(part.substring(0, eq));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--map: " + e.getMessage());
            }
            if (out.put(f, part.substring(eq + 1).strip()) != null) {
                throw new UsageException("--map names " + f.key() + " twice");
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("--map is empty; e.g. --map question=Frage,answer=Antwort");
        }
        return out;
    }
}
