package dev.qaimport.validate.internal;

/**
 * Where the fields of one record are in its source, so that a row error can point at them. A
 * workbook names the cell ({@code Sheet1!B17}); the text formats need nothing more than the row
 * and line every error already has, and use {@link #NONE}.
 */
@FunctionalInterface
public interface FieldLocator {
    /** No location beyond the row and line: messages are left as they are. */
    FieldLocator NONE = field -> null;

    /**
     * The location of {@code field} ({@code question}, {@code answer}, {@code category} or
     * {@code tags}), such as {@code Sheet1!B17}, or {@code null} when the field has none.
     */
    String locate(String field);

    /** {@code message}, prefixed with the location of {@code field} when it has one. */
    default String at(String field, String message) {
        String where = locate(field);
        return where == null ? message : where + ": " + message;
    }
}
