package dev.qaimport.examples.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a command runs in: its output streams, environment variables and working directory.
 * Injected so that tests can drive the program in-process.
 *
 * @param out standard output
 * @param err standard error
 * @param vars environment variables
 * @param workingDirectory where relative paths and the default database live
 * @param terminal whether standard error is a terminal (live progress bar)
 * @param sleeper how a command that watches a job waits between two looks at it
 */
public record Env(PrintStream out, PrintStream err, Map<String, String> vars, Path workingDirectory, boolean terminal, Sleeper sleeper) {
    public Env {
        Objects.requireNonNull(sleeper, "sleeper");
    }

    /** An environment whose commands wait on the wall clock. */
    public Env(PrintStream out, PrintStream err, Map<String, String> vars, Path workingDirectory, boolean terminal) {
        this(out, err, vars, workingDirectory, terminal, Sleeper.REAL);
    }

    public String get(String name) {
        return vars.get(name);
    }

    /** The real process environment. */
    public static Env system() {
        return new Env(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(), Terminal.stderrIsTerminal());
    }
}
