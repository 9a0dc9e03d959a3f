package dev.qaimport.parse;

import dev.qaimport.parse.internal.RecordReaders;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.parse.internal.ParsedRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.RowError;
import dev.qaimport.model.SourceType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: read a whole input through {@link RecordReaders}. */
final class Parse {
    private Parse() {
    }

    static List<ParsedRow> rows(String text, SourceType type) {
        return rows(text, type, ImportOptions.defaults(), Limits.defaults());
    }

    static List<ParsedRow> rows(String text, SourceType type, ImportOptions options) {
        return rows(text, type, options, Limits.defaults());
    }

    static List<ParsedRow> rows(String text, SourceType type, ImportOptions options, Limits limits) {
        return rows(text.getBytes(StandardCharsets.UTF_8), type, options, limits);
    }

    static List<ParsedRow> rows(byte[] bytes, SourceType type, ImportOptions options, Limits limits) {
        return rows(new ByteArrayInputStream(bytes), type, options, limits);
    }

    static List<ParsedRow> rows(InputStream in, SourceType type, ImportOptions options, Limits limits) {
        List<ParsedRow> rows = new ArrayList<>();
        try (RecordReader r = RecordReaders.open(in, type, options, limits)) {
            for (ParsedRow row; (row = r.next()) != null; ) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** The records of rows that are all readable. */
    static List<ParsedQA> records(String text, SourceType type) {
        return records(text, type, ImportOptions.defaults());
    }

    static List<ParsedQA> records(String text, SourceType type, ImportOptions options) {
        List<ParsedRow> rows = rows(text, type, options);
        assertThat(rows).allSatisfy(r -> assertThat(r.error()).as("row error").isNull());
        return rows.stream().map(ParsedRow::qa).toList();
    }

    /** The ImportException reading the whole input throws. */
    static ImportException failure(String text, SourceType type) {
        return failure(text.getBytes(StandardCharsets.UTF_8), type, ImportOptions.defaults(), Limits.defaults());
    }

    static ImportException failure(String text, SourceType type, ImportOptions options, Limits limits) {
        return failure(text.getBytes(StandardCharsets.UTF_8), type, options, limits);
    }

    static ImportException failure(byte[] bytes, SourceType type, ImportOptions options, Limits limits) {
        ImportException e = catchThrowableOfType(ImportException.class, () -> rows(bytes, type, options, limits));
        assertThat(e).as("an ImportException").isNotNull();
        return e;
    }

    static RowError error(ParsedRow row) {
        assertThat(row.error()).as("row " + row.row() + " is an error").isNotNull();
        return row.error();
    }

    static ImportOptions map(String question, String answer) {
        return ImportOptions.builder().column(dev.qaimport.Field.QUESTION, question).column(dev.qaimport.Field.ANSWER, answer).build();
    }
}
