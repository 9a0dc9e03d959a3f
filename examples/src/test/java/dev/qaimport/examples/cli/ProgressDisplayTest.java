package dev.qaimport.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.SourceType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the progress display draws, driven by a clock the test moves instead of by sleeping. */
class ProgressDisplayTest {
    private static final String REDRAW = "\r\033[2K";
    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now = 42 * SECOND;

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void at(double seconds) {
        now = 42 * SECOND + (long) (seconds * SECOND);
    }

    @Test
    void onATerminalRedrawsALiveBarInPlaceWithCountsRateEtaAndErrorsForTheImportThenTheEmbeddings() {
        ProgressDisplay display = new ProgressDisplay(err, true, () -> now);
        UUID id = UUID.randomUUID();
        int payload = 4_000;

        at(0);
        display.onImportProgress(importing(id, 50, -1, 1, 1_000, payload));
        at(2);
        display.onImportProgress(importing(id, 150, -1, 1, 3_000, payload));
        at(2.05);
        display.onImportProgress(importing(id, 160, -1, 1, 3_200, payload));
        at(2.5);
        display.onImportProgress(importing(id, 200, 200, 2, payload, payload));
        at(3);
        display.onEmbeddingProgress(embedding(id, 190, 100, 0));
        at(4);
        display.onEmbeddingProgress(embedding(id, 190, 189, 1));
        display.finish();

        String out = output();
        assertThat(out).endsWith("\n");
        // Split on line feeds only: within a line the bar is redrawn after carriage returns.
        List<String> lines = Arrays.asList(out.substring(0, out.length() - 1).split("\n"));
        assertThat(lines).as("one line per phase, each redrawn in place").hasSize(2);

        List<String> importDraws = draws(lines.get(0));
        assertThat(importDraws).as("the draw 50 ms after the previous one is skipped").hasSize(3);
        assertThat(importDraws.get(0)).isEqualTo("Importing faq.csv [######..................]  25%  50 rows  - rows/s  ETA -  errors 1");
        // 100 rows in 2 s; half the file read in 2 s, a quarter to go.
        assertThat(importDraws.get(1)).isEqualTo("Importing faq.csv [##################......]  75%  150 rows  50 rows/s  ETA 0:01  errors 1");
        assertThat(importDraws.get(2)).isEqualTo("Importing faq.csv [########################] 100%  200/200 rows  60 rows/s  errors 2");

        List<String> embedDraws = draws(lines.get(1));
        assertThat(embedDraws).hasSize(2);
        assertThat(embedDraws.get(0)).startsWith("Embedding faq.csv [#############...........]  52%  100/190 pairs  - pairs/s  ETA -");
        assertThat(embedDraws.get(1)).isEqualTo("Embedding faq.csv [########################] 100%  190/190 pairs  90 pairs/s  failed 1");
    }

    @Test
    void inAPipePrintsPlainLinesWhenAPhaseStartsEveryFiveSecondsAndWhenItEnds() {
        ProgressDisplay display = new ProgressDisplay(err, false, () -> now);
        UUID id = UUID.randomUUID();

        for (int second = 0; second <= 12; second++) {
            at(second);
            display.onImportProgress(importing(id, 1_000L * second, -1, second / 4, 1_000L * second, 13_000));
        }
        at(12.5);
        display.onImportProgress(importing(id, 13_000, 13_000, 3, 13_000, 13_000));
        display.finish();

        String out = output();
        assertThat(out).doesNotContain("\r", "\033");
        List<String> lines = out.lines().collect(Collectors.toList());
        assertThat(lines).containsExactly(
                "Importing faq.csv  0%  0 rows  - rows/s  ETA -  errors 0",
                "Importing faq.csv  38%  5,000 rows  1,000 rows/s  ETA 0:08  errors 1",
                "Importing faq.csv  76%  10,000 rows  1,000 rows/s  ETA 0:03  errors 2",
                "Importing faq.csv  100%  13,000/13,000 rows  1,040 rows/s  errors 3");
    }

    @Test
    void showsTheLastLineOfAPhaseOnce() {
        ProgressDisplay display = new ProgressDisplay(err, false, () -> now);
        UUID id = UUID.randomUUID();

        display.onImportProgress(importing(id, 10, 10, 0, 100, 100));
        display.onImportProgress(importing(id, 10, 10, 0, 100, 100));
        display.onEmbeddingProgress(embedding(id, 10, 10, 0));
        display.onEmbeddingProgress(embedding(id, 10, 10, 0));

        assertThat(output().lines()).hasSize(2);
    }

    @Test
    void measuresEachResumedJobFromWhereItStarted() {
        ProgressDisplay display = new ProgressDisplay(err, false, () -> now);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        at(0);
        display.onImportProgress(importing(first, 100, 100, 0, 100, 100));
        // The second job was resumed after row 9,000 of 10,000: its rate and ETA count only what this process does.
        at(10);
        display.onImportProgress(importing(second, 9_000, 10_000, 0, 9_000, 10_000));
        at(15);
        display.onImportProgress(importing(second, 9_500, 10_000, 0, 9_500, 10_000));

        List<String> lines = output().lines().collect(Collectors.toList());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).isEqualTo("Importing faq.csv  90%  9,000/10,000 rows  - rows/s  ETA -  errors 0");
        assertThat(lines.get(2)).isEqualTo("Importing faq.csv  95%  9,500/10,000 rows  100 rows/s  ETA 0:05  errors 0");
    }

    @Test
    void showsAFileNameWithoutTheControlCharactersItHolds() {
        ProgressDisplay display = new ProgressDisplay(err, false, () -> now);

        display.onImportProgress(job(UUID.randomUUID(), "evil\033]0;pwned\007\u009b2J.csv", 1, 1, 0, 0, 0, 0, 1, 1));

        assertThat(output()).startsWith("Importing evil\\u001b]0;pwned\\u0007\\u009b2J.csv").doesNotContain("\033", "\u009b", "\007");
    }

    @Test
    void formatsLongEtasWithHours() {
        assertThat(ProgressDisplay.duration(59)).isEqualTo("0:59");
        assertThat(ProgressDisplay.duration(3_599)).isEqualTo("59:59");
        assertThat(ProgressDisplay.duration(3_725)).isEqualTo("1:02:05");
    }

    private static List<String> draws(String line) {
        assertThat(line).startsWith(REDRAW);
        return Arrays.stream(line.split(java.util.regex.Pattern.quote(REDRAW))).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    private static ImportJob importing(UUID id, long processed, long total, long errors, long bytesRead, long payloadBytes) {
        return job(id, "faq.csv", total, processed, processed - errors, errors, 0, 0, bytesRead, payloadBytes);
    }

    private static ImportJob embedding(UUID id, long stored, long embedded, long failed) {
        return job(id, "faq.csv", stored, stored, stored, 0, embedded, failed, 100, 100);
    }

    private static ImportJob job(UUID id, String filename, long total, long processed, long success, long errors, long embedded, long failed,
            long bytesRead, long payloadBytes) {
        Instant t = Instant.parse("2031-03-04T05:06:07Z");
        return new ImportJob(id, "default", filename, SourceType.CSV, JobStatus.PROCESSING, total, processed, success, errors, 0, embedded, failed,
                null, null, false, payloadBytes, bytesRead, 1, "w1", t.plusSeconds(60), t, t, t, null);
    }
}
