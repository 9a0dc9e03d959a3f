package dev.qaimport.benchmarks;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A named set of JDBC driver properties under which a contender also runs, such as PostgreSQL's
 * {@code reWriteBatchedInserts=true}.
 *
 * @param name       shown next to the contender's name; empty for the default
 * @param properties driver properties added to the JDBC URL, in name order
 */
public record Variant(String name, Map<String, String> properties) {
    /** No extra properties. */
    public static final Variant DEFAULT = new Variant("", Map.of());

    /** pgjdbc's rewrite of batched INSERTs into multi-row INSERTs. */
    public static final Variant PG_REWRITE = new Variant("reWriteBatchedInserts", Map.of("reWriteBatchedInserts", "true"));

    public Variant {
        Objects.requireNonNull(name, "name");
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    /** {@code contenderId} followed by this variant's name, if any. */
    public String label(String contenderId) {
        return name.isEmpty() ? contenderId : contenderId + " + " + name;
    }
}
