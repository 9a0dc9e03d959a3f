package dev.qaimport.e2e;

import dev.qaimport.jdbc.Dialect;
import dev.qaimport.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the database's catalog says about a test database's tables, through JDBC metadata. */
final class Catalog {
    private Catalog() {
    }

    /**
     * Every table of the test database (lower case) with its columns, the names of its primary key,
     * its foreign keys and its indexes (MariaDB's index of the primary key, always {@code PRIMARY},
     * left out).
     */
    static Map<String, List<String>> tables(TestDatabase db) {
        try (Connection c = db.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String catalog = db.dialect() == Dialect.MARIADB ? c.getCatalog() : null;
            String schema = db.dialect() == Dialect.MARIADB ? null : c.getSchema();
            Map<String, List<String>> out = new TreeMap<>();
            List<String> names = new java.util.ArrayList<>();
            try (ResultSet rs = meta.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String table : names) {
                out.put(lower(table), List.of(String.join(",", columns(meta, catalog, schema, table)),
                        "pk " + String.join(",", values(meta.getPrimaryKeys(catalog, schema, table), "PK_NAME")),
                        "fk " + String.join(",", values(meta.getImportedKeys(catalog, schema, table), "FK_NAME")),
                        "ix " + String.join(",", indexes(meta, catalog, schema, table))));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> columns(DatabaseMetaData meta, String catalog, String schema, String table) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (ResultSet rs = meta.getColumns(catalog, schema, table, "%")) {
            while (rs.next()) {
                out.add(lower(rs.getString("COLUMN_NAME")));
            }
        }
        return out;
    }

    private static TreeSet<String> indexes(DatabaseMetaData meta, String catalog, String schema, String table) throws SQLException {
        TreeSet<String> out = values(meta.getIndexInfo(catalog, schema, table, false, false), "INDEX_NAME");
        out.remove("primary");
        return out;
    }

    private static TreeSet<String> values(ResultSet rs, String column) throws SQLException {
        TreeSet<String> out = new TreeSet<>();
        try (rs) {
            while (rs.next()) {
                String value = rs.getString(column);
                if (value != null) {
                    out.add(lower(value));
                }
            }
        }
        return out;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
