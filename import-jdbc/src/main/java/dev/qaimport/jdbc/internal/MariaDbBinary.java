package dev.qaimport.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Binary-protocol (server-side) prepared statements on MariaDB Connector/J, for statements that
 * carry large binary values. By default the driver prepares on the client and sends a 1 MB
 * upload chunk as an escaped text literal, growing its buffer as it goes (1.3 GB of garbage for an
 * 84 MB upload) and decoding the chunk from text when reading it back; the binary protocol sends
 * and receives the bytes as they are. Used per statement, so the caller's pool settings are left
 * alone. Loaded only when the driver is on the class path (checked by {@link StoreCore}).
 */
final class MariaDbBinary {
    private MariaDbBinary() {
    }

    /**
     * A binary-protocol statement if {@code c} is a MariaDB Connector/J connection, else a plain
     * one. {@code sql} runs as given: it must carry the table prefix already ({@link Db#sql}).
     */
    static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        if (c.isWrapperFor(org.mariadb.jdbc.Connection.class)) {
            return c.unwrap(org.mariadb.jdbc.Connection.class).prepareInternal(sql, Statement.NO_GENERATED_KEYS,
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, true);
        }
        return c.prepareStatement(sql);
    }
}
