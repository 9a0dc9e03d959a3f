package dev.qaimport.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class TestDatabasesTest {
    @Test
    void replacesTheDatabaseOfAMariaDbUrlKeepingItsParameters() {
        assertThat(TestDatabases.withDatabase("jdbc:mariadb://127.0.0.1:3306/", "qa_x")).isEqualTo("jdbc:mariadb://127.0.0.1:3306/qa_x");
        assertThat(TestDatabases.withDatabase("jdbc:mariadb://h:3306", "qa_x")).isEqualTo("jdbc:mariadb://h:3306/qa_x");
        assertThat(TestDatabases.withDatabase("jdbc:mariadb://h/other?useSsl=false", "qa_x"))
                .isEqualTo("jdbc:mariadb://h/qa_x?useSsl=false");
    }

    @Test
    void anUnreachableServerSkipsLocallyButFailsUnderCi() {
        String url = "jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2";
        assertThatThrownBy(() -> TestDatabases.admin("PostgreSQL", url, "postgres", "", "QA_IMPORT_PG_URL", "SELECT 1", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageStartingWith("PostgreSQL is not reachable at " + url + " as postgres (")
                .hasMessageEndingWith("Start it or point QA_IMPORT_PG_URL at one. Skipped (set CI=true to make this a failure).");
        assertThatThrownBy(() -> TestDatabases.admin("PostgreSQL", url, "postgres", "", "QA_IMPORT_PG_URL", "SELECT 1", true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("CI=true, so this fails instead of skipping.");
    }
}
