package dev.qaimport.benchmarks;

/** A database the benchmarks run against. */
public enum Database {
    /** H2 in a file (a fresh directory per run). */
    H2("h2", "H2 file"),
    /** PostgreSQL (a fresh schema per run). */
    POSTGRESQL("postgresql", "PostgreSQL"),
    /** MariaDB (a fresh database per run). */
    MARIADB("mariadb", "MariaDB");

    private final String id;
    private final String label;

    Database(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name used on the command line: {@code h2}, {@code postgresql}, {@code mariadb}. */
    public String id() {
        return id;
    }

    /** The name used in reports. */
    public String label() {
        return label;
    }

    /** The database named {@code id} (also accepts {@code pg}). */
    public static Database of(String id) {
        for (Database db : values()) {
            if (db.id.equalsIgnoreCase(id)) {
                return db;
            }
        }
        if ("pg".equalsIgnoreCase(id)) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unknown database: " + id + " (h2, postgresql, mariadb)");
    }

    /**
     * {@code jdbcUrl} with the driver properties of {@code variant} added in this database's URL
     * syntax ({@code ;k=v} for H2, {@code ?k=v&k=v} otherwise).
     */
    public String withProperties(String jdbcUrl, Variant variant) {
        StringBuilder url = new StringBuilder(jdbcUrl);
        variant.properties().forEach((key, value) -> {
            if (this == H2) {
                url.append(';').append(key).append('=').append(value);
            } else {
                url.append(url.indexOf("?") < 0 ? '?' : '&').append(key).append('=').append(value);
            }
        });
        return url.toString();
    }
}
