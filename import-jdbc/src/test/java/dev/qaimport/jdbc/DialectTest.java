package dev.qaimport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.spi.StoreException;
import org.junit.jupiter.api.Test;

class DialectTest {
    @Test
    void detectsSupportedDatabasesFromTheProductName() {
        assertThat(Dialect.detect("H2", 2, 5, "2.5.252 (2026-09-23)")).isEqualTo(Dialect.H2);
        assertThat(Dialect.detect("PostgreSQL", 15, 20, "15.20")).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.detect("MariaDB", 10, 11, "10.11.19-MariaDB")).isEqualTo(Dialect.MARIADB);
        assertThat(Dialect.detect("MySQL", 10, 11, "10.11.19-MariaDB-0+deb12u1")).isEqualTo(Dialect.MARIADB);
        assertThat(Dialect.detect("MySQL", 8, 0, "8.0.36")).isEqualTo(Dialect.MARIADB);
    }

    @Test
    void refusesUnknownDatabasesNamingThem() {
        assertThatThrownBy(() -> Dialect.detect("Oracle", 19, 0, "19c"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.FATAL))
                .hasMessage("unsupported database 'Oracle': qa-import supports H2 2.2.220+, PostgreSQL 10+, MariaDB 10.6+ and MySQL 8.0+");
    }

    @Test
    void refusesVersionsWithoutSkipLocked() {
        assertThatThrownBy(() -> Dialect.detect("H2", 2, 1, "2.1.214 (2022-06-13)"))
                .hasMessage("unsupported database version H2 2.1.214 (2022-06-13): qa-import needs H2 2.2.220 or later (for FOR UPDATE SKIP LOCKED)");
        assertThatThrownBy(() -> Dialect.detect("H2", 2, 2, "2.2.218")).hasMessageContaining("H2 2.2.220 or later");
        assertThat(Dialect.detect("H2", 2, 2, "2.2.224 (2023-09-17)")).isEqualTo(Dialect.H2);
        assertThatThrownBy(() -> Dialect.detect("MariaDB", 10, 5, "10.5.1-MariaDB")).hasMessageContaining("MariaDB 10.6 or later");
        assertThatThrownBy(() -> Dialect.detect("MySQL", 5, 7, "5.7.44")).hasMessageContaining("MySQL 8.0 or later");
        assertThatThrownBy(() -> Dialect.detect("PostgreSQL", 9, 6, "9.6")).hasMessageContaining("PostgreSQL 10 or later");
    }

    @Test
    void schemaResourcesShipWithTheModule() {
        for (Dialect d : Dialect.values()) {
            assertThat(SchemaInstaller.script(d)).as(d.schemaResource()).contains("CREATE TABLE IF NOT EXISTS import_jobs");
        }
        assertThat(Dialect.POSTGRESQL.schemaResource()).isEqualTo("dev/qaimport/jdbc/schema/postgresql.sql");
    }
}
