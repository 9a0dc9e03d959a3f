package dev.qaimport.jdbc;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import java.io.InputStream;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Writes and reads back a large generated payload through the database payload store, to be run
 * by hand with a small heap ({@code -Xmx64m}) to show that nothing holds a whole payload:
 * {@code java -Xmx64m -cp ... dev.qaimport.jdbc.PayloadStreamingCheck postgresql 300}. It then deletes the payload and
 * checks the database. {@link LargePayloadTest} runs it on H2 in a child JVM.
 */
public final class PayloadStreamingCheck {
    private PayloadStreamingCheck() {
    }

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "postgresql";
        long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 300;
        long size = megabytes << 20;
        Dialect dialect = Dialect.valueOf(database.toUpperCase(Locale.ROOT));
        try (TestDatabase db = dialect == Dialect.H2 ? TestDatabases.h2File(java.nio.file.Files.createTempDirectory("qa-payload"))
                : TestDatabases.create(dialect);
                JdbcImportStore store = builder(db, args).build()) {
            UUID id = UUID.randomUUID();
            CRC32 written = new CRC32();
            long start = System.nanoTime();
            long stored = store.databasePayloads().write(id, new Generated(size, written));
            double writeSeconds = (System.nanoTime() - start) / 1e9;
            CRC32 read = new CRC32();
            long total = 0;
            start = System.nanoTime();
            try (InputStream in = store.databasePayloads().open(id)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    read.update(buffer, 0, n);
                    total += n;
                }
            }
            double readSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            store.databasePayloads().delete(id);
            double deleteSeconds = (System.nanoTime() - start) / 1e9;
            store.verify();
            boolean gone;
            try (InputStream in = store.databasePayloads().open(id)) {
                gone = false;
            } catch (RuntimeException e) {
                gone = true;
            }
            System.out.printf(Locale.ROOT, "%s: stored %d MiB in %.1f s, read %d MiB in %.1f s, checksums %s, deleted in %.1f s (%s), "
                    + "max heap %d MiB%n", dialect, stored >> 20, writeSeconds, total >> 20, readSeconds,
                    written.getValue() == read.getValue() && total == size ? "equal" : "DIFFERENT", deleteSeconds, gone ? "gone" : "STILL THERE",
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static JdbcImportStore.Builder builder(TestDatabase db, String[] args) {
        JdbcImportStore.Builder builder = JdbcImportStore.builder(db.dataSource()).installSchema(true);
        return args.length > 2 ? builder.payloadChunkSize(Integer.parseInt(args[2])) : builder;
    }

    /** A deterministic stream of {@code size} pseudo-random bytes, never held in memory. */
    private static final class Generated extends InputStream {
        private final long size;
        private final CRC32 crc;
        private long position;
        private long state = 0x9E3779B97F4A7C15L;

        Generated(long size, CRC32 crc) {
            this.size = size;
            this.crc = crc;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b[off + i] = (byte) state;
            }
            crc.update(b, off, n);
            position += n;
            return n;
        }
    }
}
