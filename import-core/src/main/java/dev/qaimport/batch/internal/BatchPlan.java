package dev.qaimport.batch.internal;

import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.QAStatus;
import dev.qaimport.model.RowError;
import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.BatchTransaction.Fence;
import dev.qaimport.spi.NewPair;
import dev.qaimport.spi.PairUpdate;
import dev.qaimport.validate.internal.CleanQA;
import dev.qaimport.internal.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What one batch transaction writes: the duplicate policy applied to a prepared batch, splitting
 * it into new pairs, updates, skips and row errors, and the rows the database then refused.
 */
final class BatchPlan {
    final Fence fence;
    final List<NewPair> creates = new ArrayList<>();
    final List<PairUpdate> updates = new ArrayList<>();
    final List<RowError> errors = new ArrayList<>();
    final Set<Long> errorRows = new LinkedHashSet<>();
    final Set<UUID> rejectedIds = new HashSet<>();
    final Set<Long> rejectedRows = new HashSet<>();
    private final Map<Long, CleanQA> lines = new HashMap<>();
    /** Later rows of the batch merged into a new pair (UPDATE policy), by that pair's id. */
    private final Map<UUID, List<CleanQA>> mergedInto = new HashMap<>();
    int updatedCount;
    int skipped;
    private boolean alreadyCommitted;

    private BatchPlan(Fence fence) {
        this.fence = fence;
    }

    /** The plan of a batch whose commit went through but whose acknowledgement was lost: nothing more to count. */
    static BatchPlan alreadyCommitted() {
        BatchPlan plan = new BatchPlan(Fence.HELD);
        plan.alreadyCommitted = true;
        return plan;
    }

    /** Whether this is the plan of a batch committed by an attempt whose acknowledgement was lost: its counts are unknown. */
    boolean isAlreadyCommitted() {
        return alreadyCommitted;
    }

    /**
     * Applies {@code policy} to {@code batch}: duplicates are looked up in the database with one
     * query for the whole batch, and within the batch itself.
     */
    static BatchPlan of(BatchTransaction tx, PreparedBatch batch, DuplicatePolicy policy, String collection, UUID jobId, Fence fence,
            Instant now) {
        BatchPlan plan = new BatchPlan(fence);
        Map<String, UUID> existing = policy == DuplicatePolicy.CREATE ? Map.of() : existing(tx, collection, batch);
        Map<String, Integer> createdHere = new HashMap<>();
        for (PreparedBatch.Item item : batch.items()) {
            CleanQA c = item.clean();
            if (c == null) {
                plan.errors.addAll(item.errors());
                plan.errorRows.add(item.row());
                continue;
            }
            String key = c.questionKey();
            if (policy == DuplicatePolicy.SKIP && (existing.containsKey(key) || createdHere.containsKey(key))) {
                plan.skipped++;
            } else if (policy == DuplicatePolicy.UPDATE && existing.containsKey(key)) {
                plan.updates.add(new PairUpdate(existing.get(key), jobId, c.row(), c.answer(), c.category(), c.tags(), now));
                plan.updatedCount++;
                plan.lines.put(c.row(), c);
            } else if (policy == DuplicatePolicy.UPDATE && createdHere.containsKey(key)) {
                plan.merge(createdHere.get(key), c);
            } else {
                createdHere.put(key, plan.creates.size());
                plan.creates.add(new NewPair(Ids.next(), collection, jobId, c.row(), c.question(), c.answer(), c.category(), c.tags(), key,
                        QAStatus.DRAFT, now));
                plan.lines.put(c.row(), c);
            }
        }
        return plan;
    }

    private static Map<String, UUID> existing(BatchTransaction tx, String collection, PreparedBatch batch) {
        Set<String> keys = new LinkedHashSet<>();
        for (PreparedBatch.Item item : batch.items()) {
            if (item.clean() != null) {
                keys.add(item.clean().questionKey());
            }
        }
        return keys.isEmpty() ? Map.of() : tx.findByQuestionKeys(collection, keys);
    }

    /** A later row of the batch with the question of a pair created earlier in it updates that pair before it is written. */
    private void merge(int index, CleanQA c) {
        NewPair first = creates.get(index);
        creates.set(index, new NewPair(first.id(), first.collection(), first.importJobId(), first.sourceRow(), first.question(), c.answer(), c.category(),
                c.tags(), c.questionKey(), QAStatus.DRAFT, first.createdAt()));
        updatedCount++;
        // If the database refuses the merged pair, this row is refused with it.
        mergedInto.computeIfAbsent(first.id(), k -> new ArrayList<>()).add(c);
    }

    int createdCount() {
        return creates.size() - rejectedIds.size();
    }

    /** Records that the database refused the new pair {@code id} of {@code row}, and with it the rows merged into it. */
    void rejectCreate(NewPair pair, RuntimeException e) {
        reject(pair.sourceRow(), e);
        rejectedIds.add(pair.id());
        for (CleanQA merged : mergedInto.getOrDefault(pair.id(), List.of())) {
            errors.add(new RowError(merged.row(), merged.line(), "row", ErrorCodes.DATABASE_REJECTED, "the database refused row "
                    + pair.sourceRow() + ", which this row updates (same question): " + e.getMessage(), merged.question(), merged.answer()));
            errorRows.add(merged.row());
            rejectedRows.add(merged.row());
            updatedCount--;
        }
    }

    /** Records that the database refused the update of {@code row}. */
    void rejectUpdate(PairUpdate update, RuntimeException e) {
        reject(update.sourceRow(), e);
        updatedCount--;
    }

    private void reject(long row, RuntimeException e) {
        CleanQA c = lines.get(row);
        long line = c == null ? 0 : c.line();
        errors.add(new RowError(row, line, "row", ErrorCodes.DATABASE_REJECTED, "the database refused the row: " + e.getMessage(),
                c == null ? null : c.question(), c == null ? null : c.answer()));
        errorRows.add(row);
        rejectedRows.add(row);
    }
}
