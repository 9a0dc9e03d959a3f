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
 */
record JobContext(DuplicatePolicy duplicatePolicy, AnswerFormat answerFormat, RowPreparer preparer) {
}
