package dev.qaimport.benchmarks.springbatch;

import dev.qaimport.benchmarks.baseline.CleanPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The duplicate check done the way qa-import does it: per chunk, drop repeats within the chunk,
 * then ask the table once ({@code WHERE question_key IN (…)}) which keys already exist, drop
 * those, and hand the rest to the delegate ({@code JdbcBatchItemWriter}). Earlier chunks are
 * committed, so repeats across chunks are found too.
 */
public final class DuplicateSkippingItemWriter implements ItemWriter<CleanPair> {
    private final NamedParameterJdbcTemplate jdbc;
    private final ItemWriter<CleanPair> delegate;
    private final AtomicLong skipped = new AtomicLong();

    /** A writer that checks with {@code jdbc} and writes with {@code delegate}. */
    public DuplicateSkippingItemWriter(NamedParameterJdbcTemplate jdbc, ItemWriter<CleanPair> delegate) {
        this.jdbc = jdbc;
        this.delegate = delegate;
    }

    @Override
    public void write(Chunk<? extends CleanPair> chunk) throws Exception {
        Map<String, CleanPair> byKey = new LinkedHashMap<>();
        for (CleanPair pair : chunk) {
            if (byKey.putIfAbsent(pair.questionKey(), pair) != null) {
                skipped.incrementAndGet();
            }
        }
        if (byKey.isEmpty()) {
            return;
        }
        List<String> existing = jdbc.queryForList("SELECT question_key FROM qa_pairs WHERE question_key IN (:keys)",
                Map.of("keys", byKey.keySet()), String.class);
        for (String key : existing) {
            if (byKey.remove(key) != null) {
                skipped.incrementAndGet();
            }
        }
        delegate.write(new Chunk<>(new ArrayList<>(byKey.values())));
    }

    /** Rows skipped as duplicates so far. */
    public long skipped() {
        return skipped.get();
    }
}
