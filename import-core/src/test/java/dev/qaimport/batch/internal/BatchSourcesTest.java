package dev.qaimport.batch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.parse.internal.ParsedRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchSourcesTest {
    @Test
    void prefetchingSourceDeliversEveryRowInOrderThenTheEnd() {
        AtomicInteger n = new AtomicInteger();
        RowSource source = new RowSource() {
            @Override
            public ParsedRow next() {
                int i = n.incrementAndGet();
                return i > 1000 ? null : ParsedRow.of(ParsedQA.of(i, i, "q" + i, "a"));
            }

            @Override
            public long bytesRead() {
                return n.get();
            }
        };
        List<Long> rows = new ArrayList<>();
        List<RowBatch> batches = new ArrayList<>();
        try (BatchSource p = new PrefetchingBatchSource(new BatchCutter(source, 7, 1 << 20), 2, "test-parse")) {
            RowBatch b;
            while ((b = p.next()) != null) {
                batches.add(b);
                b.rows().forEach(r -> rows.add(r.row()));
            }
            assertThat(p.next()).isNull();
        }
        assertThat(rows).hasSize(1000).isSorted().startsWith(1L).endsWith(1000L);
        assertThat(batches).allSatisfy(b -> assertThat(b.rows()).hasSizeBetween(1, 7));
        assertThat(batches.get(batches.size() - 1).bytesRead()).isPositive();
        assertThat(batches).filteredOn(RowBatch::last).containsExactly(batches.get(batches.size() - 1));
    }

    @Test
    void prefetchingSourceDeliversAFailureAfterTheRowsReadBeforeIt() {
        AtomicInteger n = new AtomicInteger();
        RowSource source = new RowSource() {
            @Override
            public ParsedRow next() {
                int i = n.incrementAndGet();
                if (i == 4) {
                    throw new ImportException(ErrorCodes.MALFORMED_FILE, "line 4: broken");
                }
                return ParsedRow.of(ParsedQA.of(i, i, "q", "a"));
            }

            @Override
            public long bytesRead() {
                return 0;
            }
        };
        try (BatchSource p = new PrefetchingBatchSource(new BatchCutter(source, 2, 1 << 20), 2, "test-parse")) {
            assertThat(p.next().rows()).extracting(ParsedRow::row).containsExactly(1L, 2L);
            RowBatch beforeTheFailure = p.next();
            assertThat(beforeTheFailure.rows()).extracting(ParsedRow::row).containsExactly(3L);
            assertThat(beforeTheFailure.last()).as("the total is unknown when the source failed").isFalse();
            assertThatThrownBy(p::next).hasMessage("line 4: broken");
            assertThat(p.next()).isNull();
        }
    }

    @Test
    void sourceAfterACheckpointSkipsCommittedRows() {
        List<ParsedQA> items = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            items.add(ParsedQA.of(i, i, "q", "a"));
        }
        RowSource s = RowSource.of(items.iterator()).after(3);

        assertThat(s.next().row()).isEqualTo(4);
        assertThat(s.next().row()).isEqualTo(5);
        assertThat(s.next()).isNull();
        assertThat(s.bytesRead()).isZero();
    }

    @Test
    void cutterClosesABatchEarlyOnceItsTextPassesTheCharacterBound() {
        List<ParsedQA> items = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            items.add(ParsedQA.of(i, i, "q".repeat(100), "a".repeat(900)));
        }
        BatchCutter cutter = new BatchCutter(RowSource.of(items.iterator()), 50, 3_000);

        List<Integer> sizes = new ArrayList<>();
        RowBatch b;
        while ((b = cutter.next()) != null) {
            sizes.add(b.rows().size());
        }
        assertThat(sizes).containsExactly(3, 3, 3, 1);
    }

    @Test
    void keySetFindsWhatWasAddedAndGrows() {
        LongKeySet set = new LongKeySet();
        Random r = new Random(42);
        List<Long> keys = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            long k = r.nextLong();
            keys.add(k);
            assertThat(set.add(k)).isTrue();
        }
        assertThat(keys).allMatch(set::contains);
        assertThat(set.add(keys.get(123))).isFalse();
        assertThat(set.add(0)).isTrue();
        assertThat(set.add(0)).isFalse();
        assertThat(set.contains(0)).isTrue();
        assertThat(LongKeySet.of("ffffffffffffffff0000000000000000")).isEqualTo(-1L);
    }

}
