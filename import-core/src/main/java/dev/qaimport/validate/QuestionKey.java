package dev.qaimport.validate;

/**
 * The key under which questions count as duplicates: a hash of the sanitized question after
 * Unicode normalization (NFKC), case folding and whitespace collapsing.
 */
public final class QuestionKey {
    private QuestionKey() {
    }

    /** The key of a sanitized question. */
    public static String of(String question) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
