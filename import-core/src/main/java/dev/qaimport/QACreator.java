package dev.qaimport;

import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.QAPair;
import java.util.UUID;

/**
 * Turns one parsed record into a stored pair: sanitized, validated, in status {@code DRAFT},
 * with its category and tags, and queued for embedding ({@code PENDING}). Thread-safe.
 */
public interface QACreator {
    /**
     * Creates one pair in its own transaction.
     *
     * @param importJobId the job it belongs to, or {@code null} for a pair created outside an import
     * @throws RowValidationException listing every problem when the record is invalid
     */
    QAPair createFromParsed(ParsedQA parsed, UUID importJobId);
}
