/**
 * The implementation of the streaming readers: strict decoding with byte-order-mark detection,
 * the byte count and the file-size limit, quote-aware and string-aware guards that bound the
 * memory one field or record can take, the skeleton the readers share
 * ({@code AbstractRecordReader}), the CSV/TSV reader on commons-csv, the JSON and JSON Lines
 * readers on Jackson's streaming parser, the FAQ web page reader on jsoup ({@code FaqPageReader}:
 * JSON-LD, Microdata, details and definition lists), the sniffing of the first bytes that refuses
 * a page or an archive given as another format, and the column and key aliases;
 * {@link dev.qaimport.parse.internal.RecordReaders} opens one. Not API: imports reach the readers
 * through {@link dev.qaimport.QaImport}.
 */
package dev.qaimport.parse.internal;
