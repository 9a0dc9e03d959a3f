package dev.qaimport.examples;

import dev.qaimport.examples.cli.Env;
import dev.qaimport.examples.cli.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the program in-process in a working directory of its own and captures what it printed. */
final class Cli {
    final Path dir;
    final Map<String, String> env = new HashMap<>();
    private boolean terminal;
    private Sleeper sleeper = Sleeper.REAL;

    Cli(Path dir) {
        this.dir = dir;
    }

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs as if standard error were a terminal (the live progress bar). */
    Cli terminal(boolean terminal) {
        this.terminal = terminal;
        return this;
    }

    /** Lets a command that watches a job wait through {@code sleeper} instead of the wall clock. */
    Cli sleeper(Sleeper sleeper) {
        this.sleeper = sleeper;
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = Main.run(new Env(o, e, Map.copyOf(env), dir, terminal, sleeper), args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The sample data shipped with the program. */
    static Path sample(String name) {
        return Path.of("data", name).toAbsolutePath();
    }

    /** What one run printed. */
    record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
