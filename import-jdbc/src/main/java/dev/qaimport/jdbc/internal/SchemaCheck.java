package dev.qaimport.jdbc.internal;

import dev.qaimport.jdbc.Dialect;
import dev.qaimport.spi.StoreException;
import dev.qaimport.spi.StoreException.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/** The store's start-up check that the schema is installed: {@code ImportStore.verify()}. */
final class SchemaCheck {
    private SchemaCheck() {
    }

    /**
     * Checks that every table (with {@code prefix}) exists with every column this version uses,
     * and (on MariaDB) that the session is strict.
     *
     * @throws StoreException of kind {@code FATAL} saying what is missing and how to install it,
     *                        or that the database cannot be reached
     */
    static void verify(DataSource dataSource, Dialect dialect, TablePrefix prefix, String description) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            String reason = e instanceof SQLException ? SqlErrors.summary(e.getMessage()) : e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + SqlErrors.summary(e.getMessage()));
            throw new StoreException(Kind.FATAL, "cannot connect to the database at " + description + ": " + reason, e);
        }
        try (c) {
            for (Map.Entry<String, String> entry : Schema.TABLES.entrySet()) {
                String table = prefix.table(entry.getKey());
                if (!selects(c, "SELECT 1 FROM " + table + " WHERE 1 = 0")) {
                    throw new StoreException(Kind.FATAL, "table " + table + " is missing in " + description + ". "
                            + howToInstall(dialect, prefix), null);
                }
                if (!selects(c, "SELECT " + entry.getValue() + " FROM " + table + " WHERE 1 = 0")) {
                    throw new StoreException(Kind.FATAL, "table " + table + " in " + description
                            + " lacks columns this version of qa-import needs (expected " + entry.getValue() + "). "
                            + howToInstall(dialect, prefix), null);
                }
            }
            if (dialect == Dialect.MARIADB) {
                checkStrictMode(c, description);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("checking the qa-import schema in " + description, e);
        }
    }

    private static boolean selects(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Without strict mode MariaDB cuts values that are too long and stores them anyway, which
     * would lose data silently instead of reporting a row error.
     */
    private static void checkStrictMode(Connection c, String description) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode")) {
            String mode = rs.next() ? rs.getString(1) : "";
            if (mode == null || !(mode.contains("STRICT_TRANS_TABLES") || mode.contains("STRICT_ALL_TABLES"))) {
                throw new StoreException(Kind.FATAL, "the MariaDB session at " + description + " is not strict (sql_mode '"
                        + mode + "'): too-long values would be cut silently. Enable STRICT_TRANS_TABLES on the server, "
                        + "or add sessionVariables=sql_mode='STRICT_TRANS_TABLES' to the JDBC URL", null);
            }
        }
    }

    static String howToInstall(Dialect dialect, TablePrefix prefix) {
        if (prefix.isNone()) {
            return "Install the schema with SchemaInstaller.install(dataSource) or JdbcImportStore.builder(dataSource)"
                    + ".installSchema(true), or run " + dialect.schemaResource() + " (in the import-jdbc jar) from your "
                    + "migrations; see docs/SCHEMA.md";
        }
        return "Install the schema with SchemaInstaller.install(dataSource, \"" + prefix + "\") or JdbcImportStore.builder("
                + "dataSource).tablePrefix(\"" + prefix + "\").installSchema(true), or run the script of "
                + "SchemaInstaller.script(Dialect." + dialect.name() + ", \"" + prefix + "\") from your migrations; see docs/SCHEMA.md";
    }
}
