package dev.qaimport.examples.cli;

/**
 * Makes text safe to put in a CSV cell that a spreadsheet will open: a cell that starts with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is prefixed with an
 * apostrophe, so that Excel, LibreOffice and Google Sheets show it as text instead of running it
 * as a formula (CSV injection).
 */
final class CsvCells {
    private CsvCells() {
    }

    static String neutralize(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        char c = value.charAt(0);
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
            return "'" + value;
        }
        return value;
    }
}
