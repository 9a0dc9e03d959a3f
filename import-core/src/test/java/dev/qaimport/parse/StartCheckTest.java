package dev.qaimport.parse;

import static dev.qaimport.parse.Parse.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.SourceType;
import dev.qaimport.parse.internal.RecordReaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The check of a payload's first bytes that submission makes refuses what opening the payload refuses, in the same words. */
class StartCheckTest {
    private static final byte[] PAGE = "<!DOCTYPE html>\n<html><body><dl><dt>Q?</dt><dd>A.</dd></dl></body></html>"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] ZIP = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};

    @ParameterizedTest
    @EnumSource(value = SourceType.class, names = {"CSV", "TSV", "JSON", "JSONL"})
    void refusesAPageAsOpeningDoes(SourceType type) {
        ImportException opening = failure(PAGE, type, ImportOptions.defaults(), Limits.defaults());

        assertThatThrownBy(() -> RecordReaders.checkStart(PAGE, PAGE.length, type))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(opening.code()))
                .hasMessage(opening.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = SourceType.class, names = {"CSV", "TSV", "JSON", "JSONL", "HTML"})
    void refusesAZipArchiveAsOpeningDoes(SourceType type) {
        ImportException opening = failure(ZIP, type, ImportOptions.defaults(), Limits.defaults());

        assertThatThrownBy(() -> RecordReaders.checkStart(ZIP, ZIP.length, type)).hasMessage(opening.getMessage());
    }

    @Test
    void looksOnlyAtTheBytesItIsToldHoldTheStart() {
        byte[] buffer = Arrays.copyOf(PAGE, RecordReaders.PEEK_BYTES);

        assertThatCode(() -> RecordReaders.checkStart(buffer, 0, SourceType.CSV)).as("an empty upload").doesNotThrowAnyException();
        assertThatThrownBy(() -> RecordReaders.checkStart(buffer, PAGE.length, SourceType.CSV)).isInstanceOf(ImportException.class);
        assertThatThrownBy(() -> RecordReaders.checkStart(buffer, buffer.length + 1, SourceType.CSV))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leavesWhatTheFormatMayBeAndWorkbooksToTheirReaders() {
        byte[] csv = "question,answer\n<html>,a\n".getBytes(StandardCharsets.UTF_8);

        assertThatCode(() -> RecordReaders.checkStart(csv, csv.length, SourceType.CSV)).doesNotThrowAnyException();
        assertThatCode(() -> RecordReaders.checkStart(PAGE, PAGE.length, SourceType.HTML)).doesNotThrowAnyException();
        assertThatCode(() -> RecordReaders.checkStart(ZIP, ZIP.length, SourceType.XLSX)).doesNotThrowAnyException();
        // A page named .xlsx is refused by the sheet reader, which says it is not a zip archive.
        assertThatCode(() -> RecordReaders.checkStart(PAGE, PAGE.length, SourceType.XLSX)).doesNotThrowAnyException();
    }
}
