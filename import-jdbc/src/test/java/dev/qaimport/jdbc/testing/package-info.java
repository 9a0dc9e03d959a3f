/**
 * Test fixtures shared through import-jdbc's test-jar: fresh H2, PostgreSQL and MariaDB
 * databases per test class, configured from environment variables.
 */
package dev.qaimport.jdbc.testing;
