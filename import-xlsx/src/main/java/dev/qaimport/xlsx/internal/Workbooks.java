package dev.qaimport.xlsx.internal;

import dev.qaimport.Limits;
import dev.qaimport.spi.SheetRows;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.poi.ss.usermodel.DataFormatter;

/**
 * Opens one sheet of a workbook: copies and checks the file, reads the workbook index, the
 * styles and the shared strings, then reads the sheet's start; everything that can refuse the
 * file happens here, before a row is delivered.
 */
public final class Workbooks {
    private Workbooks() {
    }

    /** See {@link dev.qaimport.xlsx.XlsxSheetReader#open}. */
    public static SheetRows open(InputStream in, String sheet, Limits limits, Path tempDir, long maxEntryBytes, int maxInflateRatio,
            Locale locale) {
        WorkbookFile file = WorkbookFile.open(in, tempDir, limits.maxFileBytes(), maxEntryBytes, maxInflateRatio);
        SharedStringsFile strings = null;
        try {
            WorkbookIndex index = WorkbookIndex.read(file);
            WorkbookIndex.Sheet chosen = index.select(sheet);
            Styles styles = Styles.read(file, index.styles);
            strings = SharedStringsFile.read(file, index.sharedStrings, tempDir, limits.maxFieldChars());
            DataFormatter formatter = new DataFormatter(locale);
            SheetStream rows = new SheetStream(file, chosen, strings, styles, index.date1904, formatter, limits.maxFieldChars(),
                    limits.maxColumns());
            try {
                rows.start();
            } catch (RuntimeException e) {
                rows.close();
                throw e;
            }
            return rows;
        } catch (RuntimeException e) {
            if (strings != null) {
                strings.close();
            }
            file.close();
            throw e;
        }
    }
}
