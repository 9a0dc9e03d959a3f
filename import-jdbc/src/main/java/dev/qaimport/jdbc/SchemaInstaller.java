package dev.qaimport.jdbc;

import dev.qaimport.jdbc.internal.Schema;
import dev.qaimport.jdbc.internal.TablePrefix;
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
 *
 * <p>With a table prefix ({@link #install(DataSource, String)}, {@link #script(Dialect, String)})
 * every table, constraint and index name starts with it, so that qa-import's tables never clash
 * with an application's own, and installs with different prefixes can share one schema. The store
 * must be built with the same prefix ({@link JdbcImportStore.Builder#tablePrefix}).
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
        return install(dataSource, "");
    }

    /**
     * As {@link #install(DataSource)}, with {@code tablePrefix} in front of every table,
     * constraint and index name; {@code ""} for none.
     *
     * @param tablePrefix a lower-case letter followed by lower-case letters, digits or {@code _},
     *                    at most 16 characters (for example {@code "acme_"}), or {@code ""}
     * @throws IllegalArgumentException if {@code tablePrefix} is not such a prefix, before
     *                                  connecting
     */
    public static Dialect install(DataSource dataSource, String tablePrefix) {
        TablePrefix prefix = TablePrefix.of(tablePrefix);
        Objects.requireNonNull(dataSource, "dataSource");
        return Schema.install(dataSource, prefix);
    }

    /** The schema script of {@code dialect}, as shipped in {@link Dialect#schemaResource()}. */
    public static String script(Dialect dialect) {
        return script(dialect, "");
    }

    /**
     * The schema script of {@code dialect} with {@code tablePrefix} in front of every table,
     * constraint and index name, as {@link #install(DataSource, String)} runs it: for a migration
     * tool's file. A comment line saying so comes first; with {@code ""} it is the script as shipped.
     *
     * @throws IllegalArgumentException if {@code tablePrefix} is not a valid prefix (see
     *                                  {@link #install(DataSource, String)})
     */
    public static String script(Dialect dialect, String tablePrefix) {
        TablePrefix prefix = TablePrefix.of(tablePrefix);
        return Schema.script(Objects.requireNonNull(dialect, "dialect"), prefix);
    }
}
