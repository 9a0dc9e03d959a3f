package dev.qaimport.it;

import dev.qaimport.QaImport;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.spi.ImportStore;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh in-memory H2 database per test, with the qa-import schema installed. */
final class Fixture {
    private Fixture() {
    }

    static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:it-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    static JdbcImportStore store(DataSource ds) {
        return JdbcImportStore.builder(ds).installSchema(true).build();
    }

    /** A builder for tests: no automatic start, no recovery sweeper, quick leases. */
    static QaImport.Builder builder(DataSource ds) {
        return builder(store(ds));
    }

    /** The same, over a store the test keeps to look at the database behind the facade. */
    static QaImport.Builder builder(ImportStore store) {
        return QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO)
                .leaseDuration(Duration.ofSeconds(5)).shutdownTimeout(Duration.ofSeconds(5));
    }

    /** A CSV with a header and {@code n} valid rows {@code Question i?} / {@code Answer i.}. */
    static String csv(int n) {
        StringBuilder sb = new StringBuilder("question,answer,category,tags\n");
        for (int i = 1; i <= n; i++) {
            sb.append("Question ").append(i).append("?,Answer ").append(i).append(".,General,a;b\n");
        }
        return sb.toString();
    }
}
