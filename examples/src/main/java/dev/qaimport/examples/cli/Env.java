package dev.qaimport.examples.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command runs in: its output streams, environment variables and working directory.
 * Injected so that tests can drive the program in-process.
 *
 * @param out standard output
 * @param err standard error
 * @param vars environment variables
 * @param workingDirectory where relative paths and the default database live
 * @param terminal whether standard error is a terminal (live progress bar)
 */
public record Env(PrintStream out, PrintStream err, Map<String, String> vars, Path workingDirectory, boolean terminal) {
    public String get(String name) {
        return vars.get(name);
    }

    /** The real process environment. */
    public static Env system() {
        return new Env(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(), Terminal.stderrIsTerminal());
    }
}
