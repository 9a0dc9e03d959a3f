/**
 * qa-import's JDBC storage: {@link dev.qaimport.jdbc.JdbcImportStore} on H2, PostgreSQL and
 * MariaDB. HikariCP and the PostgreSQL and MariaDB drivers are optional: the convenience
 * factories, COPY and binary uploads use them when they are present.
 */
module dev.qaimport.jdbc {
    requires transitive dev.qaimport.core;
    requires transitive java.sql;
    requires org.jdbi.v3.core;
    requires static com.zaxxer.hikari;
    requires static org.postgresql.jdbc;
    requires static org.mariadb.jdbc;
    requires org.slf4j;

    exports dev.qaimport.jdbc;
    // The shipped schema SQL, readable by the module and by an application's own migrations.
    opens dev.qaimport.jdbc.schema;
}
