package dev.qaimport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.spi.StoreException;
import org.junit.jupiter.api.Test;

/** The storage contract on MariaDB, in a database of its own whose sessions run at +05:30. */
class MariaDbStoreTest extends AbstractStoreContractTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mariadb();
    }

    @Override
    protected String createdAtAsUtcTextSql() {
        return "SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f') FROM import_jobs WHERE id = :id";
    }

    @Override
    protected String shortLockTimeoutSql() {
        return "SET SESSION innodb_lock_wait_timeout = 1";
    }

    @Override
    protected String unreachableUrlWithPassword(String password) {
        return "jdbc:mariadb://127.0.0.1:1/nothing?connectTimeout=2000&password=" + password;
    }

    @Test
    void verifyRefusesASessionThatWouldTruncateValuesSilently() {
        try (JdbcImportStore lax = JdbcImportStore.create(db.newDataSource("SET SESSION sql_mode = ''"))) {
            assertThatThrownBy(lax::verify).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.FATAL))
                    .hasMessageContaining("is not strict").hasMessageContaining("STRICT_TRANS_TABLES");
        }
    }

    @Test
    void sessionsReallyRunInAnotherTimeZone() {
        String zone = db.jdbi().withHandle(h -> h.createQuery("SELECT @@session.time_zone").mapTo(String.class).one());
        assertThat(zone).isEqualTo("+05:30");
    }
}
