package dev.qaimport.parse;

import dev.qaimport.parse.internal.RecordReaders;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.parse.internal.ParsedRow;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.SourceType;

/**
 * Run by {@link BoundedMemoryTest} in a JVM with a small heap: reads generated inputs of
 * hundreds of megabytes and prints one line per scenario; exits with 1 on the first surprise.
 */
public final class BoundedMemoryMain {
    private static final long MB = 1024 * 1024;

    private BoundedMemoryMain() {
    }

    public static void main(String[] args) {
        long mb = Long.parseLong(args[0]);
        String row = "How do I reset my password?,\"Open Settings, then \"\"Security\"\", then\nchoose Reset; you get an e-mail.\",account,login;password\n";
        long rows = (mb * MB + row.length() - 1) / row.length();
        check("csv-rows", SourceType.CSV, new GeneratedInput().then("question,answer,category,tags\n").then(row, rows), rows, 0);
        check("csv-field", SourceType.CSV, new GeneratedInput().then("question,answer\nq1,\"").then("0123456789\n", (mb * MB + 10) / 11)
                .then("\"\nq2,a2\n"), 1, 1);
        check("json-string", SourceType.JSON, new GeneratedInput().then("{\"items\": [\n{\"question\": \"q1\", \"answer\": \"")
                .then("0123456789", (mb * MB + 9) / 10).then("\"},\n{\"question\": \"q2\", \"answer\": \"a2\"}]}"), 1, 1);
        check("jsonl-line", SourceType.JSONL, new GeneratedInput().then("{\"question\": \"q1\", \"answer\": \"").then("0123456789", (mb * MB + 9) / 10)
                .then("\"}\n{\"question\": \"q2\", \"answer\": \"a2\"}\n"), 1, 1);
        System.out.println("max heap " + Runtime.getRuntime().maxMemory() / MB + " MB");
    }

    private static void check(String name, SourceType type, GeneratedInput in, long records, long tooLong) {
        long size = in.size();
        long ok = 0;
        long errors = 0;
        long start = System.nanoTime();
        try (RecordReader r = RecordReaders.open(in, type, ImportOptions.defaults(), Limits.defaults())) {
            for (ParsedRow row; (row = r.next()) != null; ) {
                if (row.qa() != null) {
                    ok++;
                } else if (row.error().code().equals(ErrorCodes.TOO_LONG)) {
                    errors++;
                } else {
                    fail(name + ": unexpected " + row.error());
                }
            }
            if (r.bytesRead() != size) {
                fail(name + ": read " + r.bytesRead() + " of " + size + " bytes");
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            e.printStackTrace(System.out);
            fail(name + ": " + e);
        }
        if (ok != records || errors != tooLong) {
            fail(name + ": " + ok + " records and " + errors + " too long, expected " + records + " and " + tooLong);
        }
        System.out.printf("OK %s %d MB: %d records, %d too long, %d ms%n", name, size / MB, ok, errors, (System.nanoTime() - start) / 1_000_000);
    }

    private static void fail(String message) {
        System.out.println("FAIL " + message);
        System.exit(1);
    }
}
