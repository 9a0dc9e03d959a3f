package dev.qaimport.examples.cli;

import dev.qaimport.ImportListener;
import dev.qaimport.model.ImportJob;
import java.io.PrintStream;
import java.util.Locale;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Shows a job's progress on standard error, first for the import and then for the embeddings (or
 * a re-embedding's): on a terminal a live bar redrawn in place ({@code \r}) with rows done/total,
 * rows per second, ETA and error count; when the output is a file or a pipe, one plain line when
 * a phase starts, then one every few seconds, and one when it ends. Thread-safe; called from
 * worker threads through {@link ImportListener}.
 */
final class ProgressDisplay implements ImportListener {
    static final long BAR_INTERVAL_NANOS = 100_000_000L;
    static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;
    /** A rate measured over less than this swings wildly with the first batches, so it is not shown until then. */
    static final long MIN_MEASURED_NANOS = 1_000_000_000L;
    private static final int BAR_WIDTH = 24;

    private final PrintStream err;
    private final boolean bar;
    private final long interval;
    private final LongSupplier nanoTime;
    private String phase = "";
    private long phaseStartNanos;
    private long phaseStartCount;
    private double phaseStartFraction;
    private boolean printed;
    private boolean finishedShown;
    private long lastPrint;
    private boolean drewBar;

    ProgressDisplay(PrintStream err, boolean bar) {
        this(err, bar, System::nanoTime);
    }

    /** A display that reads the time from {@code nanoTime} (as {@link System#nanoTime()}), so tests need not sleep. */
    ProgressDisplay(PrintStream err, boolean bar, LongSupplier nanoTime) {
        this.err = err;
        this.bar = bar;
        this.interval = bar ? BAR_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void onImportProgress(ImportJob job) {
        long done = job.processedRows();
        // Until the parser reaches the end of the file the total is unknown; the fraction then comes from bytes read.
        double fraction = job.progress();
        phase("import " + job.id(), done, fraction);
        show(job.filename(), "Importing", done, job.totalRows(), fraction, "rows", "errors " + fmt(job.errorCount()));
    }

    @Override
    public synchronized void onEmbeddingProgress(ImportJob job) {
        long done = job.embeddedCount() + job.embeddingErrorCount();
        long total = Math.max(done, job.successCount());
        double fraction = total == 0 ? 1 : (double) done / total;
        phase("embed " + job.id(), done, fraction);
        show(job.filename(), "Embedding", done, total, fraction, "pairs", "failed " + fmt(job.embeddingErrorCount()));
    }

    /**
     * Shows a re-embedding's progress: {@code done} pairs of {@code total}, under {@code label}
     * (where the pairs go). Called after each commit, from the threads that embed.
     */
    synchronized void onReembeddingProgress(UUID id, String label, long done, long total) {
        double fraction = total <= 0 ? 1 : (double) done / total;
        phase("reembed " + id, done, fraction);
        show(label, "Re-embedding", done, total, fraction, "pairs", null);
    }

    /** Ends the display: the bar's line is finished so that later output starts on a new line. */
    synchronized void finish() {
        if (bar && drewBar) {
            err.print("\n");
            err.flush();
            drewBar = false;
        }
    }

    /** Starts measuring afresh for each phase of each job: a resume runs several jobs through one display. */
    private void phase(String name, long count, double fraction) {
        if (!name.equals(phase)) {
            finish();
            phase = name;
            phaseStartNanos = nanoTime.getAsLong();
            phaseStartCount = count;
            phaseStartFraction = fraction;
            printed = false;
            finishedShown = false;
        }
    }

    private void show(String filename, String verb, long done, long total, double fraction, String unit, String tail) {
        long now = nanoTime.getAsLong();
        boolean finished = total >= 0 && done >= total;
        if (finished) {
            if (finishedShown) {
                return;
            }
            finishedShown = true;
        } else if (printed && now - lastPrint < interval) {
            return;
        }
        printed = true;
        lastPrint = now;
        long elapsed = now - phaseStartNanos;
        boolean measured = done > phaseStartCount && elapsed > 0 && (finished || elapsed >= MIN_MEASURED_NANOS);
        String speed = measured ? fmt(Math.round((done - phaseStartCount) * 1e9 / elapsed)) : "-";
        String eta = null;
        if (!finished) {
            // From the share of the work done in this phase, so that a resumed job's earlier rows do not shorten the ETA.
            eta = measured && fraction > phaseStartFraction
                    ? duration(Math.round(elapsed / 1e9 * (1 - fraction) / (fraction - phaseStartFraction))) : "-";
        }
        int percent = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
        StringBuilder line = new StringBuilder(120).append(verb).append(' ').append(Printable.line(filename));
        if (bar) {
            line.append(" [").append(bar(fraction)).append("] ").append(String.format(Locale.ROOT, "%3d%%", percent));
        } else {
            line.append("  ").append(percent).append('%');
        }
        line.append("  ").append(total >= 0 ? fmt(done) + "/" + fmt(total) : fmt(done)).append(' ').append(unit);
        line.append("  ").append(speed).append(' ').append(unit).append("/s");
        if (eta != null) {
            line.append("  ETA ").append(eta);
        }
        if (tail != null) {
            line.append("  ").append(tail);
        }
        if (bar) {
            // Carriage return and "erase line" redraw the bar in place.
            err.print("\r\033[2K" + line);
            drewBar = true;
        } else {
            err.println(line);
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
}
