package dev.qaimport.spi;

import dev.qaimport.ImportException;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import java.io.IOException;
import java.io.InputStream;

/**
 * A reader of workbook files ({@code .xlsx}): the plug-in through which the core imports
 * spreadsheets without depending on a spreadsheet library. The {@code import-xlsx} module provides
 * one ({@code XlsxSheetReader.create()}); it is passed explicitly to
 * {@code QaImport.Builder.sheetReader}. The core maps the header and the cells to question, answer,
 * category and tags exactly as for CSV.
 *
 * <p>Implementations are immutable and thread-safe; each {@link SheetRows} they open is for one
 * thread.
 */
public interface SheetReader {
    /** The reader used when none is configured: it refuses every workbook, saying what to add. */
    SheetReader NONE = (in, sheet, limits) -> {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing was read from it.
        }
        throw new ImportException(ErrorCodes.UNSUPPORTED_FORMAT, "reading .xlsx workbooks needs the import-xlsx module: "
                + "add it and configure QaImport.builder().sheetReader(XlsxSheetReader.create())");
    };

    /**
     * Opens one sheet of the workbook in {@code in}.
     *
     * @param in     the workbook's bytes; closed by the rows (or here, if opening fails)
     * @param sheet  the sheet's name or 1-based position, or {@code null} for the first visible sheet
     * @param limits the limits to honour ({@code maxFileBytes}, {@code maxColumns}, {@code maxFieldChars})
     * @throws ImportException when the file is not a readable workbook, is refused as hostile, or
     *                         has no such sheet; nothing has been delivered then
     */
    SheetRows open(InputStream in, String sheet, Limits limits);
}
