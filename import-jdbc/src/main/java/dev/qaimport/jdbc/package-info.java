/**
 * JDBI 3 storage for qa-import on H2, PostgreSQL and MariaDB/MySQL. Start with
 * {@link dev.qaimport.jdbc.JdbcImportStore#create(javax.sql.DataSource)}; install the tables with
 * {@link dev.qaimport.jdbc.SchemaInstaller} or copy the SQL files under
 * {@code dev/qaimport/jdbc/schema/} into your own migrations.
 */
package dev.qaimport.jdbc;
