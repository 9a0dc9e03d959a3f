package dev.qaimport.jdbc;

import dev.qaimport.spi.StoreException;
import java.util.Locale;

/**
 * A database family qa-import has SQL for: the schema file it installs and the statements it
 * runs differ per dialect. Detected from the JDBC driver's {@code DatabaseMetaData}.
 */
public enum Dialect {
    /** H2 2.2.220 or later (needs {@code FOR UPDATE SKIP LOCKED}). */
    H2("h2", "H2"),
    /** PostgreSQL 10 or later. */
    POSTGRESQL("postgresql", "PostgreSQL"),
    /** MariaDB 10.6 or later, or MySQL 8.0 or later (both need {@code SKIP LOCKED}). */
    MARIADB("mariadb", "MariaDB/MySQL");

    private final String id;
    private final String displayName;

    Dialect(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /**
     * The class-path resource holding this dialect's schema script, for example
     * {@code dev/qaimport/jdbc/schema/postgresql.sql}: idempotent SQL that can be copied into a
     * Flyway or Liquibase migration.
     */
    public String schemaResource() {
        return "dev/qaimport/jdbc/schema/" + id + ".sql";
    }

    /** A human-readable name such as {@code PostgreSQL}. */
    public String displayName() {
        return displayName;
    }

    /**
     * The dialect of a database as the driver reports it, checking that the version has the
     * features qa-import needs.
     *
     * @param productName  {@code DatabaseMetaData.getDatabaseProductName()}
     * @param majorVersion {@code DatabaseMetaData.getDatabaseMajorVersion()}
     * @param minorVersion {@code DatabaseMetaData.getDatabaseMinorVersion()}
     * @param version      {@code DatabaseMetaData.getDatabaseProductVersion()}, for messages and
     *                     H2's patch level
     * @throws StoreException of kind {@code FATAL} naming the database when it is not supported
     */
    public static Dialect detect(String productName, int majorVersion, int minorVersion, String version) {
        String name = productName == null ? "" : productName.strip().toLowerCase(Locale.ROOT);
        String found = productName + " " + version;
        if (name.equals("h2")) {
            if (majorVersion < 2 || (majorVersion == 2 && minorVersion < 2) || (majorVersion == 2 && minorVersion == 2 && h2Build(version) < 220)) {
                throw unsupported(found, "H2 2.2.220 or later");
            }
            return H2;
        }
        if (name.equals("postgresql")) {
            if (majorVersion < 10) {
                throw unsupported(found, "PostgreSQL 10 or later");
            }
            return POSTGRESQL;
        }
        if (name.equals("mariadb") || version != null && version.toLowerCase(Locale.ROOT).contains("mariadb")) {
            if (majorVersion < 10 || (majorVersion == 10 && minorVersion < 6)) {
                throw unsupported(found, "MariaDB 10.6 or later");
            }
            return MARIADB;
        }
        if (name.equals("mysql")) {
            if (majorVersion < 8) {
                throw unsupported(found, "MySQL 8.0 or later");
            }
            return MARIADB;
        }
        throw new StoreException(StoreException.Kind.FATAL, "unsupported database '" + productName
                + "': qa-import supports H2 2.2.220+, PostgreSQL 10+, MariaDB 10.6+ and MySQL 8.0+", null);
    }

    private static StoreException unsupported(String found, String needed) {
        return new StoreException(StoreException.Kind.FATAL, "unsupported database version " + found.strip()
                + ": qa-import needs " + needed + " (for FOR UPDATE SKIP LOCKED)", null);
    }

    /** The build number of an H2 version string such as {@code 2.2.224 (2023-09-17)}. */
    private static int h2Build(String version) {
        if (version == null) {
            return 0;
        }
        String[] parts = version.strip().split("[ .]");
        if (parts.length < 3) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
