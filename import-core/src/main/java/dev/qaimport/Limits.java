package dev.qaimport;

/**
 * Limits that protect a process from oversized or hostile input, and the field length rules of
 * validation. Immutable and thread-safe; start from {@link #defaults()} and change what you need:
 * {@code Limits.defaults().withMaxAnswerLength(50_000)}.
 *
 * @param maxFileBytes         largest payload accepted (default 2 GiB)
 * @param maxRows              most records in one file (default 5,000,000)
 * @param maxFieldChars        longest raw field before sanitizing (default 1,000,000 chars);
 *                             longer fields are rejected as row errors without being held whole
 * @param maxColumns           most columns in a CSV/TSV header or record (default 1,000)
 * @param maxJsonDepth         deepest JSON nesting (default 64)
 * @param maxQuestionLength    longest question after sanitizing (default 1,000 chars)
 * @param maxAnswerLength      longest answer after sanitizing (default 20,000 chars)
 * @param maxCategoryLength    longest category (default 200 chars)
 * @param maxTags              most tags per row (default 20)
 * @param maxTagLength         longest tag (default 50 chars)
 */
public record Limits(
        long maxFileBytes,
        long maxRows,
        int maxFieldChars,
        int maxColumns,
        int maxJsonDepth,
        int maxQuestionLength,
        int maxAnswerLength,
        int maxCategoryLength,
        int maxTags,
        int maxTagLength) {

    private static final Limits DEFAULTS = new Limits(2L << 30, 5_000_000, 1_000_000, 1_000, 64, 1_000, 20_000, 200, 20, 50);

    public Limits {
        positive("maxFileBytes", maxFileBytes);
        positive("maxRows", maxRows);
        positive("maxFieldChars", maxFieldChars);
        positive("maxColumns", maxColumns);
        positive("maxJsonDepth", maxJsonDepth);
        positive("maxQuestionLength", maxQuestionLength);
        positive("maxAnswerLength", maxAnswerLength);
        positive("maxCategoryLength", maxCategoryLength);
        if (maxTags < 0) {
            throw new IllegalArgumentException("maxTags < 0: " + maxTags);
        }
        positive("maxTagLength", maxTagLength);
    }

    /** The defaults listed above. */
    public static Limits defaults() {
        return DEFAULTS;
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " < 1: " + value);
        }
    }

    /** A copy with another {@code maxFileBytes}. */
    public Limits withMaxFileBytes(long v) {
        return new Limits(v, maxRows, maxFieldChars, maxColumns, maxJsonDepth, maxQuestionLength, maxAnswerLength, maxCategoryLength, maxTags, maxTagLength);
    }

    /** A copy with another {@code maxRows}. */
    public Limits withMaxRows(long v) {
        return new Limits(maxFileBytes, v, maxFieldChars, maxColumns, maxJsonDepth, maxQuestionLength, maxAnswerLength, maxCategoryLength, maxTags, maxTagLength);
    }

    /** A copy with another {@code maxFieldChars}. */
    public Limits withMaxFieldChars(int v) {
        return new Limits(maxFileBytes, maxRows, v, maxColumns, maxJsonDepth, maxQuestionLength, maxAnswerLength, maxCategoryLength, maxTags, maxTagLength);
    }

    /** A copy with another {@code maxColumns}. */
    public Limits withMaxColumns(int v) {
        return new Limits(maxFileBytes, maxRows, maxFieldChars, v, maxJsonDepth, maxQuestionLength, maxAnswerLength, maxCategoryLength, maxTags, maxTagLength);
    }

    /** A copy with another {@code maxJsonDepth}. */
    public Limits withMaxJsonDepth(int v) {
        return new Limits(maxFileBytes, maxRows, maxFieldChars, maxColumns, v, maxQuestionLength, maxAnswerLength, maxCategoryLength, maxTags, maxTagLength);
    }

    /** A copy with another {@code maxQuestionLength}. */
    public Limits withMaxQuestionLength(int v) {
        return new Limits(maxFileBytes, maxRows, maxFieldChars, maxColumns, maxJsonDepth, v, maxAnswerLength, maxCategoryLength, maxTags, maxTagLength);
    }

    /** A copy with another {@code maxAnswerLength}. */
    public Limits withMaxAnswerLength(int v) {
        return new Limits(maxFileBytes, maxRows, maxFieldChars, maxColumns, maxJsonDepth, maxQuestionLength, v, maxCategoryLength, maxTags, maxTagLength);
    }

    /** A copy with another {@code maxCategoryLength}. */
    public Limits withMaxCategoryLength(int v) {
        return new Limits(maxFileBytes, maxRows, maxFieldChars, maxColumns, maxJsonDepth, maxQuestionLength, maxAnswerLength, v, maxTags, maxTagLength);
    }

    /** A copy with another {@code maxTags}. */
    public Limits withMaxTags(int v) {
        return new Limits(maxFileBytes, maxRows, maxFieldChars, maxColumns, maxJsonDepth, maxQuestionLength, maxAnswerLength, maxCategoryLength, v, maxTagLength);
    }

    /** A copy with another {@code maxTagLength}. */
    public Limits withMaxTagLength(int v) {
        return new Limits(maxFileBytes, maxRows, maxFieldChars, maxColumns, maxJsonDepth, maxQuestionLength, maxAnswerLength, maxCategoryLength, maxTags, v);
    }
}
