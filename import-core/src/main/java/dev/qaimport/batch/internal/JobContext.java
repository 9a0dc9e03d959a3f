package dev.qaimport.batch.internal;

import dev.qaimport.AnswerFormat;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.validate.internal.RowPreparer;

/**
 * Per-job settings resolved from the job's options and the instance's defaults.
 *
 * @param duplicatePolicy the duplicate policy in force
 * @param answerFormat    the answer format in force
 * @param preparer        the preparer for that format
 * @param collection      the collection of the job's pairs, in which duplicates are looked for
 */
record JobContext(DuplicatePolicy duplicatePolicy, AnswerFormat answerFormat, RowPreparer preparer, String collection) {
}
