/**
 * qa-import's reader of Excel workbooks ({@code .xlsx}): plug {@link dev.qaimport.xlsx.XlsxSheetReader}
 * into {@code QaImport.Builder.sheetReader}.
 */
module dev.qaimport.xlsx {
    requires dev.qaimport.core;
    requires java.xml;
    requires org.apache.poi.poi;

    exports dev.qaimport.xlsx;
}
