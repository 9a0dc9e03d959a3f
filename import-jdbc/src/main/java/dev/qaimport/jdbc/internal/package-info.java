/**
 * The implementation of the JDBC store: repositories, SQL per dialect, codecs and error
 * translation. Not API: anything here may change without notice.
 */
package dev.qaimport.jdbc.internal;
