package dev.qaimport.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about where output goes. */
final class Terminal {
    private Terminal() {
    }

    /**
     * Whether standard error is an interactive terminal. Java 17 cannot ask about stderr alone, so
     * on Linux this reads where file descriptor 2 points; elsewhere it falls back to whether the
     * JVM has a console. {@code QA_IMPORT_PROGRESS=plain} or {@code =bar} overrides the guess.
     */
    static boolean stderrIsTerminal() {
        String forced = System.getenv("QA_IMPORT_PROGRESS");
        if ("plain".equalsIgnoreCase(forced)) {
            return false;
        }
        if ("bar".equalsIgnoreCase(forced)) {
            return true;
        }
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // fall through to the console check
        }
        return System.console() != null;
    }
}
