package dev.qaimport.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestDatabasesTest {
    @Test
    void replacesTheDatabaseOfAMariaDbUrlKeepingItsParameters() {
        assertThat(TestDatabases.withDatabase("jdbc:mariadb://127.0.0.1:3306/", "qa_x")).isEqualTo("jdbc:mariadb://127.0.0.1:3306/qa_x");
        assertThat(TestDatabases.withDatabase("jdbc:mariadb://h:3306", "qa_x")).isEqualTo("jdbc:mariadb://h:3306/qa_x");
        assertThat(TestDatabases.withDatabase("jdbc:mariadb://h/other?useSsl=false", "qa_x"))
                .isEqualTo("jdbc:mariadb://h/qa_x?useSsl=false");
    }
}
