/**
 * Streaming readers for CSV, TSV, JSON and JSON Lines. A reader turns a byte stream into
 * {@link dev.qaimport.parse.ParsedRow}s one record at a time, never holding the file in memory;
 * broken records become row errors and broken files an {@link dev.qaimport.ImportException}
 * that names the line.
 */
package dev.qaimport.parse;
