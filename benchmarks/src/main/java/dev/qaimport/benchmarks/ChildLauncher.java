package dev.qaimport.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts contenders as child JVMs on this JVM's class path, measures each from process start to
 * exit, and reads its result line. Children that outlive their timeout, or this JVM, are
 * destroyed with their descendants (a shutdown hook covers Ctrl-C), so no run leaves an orphan.
 */
final class ChildLauncher implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path logDir;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private final Thread hook = new Thread(this::destroyAll, "benchmark-children-cleanup");
    private final AtomicInteger counter = new AtomicInteger();

    ChildLauncher(Path logDir) {
        this.logDir = logDir;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * A finished child.
     *
     * @param wallNanos from {@code ProcessBuilder.start()} to the process's exit
     * @param result    its result line, or {@code null} when it failed
     * @param failure   why it failed (last lines of its output), or {@code null}
     */
    record Child(long wallNanos, JsonNode result, String failure) {
        boolean ok() {
            return failure == null;
        }
    }

    /**
     * Extra JVM options for every child, split on spaces (for profiling, e.g.
     * {@code -XX:StartFlightRecording=filename=/tmp/child.jfr}); unset in a measured run.
     */
    static final String CHILD_JVM_OPTIONS_ENV = "QA_BENCH_CHILD_JVM_OPTIONS";

    /** Runs {@code ChildMain} with {@code args} in a JVM limited to {@code xmx}; never throws for a failed child. */
    Child run(String xmx, List<String> args, String password, Duration timeout) throws IOException, InterruptedException {
        Path log = logDir.resolve("child-" + counter.incrementAndGet() + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "child"));
        String extra = System.getenv(CHILD_JVM_OPTIONS_ENV);
        if (extra != null && !extra.isBlank()) {
            command.addAll(1, List.of(extra.trim().split("\\s+")));
        }
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put(ChildMain.PASSWORD_ENV, password);
        long started = System.nanoTime();
        Process process = builder.start();
        live.add(process);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroy(process);
                return new Child(System.nanoTime() - started, null, "timed out after " + timeout + "\n" + tail(log));
            }
            long wall = System.nanoTime() - started;
            JsonNode result = result(log);
            if (process.exitValue() != 0 || result == null) {
                return new Child(wall, null, "exit " + process.exitValue() + "\n" + tail(log));
            }
            return new Child(wall, result, null);
        } finally {
            live.remove(process);
        }
    }

    private static JsonNode result(Path log) throws IOException {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith(ChildMain.RESULT_PREFIX)) {
                return JSON.readTree(line.substring(ChildMain.RESULT_PREFIX.length()));
            }
        }
        return null;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void destroyAll() {
        live.forEach(ChildLauncher::destroy);
    }

    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or has run.
        }
    }
}
