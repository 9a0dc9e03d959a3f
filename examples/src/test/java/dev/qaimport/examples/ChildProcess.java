package dev.qaimport.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs the program as a real JVM process, with the test class path, and captures everything it writes. */
final class ChildProcess {
    private ChildProcess() {
    }

    static ProcessBuilder builder(Path dir, Map<String, String> env, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("QA_IMPORT_DB");
        pb.environment().remove("OPENAI_API_KEY");
        pb.environment().putAll(env);
        return pb;
    }

    static Cli.Result run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        try (Running p = start(dir, env, args)) {
            return p.await(Duration.ofMinutes(3));
        }
    }

    /**
     * Starts the program and returns at once. Its output goes to files, never to a pipe, so that
     * a child that writes a lot can never block on a reader that is busy elsewhere.
     */
    static Running start(Path dir, Map<String, String> env, String... args) throws IOException {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = builder(dir, env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Running(p, out, err, "qa-import " + String.join(" ", args));
    }

    /** A started child; closing it kills it if it still runs and deletes its output files. */
    static final class Running implements AutoCloseable {
        final Process process;
        private final Path out;
        private final Path err;
        private final String command;

        private Running(Process process, Path out, Path err, String command) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.command = command;
        }

        String out() {
            return read(out);
        }

        String err() {
            return read(err);
        }

        private static String read(Path file) {
            try {
                return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits until what it wrote to standard error satisfies {@code condition}; fails if it exits or time runs out first. */
        void awaitErr(Predicate<String> condition, Duration timeout, String what) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.test(err())) {
                if (!process.isAlive() && !condition.test(err())) {
                    throw new AssertionError(command + " exited (status " + process.exitValue() + ") before " + what + "\n" + this);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(command + " did not show " + what + " within " + timeout + "\n" + this);
                }
                Thread.sleep(20);
            }
        }

        /** Waits for it to exit and returns what it printed; kills it and fails when it takes longer than {@code timeout}. */
        Cli.Result await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(command + " did not finish within " + timeout + "\n" + this);
            }
            return new Cli.Result(process.exitValue(), out(), err());
        }

        @Override
        public void close() {
            try {
                if (process.isAlive()) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Files.deleteIfExists(out);
                    Files.deleteIfExists(err);
                } catch (IOException e) {
                    // Left in the test's temporary directory, which JUnit deletes.
                }
            }
        }

        @Override
        public String toString() {
            return command + "\n--- stdout\n" + out() + "--- stderr\n" + err();
        }
    }
}
