/**
 * End-to-end tests through {@link dev.qaimport.QaImport}: the same suite on H2, PostgreSQL and
 * MariaDB, the real-world corpus, hostile and malformed files, limits, memory under a small heap,
 * script and SQL injection.
 */
package dev.qaimport.e2e;
