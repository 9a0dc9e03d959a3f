package dev.qaimport.examples.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/** Facts about where output goes. */
final class Terminal {
    private Terminal() {
    }

    /** Whether this process's standard error is an interactive terminal (see {@link #stderrIsTerminal(Map, Path, boolean)}). */
    static boolean stderrIsTerminal() {
        return stderrIsTerminal(System.getenv(), Path.of("/proc/self/fd/2"), System.console() != null);
    }

    /**
     * Whether standard error is an interactive terminal. Java 17 cannot ask about stderr alone, so
     * on Linux this reads where file descriptor 2 points ({@code fd2}, a symbolic link under
     * {@code /proc}); where there is no such link it falls back to whether the JVM has a console.
     * {@code QA_IMPORT_PROGRESS=plain} or {@code =bar} overrides the guess, and {@code TERM=dumb}
     * means a terminal that cannot redraw a line.
     */
    static boolean stderrIsTerminal(Map<String, String> env, Path fd2, boolean hasConsole) {
        String forced = env.get("QA_IMPORT_PROGRESS");
        if ("plain".equalsIgnoreCase(forced)) {
            return false;
        }
        if ("bar".equalsIgnoreCase(forced)) {
            return true;
        }
        if ("dumb".equals(env.get("TERM"))) {
            return false;
        }
        try {
            if (Files.exists(fd2, LinkOption.NOFOLLOW_LINKS)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // Not a link, or not readable: fall through to the console check.
        }
        return hasConsole;
    }
}
