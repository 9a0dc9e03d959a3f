package dev.qaimport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.AnswerFormat;
import dev.qaimport.Field;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import dev.qaimport.parse.ParsedRow;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InternalsTest {
    @Test
    void optionsSurviveTheRoundTripThroughStoredJson() {
        ImportOptions o = ImportOptions.builder().sourceType(SourceType.TSV).encoding(Charset.forName("windows-1252"))
                .detectEncoding(true).delimiter('\t').column(Field.QUESTION, "Frage").column(Field.TAGS, "Schlagwörter")
                .recordsPath("faqs").duplicatePolicy(DuplicatePolicy.CREATE).answerFormat(AnswerFormat.PLAIN_TEXT).build();

        assertThat(OptionsCodec.decode(OptionsCodec.encode(o))).isEqualTo(o);
        assertThat(OptionsCodec.decode(OptionsCodec.encode(ImportOptions.defaults()))).isEqualTo(ImportOptions.defaults());
        assertThat(OptionsCodec.decode("{\"version\":2,\"future\":true}")).isEqualTo(ImportOptions.defaults());
    }

    @Test
    void unreadableStoredOptionsAreAnIllegalState() {
        assertThatThrownBy(() -> OptionsCodec.decode("{not json"))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.ILLEGAL_STATE))
                .hasMessageContaining("stored options cannot be read");
    }

    @Test
    void limitedStreamFailsOnceTheLimitIsPassedNamingIt() throws Exception {
        InputStream in = new LimitedInputStream(new ByteArrayInputStream(new byte[11]), 10);

        assertThat(in.read(new byte[10], 0, 10)).isEqualTo(10);
        assertThatThrownBy(in::read)
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED))
                .hasMessage("the file is larger than 10 bytes (Limits.maxFileBytes); raise Limits.maxFileBytes / --max-file-size to import it");
    }

    @Test
    void limitedStreamPassesSmallContentThrough() throws Exception {
        InputStream in = new LimitedInputStream(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);

        assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        assertThat(in.skip(5)).isZero();
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

    @Test
    void hashesAreStableAndSeparateTheirParts() {
        assertThat(Hashes.key("model", "text")).hasSize(32).isEqualTo(Hashes.key("model", "text"));
        assertThat(Hashes.key("ab", "c")).isNotEqualTo(Hashes.key("a", "bc"));
    }

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
        try (PrefetchingRowSource p = new PrefetchingRowSource(source, 7, 1 << 20, 2, "test-parse")) {
            ParsedRow r;
            while ((r = p.next()) != null) {
                rows.add(r.row());
            }
            assertThat(p.next()).isNull();
            assertThat(p.bytesRead()).isPositive();
        }
        assertThat(rows).hasSize(1000).isSorted().startsWith(1L).endsWith(1000L);
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
        try (PrefetchingRowSource p = new PrefetchingRowSource(source, 2, 1 << 20, 2, "test-parse")) {
            assertThat(p.next().row()).isEqualTo(1);
            assertThat(p.next().row()).isEqualTo(2);
            assertThat(p.next().row()).isEqualTo(3);
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
    void throttleLetsTheFirstAndForcedCallsThrough() {
        Throttle t = new Throttle(60_000);

        assertThat(t.ready(false)).isTrue();
        assertThat(t.ready(false)).isFalse();
        assertThat(t.ready(true)).isTrue();
    }
}
