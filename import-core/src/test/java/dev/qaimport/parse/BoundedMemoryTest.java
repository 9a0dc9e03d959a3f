package dev.qaimport.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Memory stays bounded whatever the input: a child JVM with a 64 MB heap reads a 200 MB CSV of
 * ordinary rows and files whose single field or line is 200 MB, generated as they are read.
 */
class BoundedMemoryTest {
    @Test
    void twoHundredMegabyteInputsReadInA64MegabyteHeap() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                BoundedMemoryMain.class.getName(), "200").redirectErrorStream(true);
        Process p = pb.start();
        boolean finished = p.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(finished).as("finished in time; output so far:%n%s", out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        for (String scenario : List.of("csv-rows", "csv-field", "json-string", "jsonl-line")) {
            assertThat(out).contains("OK " + scenario + " 200 MB");
        }
        assertThat(out).contains("max heap ").doesNotContain("FAIL");
    }
}
