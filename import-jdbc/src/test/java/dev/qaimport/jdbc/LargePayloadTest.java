package dev.qaimport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 200 MB upload written, read back and deleted through the database payload store of an H2
 * file, in a JVM with a 128 MB heap (H2 itself needs more than 64 MB for its page cache and writer). Deleting it in one statement once made H2 run out of memory
 * inside its store, which then reported the file corrupted.
 */
class LargePayloadTest {
    @Test
    @Timeout(120)
    void aLargePayloadStreamsInAndOutAndIsDeletedWithinASmallHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), PayloadStreamingCheck.class.getName(), "h2", "200")
                .redirectErrorStream(true).start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(110, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("stored 200 MiB", "read 200 MiB", "checksums equal", "(gone)").doesNotContainIgnoringCase("corrupt");
    }
}
