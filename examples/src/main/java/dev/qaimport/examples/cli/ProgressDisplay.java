package dev.qaimport.examples.cli;

import dev.qaimport.ImportListener;
import dev.qaimport.model.ImportJob;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a job's progress on standard error: a live bar redrawn in place on a terminal, or one
 * plain line every few seconds when the output is a file or a pipe. Thread-safe; called from
 * worker threads through {@link ImportListener}.
 */
final class ProgressDisplay implements ImportListener {
    private static final long BAR_INTERVAL_NANOS = 100_000_000L;
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;
    private static final int BAR_WIDTH = 24;

    private final PrintStream err;
    private final boolean bar;
    private final long interval;
    private final long startNanos = System.nanoTime();
    private long lastPrint;
    private String phase = "";
    private long phaseStartNanos;
    private long phaseStartCount;
    private boolean drewBar;

    ProgressDisplay(PrintStream err, boolean bar) {
        this.err = err;
        this.bar = bar;
        this.interval = bar ? BAR_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS;
    }

    @Override
    public synchronized void onImportProgress(ImportJob job) {
        phase("import", job.processedRows());
        // Until the parser reaches the end of the file the total is unknown; the fraction then comes from bytes read.
        show(job, "Importing", job.processedRows(), job.totalRows(), job.progress(), "rows", "errors " + fmt(job.errorCount()), false);
    }

    @Override
    public synchronized void onEmbeddingProgress(ImportJob job) {
        phase("embed", job.embeddedCount() + job.embeddingErrorCount());
        long done = job.embeddedCount() + job.embeddingErrorCount();
        long total = Math.max(done, job.successCount());
        double fraction = total == 0 ? 1 : (double) done / total;
        show(job, "Embedding", done, total, fraction, "pairs", "failed " + fmt(job.embeddingErrorCount()), false);
    }

    /** Ends the display: the bar's line is finished so that later output starts on a new line. */
    synchronized void finish() {
        if (bar && drewBar) {
            err.print("\n");
            err.flush();
            drewBar = false;
        }
    }

    private void phase(String name, long count) {
        if (!name.equals(phase)) {
            if (bar && drewBar) {
                err.print("\n");
                drewBar = false;
            }
            phase = name;
            phaseStartNanos = System.nanoTime();
            phaseStartCount = count;
            lastPrint = 0;
        }
    }

    private void show(ImportJob job, String verb, long done, long total, double fraction, String unit, String tail, boolean force) {
        long now = System.nanoTime();
        boolean finished = total >= 0 && done >= total;
        if (!force && !finished && lastPrint != 0 && now - lastPrint < interval) {
            return;
        }
        lastPrint = now;
        double seconds = Math.max(1e-3, (now - phaseStartNanos) / 1e9);
        double rate = (done - phaseStartCount) / seconds;
        boolean measured = seconds >= 1 && done > phaseStartCount;
        String eta = measured && fraction > 0 && fraction < 1 ? duration((long) (seconds * (1 - fraction) / fraction)) : "-";
        String counts = total >= 0 ? fmt(done) + "/" + fmt(total) : fmt(done);
        String speed = measured ? fmt((long) rate) + " " + unit + "/s" : "- " + unit + "/s";
        String line = String.format(Locale.ROOT, "%s %s %s %3d%%  %s %s  %s  ETA %s  %s", verb, job.filename(),
                bar ? "[" + bar(fraction) + "]" : "", (int) Math.floor(fraction * 100), counts, unit, speed, eta, tail);
        if (bar) {
            err.print("\r\033[2K" + line);
            drewBar = true;
        } else {
            err.println(line.replace("  ", " ").replace(" [] ", " ").strip());
        }
        err.flush();
    }

    private static String bar(double fraction) {
        int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR_WIDTH);
        return "#".repeat(full) + ".".repeat(BAR_WIDTH - full);
    }

    static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String duration(long seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
