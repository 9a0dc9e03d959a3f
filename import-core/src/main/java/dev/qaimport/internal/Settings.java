package dev.qaimport.internal;

import dev.qaimport.AnswerFormat;
import dev.qaimport.EmbeddingInput;
import dev.qaimport.ImportListener;
import dev.qaimport.Limits;
import dev.qaimport.model.DuplicatePolicy;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything a {@link dev.qaimport.QaImport} was configured with, resolved to concrete values.
 *
 * @param batchSize          rows per import transaction
 * @param limits             input limits and field rules
 * @param duplicatePolicy    default duplicate policy
 * @param answerFormat       default answer format
 * @param embeddingInput     what text of a pair is embedded
 * @param clock              time source
 * @param listener           job listener
 * @param workerId           this process's id in leases and claims
 * @param leaseDuration      how long a job lease lasts without renewal
 * @param maxAttempts        claims of one job before it is failed
 * @param parallelism        threads that sanitize and validate
 * @param embeddingClaimTtl  how long claimed pairs stay reserved for this worker
 * @param keepPayloads       whether uploads are kept after a job ends
 * @param observers          the observers registered with the instance, now and later
 * @param sheetReader        reads workbooks ({@link dev.qaimport.spi.SheetReader#NONE} when none is configured)
 */
public record Settings(
        int batchSize,
        Limits limits,
        DuplicatePolicy duplicatePolicy,
        AnswerFormat answerFormat,
        EmbeddingInput embeddingInput,
        Clock clock,
        ImportListener listener,
        String workerId,
        Duration leaseDuration,
        int maxAttempts,
        int parallelism,
        Duration embeddingClaimTtl,
        boolean keepPayloads,
        Observers observers,
        dev.qaimport.spi.SheetReader sheetReader) {
}
