package dev.qaimport.model;

import java.util.Locale;
import java.util.Optional;

/** The file formats qa-import reads. */
public enum SourceType {
    /** Comma-separated values (RFC 4180, with a header row). */
    CSV,
    /** Tab-separated values (with a header row). */
    TSV,
    /** A JSON document: an array of objects, an object that holds one, or a schema.org JSON-LD {@code FAQPage}. */
    JSON,
    /** JSON Lines: one JSON object per line. */
    JSONL,
    /**
     * An FAQ web page: schema.org {@code FAQPage} in JSON-LD or Microdata, or
     * {@code <details>}/{@code <summary>} and {@code <dl>} structures.
     */
    HTML,
    /** An Excel workbook (Office Open XML, {@code .xlsx}): one sheet, with a header row; read by a {@link dev.qaimport.spi.SheetReader}. */
    XLSX;

    /**
     * Guesses the type from a file name's extension ({@code .csv}, {@code .tsv}/{@code .tab},
     * {@code .json}, {@code .jsonl}/{@code .ndjson}, {@code .html}/{@code .htm}, {@code .xlsx}),
     * ignoring case. A legacy {@code .xls} is {@link #XLSX} too: the workbook reader looks at the
     * content, reads a mislabelled {@code .xlsx}, and refuses a real Excel 97-2003 workbook saying
     * to save it as {@code .xlsx}, which is clearer than not knowing the format.
     */
    public static Optional<SourceType> fromFilename(String filename) {
        if (filename == null) {
            return Optional.empty();
        }
        String name = filename.toLowerCase(Locale.ROOT).strip();
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        switch (name.substring(dot + 1)) {
            case "csv":
                return Optional.of(CSV);
            case "tsv":
            case "tab":
                return Optional.of(TSV);
            case "json":
                return Optional.of(JSON);
            case "jsonl":
            case "ndjson":
                return Optional.of(JSONL);
            case "html":
            case "htm":
                return Optional.of(HTML);
            case "xlsx":
            case "xls":
                return Optional.of(XLSX);
            default:
                return Optional.empty();
        }
    }

    /**
     * Parses a user-supplied format name ({@code csv}, {@code tsv}, {@code json}, {@code jsonl},
     * {@code ndjson}, {@code html}, {@code htm} or {@code xlsx}), ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static SourceType parse(String name) {
        if (name != null) {
            switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "csv":
                    return CSV;
                case "tsv":
                    return TSV;
                case "json":
                    return JSON;
                case "jsonl":
                case "ndjson":
                    return JSONL;
                case "html":
                case "htm":
                    return HTML;
                case "xlsx":
                    return XLSX;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "' (expected csv, tsv, json, jsonl, html or xlsx)");
    }
}
