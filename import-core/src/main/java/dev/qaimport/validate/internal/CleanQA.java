package dev.qaimport.validate.internal;

import java.util.List;

/**
 * A record after sanitizing and validation, ready to store.
 *
 * @param row         1-based record index
 * @param line        physical line where the record starts
 * @param question    plain-text question
 * @param answer      sanitized answer
 * @param category    cleaned category, or {@code null}
 * @param tags        cleaned, de-duplicated tags
 * @param questionKey the duplicate-detection key of the question ({@link QuestionKey})
 */
public record CleanQA(long row, long line, String question, String answer, String category, List<String> tags, String questionKey) {
    public CleanQA {
        tags = List.copyOf(tags);
    }
}
