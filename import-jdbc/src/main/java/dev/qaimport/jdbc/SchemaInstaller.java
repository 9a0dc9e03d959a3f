package dev.qaimport.jdbc;

import dev.qaimport.jdbc.internal.Schema;
import dev.qaimport.spi.StoreException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Installs qa-import's tables: picks the {@link Dialect} from the connection and runs the
 * matching script from {@code dev/qaimport/jdbc/schema/}. Idempotent, and safe when several
 * processes install at the same moment (PostgreSQL advisory lock, MariaDB {@code GET_LOCK}; H2
 * has no such lock: installs in one JVM are serialized, and a statement that loses a race with
 * another process, all of them connected through one {@code AUTO_SERVER}, is retried).
 * Stateless and thread-safe.
 *
 * <p>Teams that manage their schema with Flyway or Liquibase copy the script instead: it is plain,
 * idempotent SQL ({@link #script(Dialect)} returns it).
 */
public final class SchemaInstaller {
    private SchemaInstaller() {
    }

    /**
     * Creates every missing table and index through {@code dataSource}; existing ones are left
     * alone. The connection's current schema (PostgreSQL, H2) or database (MariaDB) receives them.
     *
     * @return the dialect found
     * @throws StoreException if the database cannot be reached or refuses the DDL (for example
     *                        for lack of privileges)
     */
    public static Dialect install(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return Schema.install(dataSource);
    }

    /** The schema script of {@code dialect}, as shipped in {@link Dialect#schemaResource()}. */
    public static String script(Dialect dialect) {
        return Schema.script(Objects.requireNonNull(dialect, "dialect"));
    }
}
