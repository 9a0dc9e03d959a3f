package dev.qaimport.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The child side of a run: executes one contender once in this JVM and prints one result line
 * ({@value #RESULT_PREFIX} followed by JSON) with its outcome, the time spent after
 * {@code main} started, the process's CPU time, the peak heap (summed peaks of the heap memory pools) and the peak
 * resident set ({@code VmHWM}).
 */
final class ChildMain {
    static final String RESULT_PREFIX = "QA-BENCH-RESULT ";
    static final String PASSWORD_ENV = "QA_BENCH_DB_PASSWORD";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChildMain() {
    }

    static void run(List<String> args) throws Exception {
        long started = System.nanoTime();
        long uptimeAtMain = ManagementFactory.getRuntimeMXBean().getUptime();
        Options options = new Options(args);
        if (options.positional().size() != 2) {
            throw new IllegalArgumentException("usage: child import|embed CONTENDER --db ID --url URL --user U ...");
        }
        String kind = options.positional().get(0);
        String id = options.positional().get(1);
        String password = System.getenv().getOrDefault(PASSWORD_ENV, "");
        Database database = Database.of(options.require("db"));
        ObjectNode result = JSON.createObjectNode().put("kind", kind).put("contender", id);
        switch (kind) {
            case "import" -> {
                ImportSpec spec = new ImportSpec(database, options.require("url"), options.require("user"), password,
                        Path.of(options.require("csv")), options.intValue("batch-size", 500), UUID.fromString(options.require("run-id")));
                ImportOutcome outcome = Contenders.importContender(id).run(spec);
                result.put("rowsRead", outcome.rowsRead()).put("inserted", outcome.inserted())
                        .put("errors", outcome.errors()).put("skipped", outcome.skipped());
            }
            case "embed" -> {
                EmbeddingSpec spec = new EmbeddingSpec(options.require("base-url"), options.get("model", "text-embedding-3-small"),
                        Path.of(options.require("csv")), options.intValue("texts", 20_000), database, options.require("url"),
                        options.require("user"), password);
                EmbeddingOutcome outcome = Contenders.embeddingContender(id).run(spec);
                result.put("embedded", outcome.embedded()).put("embedNanos", outcome.embedNanos());
            }
            default -> throw new IllegalArgumentException("unknown child kind: " + kind);
        }
        result.put("innerNanos", System.nanoTime() - started)
                .put("uptimeAtMainMillis", uptimeAtMain)
                .put("cpuNanos", cpuNanos())
                .put("peakHeapBytes", peakHeapBytes())
                .put("peakRssKb", peakRssKb());
        System.out.println(RESULT_PREFIX + JSON.writeValueAsString(result));
        System.out.flush();
    }

    /** CPU time of this whole process so far (all threads, JVM start-up included), or -1 if unknown. */
    static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** The peaks of the heap pools, summed: an upper bound of the heap ever in use. */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** {@code VmHWM} of this process in kB, or -1 where {@code /proc} does not exist. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
