package dev.qaimport.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays constant with the workbook's size: a child JVM with a 64 MB heap reads a
 * 200,000-row workbook whose shared-strings table (every cell a distinct string) is over 100 MB.
 */
class XlsxBoundedMemoryTest {
    @TempDir
    Path temp;

    @Test
    void twoHundredThousandRowsWithA100MegabyteSharedStringsTableReadInA64MegabyteHeap() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                XlsxMemoryMain.class.getName(), "200000", "450", temp.toString()).redirectErrorStream(true);
        Process p = pb.start();
        boolean finished = p.waitFor(240, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as("finished in time; output so far:%n%s", out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("OK rows=200000 errors=0").doesNotContain("FAIL");
        int sst = Integer.parseInt(out.replaceAll("(?s).*sharedStrings=(\\d+) MB.*", "$1"));
        assertThat(sst).as(out).isGreaterThanOrEqualTo(100);
        System.out.println(out);
    }
}
