package dev.qaimport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.QAStatus;
import dev.qaimport.spi.NewPair;
import dev.qaimport.spi.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PostgresStoreTest extends AbstractStoreContractTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    protected String createdAtAsUtcTextSql() {
        return "SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') FROM import_jobs WHERE id = :id";
    }

    @Override
    protected String shortLockTimeoutSql() {
        return "SET lock_timeout = '300ms'";
    }

    @Override
    protected String unreachableUrlWithPassword(String password) {
        return "jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2&password=" + password;
    }

    /** Batches of 16 rows or more go through COPY on PostgreSQL; its text format escapes must round-trip exactly. */
    @Test
    void copiesLargeBatchesWithEveryAwkwardCharacterIntact() {
        UUID job = newJob(T0);
        List<NewPair> in = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            String text = HARD_TEXT.get(i % HARD_TEXT.size()) + " | tab\there, CRLF\r\nnext, backslash \\ and \\N and \\t literally";
            in.add(new NewPair(UUID.randomUUID(), "default", job, i, "Q" + i + ": " + text, "A: " + text, i % 2 == 0 ? null : "cat\t" + i,
                    List.of("t\\1", "x\ty", "é😀"), "key-copy-" + i, QAStatus.DRAFT, T0.plusMillis(i)));
        }

        store.inTransaction(tx -> {
            tx.insertPairs(in);
            return null;
        });

        List<QAPair> out = store.queries().pairsOfJob(job, 0, 100);
        assertThat(out).hasSize(40);
        for (int i = 0; i < 40; i++) {
            NewPair expected = in.get(i);
            QAPair actual = out.get(i);
            assertThat(actual.id()).isEqualTo(expected.id());
            assertThat(actual.question()).isEqualTo(expected.question());
            assertThat(actual.answer()).isEqualTo(expected.answer());
            assertThat(actual.category()).isEqualTo(expected.category());
            assertThat(actual.tags()).isEqualTo(expected.tags());
            assertThat(actual.contentHash()).isEqualTo(expected.questionKey());
            assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
        }
    }

    @Test
    void aCopyThatTheDatabaseRefusesFailsOnlyItsSavepoint() {
        UUID job = newJob(T0);
        store.inTransaction(tx -> {
            tx.insertPairs(pairs(job, 1, 20));
            return null;
        });

        store.inTransaction(tx -> {
            // Rows 15..34 collide with 15..20 on (import_job_id, source_row): the whole COPY is refused.
            assertThatThrownBy(() -> tx.withSavepoint(() -> {
                tx.insertPairs(pairs(job, 15, 20));
                return null;
            })).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.DATA));
            tx.insertPairs(pairs(job, 21, 20));
            return null;
        });

        assertThat(store.queries().countPairs(job)).isEqualTo(40);
    }
}
