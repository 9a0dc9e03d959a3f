package dev.qaimport.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the program decides between the live bar and plain progress lines. */
class TerminalTest {
    @TempDir
    Path dir;

    /** Removed by the test, so that JUnit's clean-up never meets a link to a device. */
    @AfterEach
    void removeLink() throws Exception {
        Files.deleteIfExists(dir.resolve("fd2"));
    }

    /** A stand-in for /proc/self/fd/2: a symbolic link to where standard error goes (it need not exist). */
    private Path fd2To(String target) throws Exception {
        return Files.createSymbolicLink(dir.resolve("fd2"), Path.of(target));
    }

    @Test
    void seesATerminalWhenStandardErrorIsAPseudoTerminalOrATty() throws Exception {
        assertThat(Terminal.stderrIsTerminal(Map.of(), fd2To("/dev/pts/7"), false)).isTrue();
        Files.delete(dir.resolve("fd2"));
        assertThat(Terminal.stderrIsTerminal(Map.of(), fd2To("/dev/tty1"), false)).isTrue();
    }

    @Test
    void seesNoTerminalWhenStandardErrorIsAFileOrAPipe() throws Exception {
        assertThat(Terminal.stderrIsTerminal(Map.of(), fd2To("/tmp/build.log"), true)).isFalse();
        Files.delete(dir.resolve("fd2"));
        assertThat(Terminal.stderrIsTerminal(Map.of(), fd2To("pipe:[123456]"), true)).isFalse();
    }

    @Test
    void fallsBackToTheConsoleWhereFileDescriptorsCannotBeRead() {
        Path missing = dir.resolve("no-proc-here");
        assertThat(Terminal.stderrIsTerminal(Map.of(), missing, true)).isTrue();
        assertThat(Terminal.stderrIsTerminal(Map.of(), missing, false)).isFalse();
    }

    @Test
    void theEnvironmentOverridesTheGuess() throws Exception {
        Path tty = fd2To("/dev/pts/0");
        assertThat(Terminal.stderrIsTerminal(Map.of("QA_IMPORT_PROGRESS", "plain"), tty, true)).isFalse();
        assertThat(Terminal.stderrIsTerminal(Map.of("TERM", "dumb"), tty, true)).isFalse();
        assertThat(Terminal.stderrIsTerminal(Map.of("QA_IMPORT_PROGRESS", "BAR"), dir.resolve("no-proc-here"), false)).isTrue();
    }
}
