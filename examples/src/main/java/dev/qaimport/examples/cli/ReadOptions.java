package dev.qaimport.examples.cli;

import dev.qaimport.AnswerFormat;
import dev.qaimport.AnswerMarkup;
import dev.qaimport.Field;
import dev.qaimport.ImportOptions;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.SourceType;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * How a file is read and its rows stored: format, columns, encoding, delimiter, duplicate policy
 * and answer format. These travel with the job (they are its {@link ImportOptions}), so a job
 * submitted by one process is read the same way by whichever worker runs it. Shared by
 * {@code import} and {@code submit}.
 */
public final class ReadOptions {
    @Option(names = "--format", paramLabel = "FORMAT", description = "csv, tsv, json, jsonl, html or xlsx (default: from the file name).")
    String format;

    @Option(names = "--map", paramLabel = "FIELD=COLUMN[,…]", description = "Which column (or JSON key, dotted for nested keys) "
            + "holds each field, e.g. --map question=Frage,answer=Antwort,category=Kategorie.")
    String map;

    @Option(names = "--records-path", paramLabel = "PATH", description = "For JSON: the dotted path of the array of records.")
    String recordsPath;

    @Option(names = "--sheet", paramLabel = "NAME|N", description = "For .xlsx: the sheet to read, by name or 1-based position "
            + "(default: the first visible sheet).")
    String sheet;

    @Option(names = "--encoding", paramLabel = "CHARSET", description = "The file's encoding, e.g. windows-1252 (default: what a "
            + "byte-order mark says, else UTF-8, else the legacy encoding detected).")
    String encoding;

    @Option(names = "--strict-encoding", description = "Refuse a file that is not valid UTF-8 (without --encoding or a "
            + "byte-order mark) instead of reading it in the legacy encoding detected (Windows-1251, KOI8-R, Shift_JIS, GBK, "
            + "EUC-KR…; Windows-1252 otherwise), which is the default.")
    boolean strictEncoding;

    /** Detection is the default; the option of earlier releases that turned it on is still accepted. */
    @Option(names = "--detect-encoding", hidden = true)
    boolean detectEncoding;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV delimiter: a character, or 'tab' (default: detected).")
    String delimiter;

    @Option(names = "--duplicates", paramLabel = "POLICY", description = "What to do with a question that already exists: skip "
            + "(default), update or create.")
    String duplicates;

    @Option(names = "--answer-format", paramLabel = "FORMAT", description = "html (a safe basic subset, the default) or text.")
    String answerFormat;

    @Option(names = "--answer-markup", paramLabel = "MARKUP", description = "none (answers as they are, the default) or markdown "
            + "(rendered from CommonMark, then sanitized).")
    String answerMarkup;

    @Option(names = "--language", paramLabel = "LANG", description = "For files with a question and answer per language "
            + "(question_th, q_en…): the language suffix to read, e.g. en or pt-BR (default: the only one there is).")
    String language;

    /**
     * The options for reading the file called {@code filename}.
     *
     * @throws UsageException for a bad value, or when no {@code --format} is given and the name does not tell it
     */
    ImportOptions options(String filename) {
        ImportOptions.Builder b = ImportOptions.builder();
        if (format != null) {
            b.sourceType(parse(() -> SourceType.parse(format), null));
        } else if (SourceType.fromFilename(filename).isEmpty()) {
            throw new UsageException("cannot tell the format of " + filename + " from its name; pass --format csv|tsv|json|jsonl|html|xlsx");
        }
        if (map != null) {
            for (Map.Entry<Field, String> e : MapOption.parse(map).entrySet()) {
                b.column(e.getKey(), e.getValue());
            }
        }
        b.recordsPath(recordsPath);
        b.sheet(sheet);
        if (encoding != null) {
            try {
                b.encoding(Charset.forName(encoding));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new UsageException("unknown --encoding '" + encoding + "' (for example utf-8, windows-1252, iso-8859-1, utf-16)");
            }
        }
        if (strictEncoding && detectEncoding) {
            throw new UsageException("--strict-encoding and --detect-encoding contradict each other; give one");
        }
        b.detectEncoding(!strictEncoding);
        if (delimiter != null) {
            String d = delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
            if (d.length() != 1) {
                throw new UsageException("--delimiter must be one character or 'tab', not '" + delimiter + "'");
            }
            b.delimiter(parse(() -> d.charAt(0), null));
        }
        if (duplicates != null) {
            b.duplicatePolicy(parse(() -> DuplicatePolicy.valueOf(duplicates.strip().toUpperCase(Locale.ROOT)),
                    "--duplicates must be skip, update or create, not '" + duplicates + "'"));
        }
        if (answerFormat != null) {
            String f = answerFormat.strip().toLowerCase(Locale.ROOT);
            if (f.equals("html")) {
                b.answerFormat(AnswerFormat.BASIC_HTML);
            } else if (f.equals("text")) {
                b.answerFormat(AnswerFormat.PLAIN_TEXT);
            } else {
                throw new UsageException("--answer-format must be html or text, not '" + answerFormat + "'");
            }
        }
        if (language != null) {
            parse(() -> b.language(language), null);
        }
        if (answerMarkup != null) {
            b.answerMarkup(parse(() -> AnswerMarkup.valueOf(answerMarkup.strip().toUpperCase(Locale.ROOT)),
                    "--answer-markup must be none or markdown, not '" + answerMarkup + "'"));
        }
        return b.build();
    }

    /** The value, or a usage error with {@code message} (the exception's own message when {@code null}). */
    private static <T> T parse(Supplier<T> s, String message) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(message != null ? message : e.getMessage());
        }
    }
}
