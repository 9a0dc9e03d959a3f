package dev.qaimport.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.qaimport.spi.StoreException;
import dev.qaimport.spi.StoreException.Kind;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The HikariCP pool behind {@code JdbcImportStore.fromUrl}, with the driver settings that make
 * batched inserts fast. Kept in its own class so that HikariCP is needed only by callers of
 * {@code fromUrl}. Public only for {@code JdbcImportStore}.
 */
public final class OwnedPool {
    /** Connections in the pool: workers, the embedding stage and readers share them. */
    static final int MAX_POOL_SIZE = 10;

    private OwnedPool() {
    }

    /**
     * A pool for {@code jdbcUrl}; closing the returned {@link AutoCloseable} closes it.
     *
     * @throws StoreException of kind {@code FATAL} if the database cannot be reached, naming the
     *                        URL without its password
     */
    public static DataSource create(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("qa-import");
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        config.setMinimumIdle(1);
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            // Turns a batch of single-row INSERTs into multi-row INSERTs: several times faster.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StoreException(Kind.FATAL, "cannot connect to the database at " + Redact.url(jdbcUrl) + ": "
                    + SqlErrors.summary(cause.getMessage()), cause);
        }
    }
}
