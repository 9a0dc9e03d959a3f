package dev.qaimport.benchmarks.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.benchmarks.data.FaqGenerator;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import dev.qaimport.parse.internal.ParsedRow;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.parse.internal.RecordReaders;
import dev.qaimport.xlsx.XlsxSheetReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvToXlsxTest {
    @TempDir
    Path dir;

    private static List<String> read(Path file, SourceType type) throws Exception {
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                RecordReader r = RecordReaders.open(in, type, ImportOptions.defaults(), Limits.defaults(), XlsxSheetReader.create())) {
            ParsedRow row;
            while ((row = r.next()) != null) {
                ParsedQA qa = row.qa();
                out.add(row.row() + "|" + (qa == null ? row.error().code() : qa.question() + "|" + qa.answer() + "|" + qa.category() + "|" + qa.tags()));
            }
        }
        return out;
    }

    @Test
    void theWorkbookHoldsTheSameRecordsAsTheCsv() throws Exception {
        Path csv = dir.resolve("faq.csv");
        FaqGenerator.standard(300).write(csv);
        Path xlsx = dir.resolve("faq.xlsx");

        assertThat(CsvToXlsx.convert(csv, xlsx)).isEqualTo(300);
        List<String> expected = read(csv, SourceType.CSV);
        // An empty cell is not stored in a workbook, so an empty category reads "" in both.
        assertThat(read(xlsx, SourceType.XLSX)).hasSize(300).isEqualTo(expected);
    }
}
