package dev.qaimport.jdbc.internal;

import dev.qaimport.jdbc.Dialect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Pair ids for {@code IN (<ids>)} lists: without duplicates or {@code null}, in chunks of
 * {@link JdbcBatch#IN_CHUNK}, and as the values each dialect binds.
 */
final class IdLists {
    private IdLists() {
    }

    /** {@code ids} in their first order, without duplicates and without {@code null}. */
    static List<UUID> distinct(Collection<UUID> ids) {
        List<UUID> out = new ArrayList<>(new LinkedHashSet<>(ids));
        out.remove(null);
        return out;
    }

    /** {@code ids} cut into views of at most {@link JdbcBatch#IN_CHUNK}. */
    static List<List<UUID>> chunks(List<UUID> ids) {
        List<List<UUID>> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += JdbcBatch.IN_CHUNK) {
            out.add(ids.subList(from, Math.min(ids.size(), from + JdbcBatch.IN_CHUNK)));
        }
        return out;
    }

    /** The values {@code bindList} takes for {@code ids}: the UUIDs, or on MariaDB (CHAR(36)) their text. */
    static List<Object> values(Db db, List<UUID> ids) {
        List<Object> values = new ArrayList<>(ids.size());
        boolean text = db.dialect() == Dialect.MARIADB;
        for (UUID id : ids) {
            values.add(text ? id.toString() : id);
        }
        return values;
    }
}
