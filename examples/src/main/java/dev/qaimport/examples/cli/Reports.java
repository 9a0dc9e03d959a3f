package dev.qaimport.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.qaimport.DryRunReport;
import dev.qaimport.QaImport;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.RowError;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/** The program's outputs: the human summary, the JSON summary, job listings and the errors CSV. */
final class Reports {
    /** JSON with C1 controls escaped too, so that a terminal showing it never acts on them. */
    static final JsonFactory JSON = new JsonFactoryBuilder().characterEscapes(new Printable.JsonEscapes()).build();
    private static final int PAGE = 1000;
    static final int HUMAN_ERRORS = 10;

    private Reports() {
    }

    /** Visits every row error of a job in row order, a page at a time (constant memory). */
    static void forEachError(QaImport qa, UUID jobId, Consumer<RowError> visitor) {
        long after = 0;
        while (true) {
            List<RowError> page = qa.getErrors(jobId, after, PAGE);
            page.forEach(visitor);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).row();
        }
    }

    /**
     * Writes every row error of a job to {@code file} (see {@link ErrorsCsv}) and returns it closed;
     * its {@link ErrorsCsv#problem()} says whether that worked.
     */
    static ErrorsCsv writeErrorsCsv(QaImport qa, UUID jobId, Path file, String shown) {
        ErrorsCsv csv = ErrorsCsv.open(file, shown);
        try (csv) {
            forEachError(qa, jobId, e -> {
                if (csv.problem() == null) {
                    csv.write(e);
                }
            });
        }
        return csv;
    }

    /**
     * The human summary of an import.
     *
     * @param errorsFile where all row errors were written, or {@code null} when they were not
     */
    static void human(PrintStream out, QaImport qa, ImportJob job, long millis, String embeddings, String errorsFile, long errorsWritten) {
        String verb = switch (job.status()) {
            case COMPLETED -> "Imported";
            case CANCELLED -> "Cancelled";
            case FAILED -> "Failed to import";
            default -> "Stopped importing";
        };
        out.printf(Locale.ROOT, "%s %s in %s (job %s)%n", verb, Printable.line(job.filename()), seconds(millis), job.id());
        if (job.errorMessage() != null && job.status() == dev.qaimport.model.JobStatus.FAILED) {
            out.println("  " + Printable.line(job.errorMessage()));
        }
        if (job.fileNote() != null) {
            out.println("  note: " + Printable.line(job.fileNote()));
        }
        out.printf(Locale.ROOT, "  %s rows: %s stored, %s skipped as duplicates, %s rejected%n", fmt(job.processedRows()),
                fmt(job.successCount()), fmt(job.skippedCount()), fmt(job.errorCount()));
        if (embeddings != null) {
            out.printf(Locale.ROOT, "  %s pairs embedded with %s%s%n", fmt(job.embeddedCount()), embeddings,
                    job.embeddingErrorCount() > 0 ? " (" + fmt(job.embeddingErrorCount()) + " failed)" : "");
            if (job.errorMessage() != null && job.status() != dev.qaimport.model.JobStatus.FAILED) {
                out.println("  " + Printable.line(job.errorMessage()));
            }
        } else {
            out.println("  embeddings: none requested (pairs wait as PENDING; run with --embeddings to embed)");
        }
        if (job.errorCount() > 0) {
            out.println("First errors:");
            List<RowError> first = qa.getErrors(job.id(), 0, HUMAN_ERRORS);
            for (RowError e : first) {
                out.println(errorLine(e));
            }
            if (errorsFile != null) {
                out.printf(Locale.ROOT, "  all %s errors written to %s%n", fmt(errorsWritten), Printable.line(errorsFile));
            } else if (job.errorCount() > first.size()) {
                out.printf(Locale.ROOT, "  … %s more; --errors-out FILE.csv writes them all%n", fmt(job.errorCount() - first.size()));
            }
        }
    }

    static void json(OutputStream out, QaImport qa, ImportJob job, long millis) {
        try (JsonGenerator g = JSON.createGenerator(new NonClosing(out))) {
            g.writeStartObject();
            jobFields(g, job);
            g.writeNumberField("durationMillis", millis);
            g.writeArrayFieldStart("errors");
            forEachError(qa, job.id(), e -> {
                try {
                    g.writeStartObject();
                    g.writeNumberField("row", e.row());
                    g.writeNumberField("line", e.line());
                    g.writeStringField("field", e.field());
                    g.writeStringField("code", e.code());
                    g.writeStringField("message", e.message());
                    g.writeEndObject();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void jobJson(OutputStream out, List<ImportJob> jobs, boolean array) {
        try (JsonGenerator g = JSON.createGenerator(new NonClosing(out))) {
            if (array) {
                g.writeStartArray();
            }
            for (ImportJob job : jobs) {
                g.writeStartObject();
                jobFields(g, job);
                g.writeEndObject();
            }
            if (array) {
                g.writeEndArray();
            }
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One job with the count of its pairs still waiting for an embedding, as a line of JSON ({@code status}, one per change with {@code --watch}). */
    static void watchJson(OutputStream out, ImportJob job, long pendingEmbeddings) {
        try (JsonGenerator g = JSON.createGenerator(new NonClosing(out))) {
            g.writeStartObject();
            jobFields(g, job);
            g.writeNumberField("pendingEmbeddings", pendingEmbeddings);
            g.writeNumberField("payloadBytes", job.payloadBytes());
            g.writeNumberField("bytesRead", job.bytesRead());
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One submitted job as a line of JSON: what a script needs to follow it. */
    static void submittedJson(OutputStream out, ImportJob job) {
        try (JsonGenerator g = JSON.createGenerator(new NonClosing(out))) {
            g.writeStartObject();
            g.writeStringField("jobId", job.id().toString());
            g.writeStringField("collection", job.collection());
            g.writeStringField("filename", job.filename());
            g.writeStringField("format", job.sourceType().name().toLowerCase(Locale.ROOT));
            g.writeStringField("status", job.status().name());
            g.writeNumberField("payloadBytes", job.payloadBytes());
            g.writeStringField("createdAt", str(job.createdAt()));
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void jobFields(JsonGenerator g, ImportJob job) throws IOException {
        g.writeStringField("jobId", job.id().toString());
        g.writeStringField("collection", job.collection());
        g.writeStringField("file", job.filename());
        g.writeStringField("format", job.sourceType().name().toLowerCase(Locale.ROOT));
        g.writeStringField("status", job.status().name());
        g.writeNumberField("totalRows", job.totalRows());
        g.writeNumberField("processedRows", job.processedRows());
        g.writeNumberField("successCount", job.successCount());
        g.writeNumberField("errorCount", job.errorCount());
        g.writeNumberField("skippedCount", job.skippedCount());
        g.writeNumberField("embeddedCount", job.embeddedCount());
        g.writeNumberField("embeddingErrorCount", job.embeddingErrorCount());
        g.writeNumberField("progress", Math.round(job.progress() * 1000) / 1000.0);
        g.writeStringField("errorMessage", job.errorMessage());
        g.writeStringField("fileNote", job.fileNote());
        g.writeNumberField("attempt", job.attempt());
        g.writeStringField("worker", job.leaseOwner());
        g.writeStringField("createdAt", str(job.createdAt()));
        g.writeStringField("startedAt", str(job.startedAt()));
        g.writeStringField("updatedAt", str(job.updatedAt()));
        g.writeStringField("completedAt", str(job.completedAt()));
    }

    /** One row error as a line of the human summary. */
    static String errorLine(RowError e) {
        return String.format(Locale.ROOT, "  row %d (line %d), %s: %s", e.row(), e.line(), Printable.line(e.field()), Printable.line(e.message()));
    }

    /**
     * The human report of a dry run.
     *
     * @param comparedWithDatabase whether duplicates were also looked up among the stored pairs
     * @param errorsFile           where all row errors were written, or {@code null}
     */
    static void dryRunHuman(PrintStream out, String file, DryRunReport r, boolean comparedWithDatabase, String errorsFile,
            long errorsWritten) {
        out.printf(Locale.ROOT, "Dry run of %s: nothing was written to the database%n", Printable.line(file));
        if (r.fatalError() != null) {
            out.println("  the file cannot be read to its end: " + Printable.line(r.fatalError()));
        }
        if (r.fileNote() != null) {
            out.println("  note: " + Printable.line(r.fileNote()));
        }
        out.printf(Locale.ROOT, "  %s rows: %s would be created, %s updated, %s skipped as duplicates, %s rejected%n",
                fmt(r.totalRows()), fmt(r.wouldCreate()), fmt(r.wouldUpdate()), fmt(r.wouldSkip()), fmt(r.rejected()));
        if (!comparedWithDatabase) {
            out.println("  the database holds no qa-import tables yet, so duplicates were looked for within the file only");
        }
        if (!r.errors().isEmpty()) {
            out.println("First errors:");
            r.errors().stream().limit(HUMAN_ERRORS).forEach(e -> out.println(errorLine(e)));
            if (errorsFile != null) {
                out.printf(Locale.ROOT, "  all %s errors written to %s%n", fmt(errorsWritten), Printable.line(errorsFile));
            } else if (r.errors().size() > HUMAN_ERRORS || r.rejected() > r.errors().size()) {
                out.println("  … more; --errors-out FILE.csv writes them all");
            }
        }
    }

    static void dryRunJson(OutputStream out, String file, String collection, DryRunReport r, boolean comparedWithDatabase) {
        try (JsonGenerator g = JSON.createGenerator(new NonClosing(out))) {
            g.writeStartObject();
            g.writeStringField("file", file);
            g.writeStringField("collection", collection);
            g.writeBooleanField("dryRun", true);
            g.writeBooleanField("comparedWithDatabase", comparedWithDatabase);
            g.writeStringField("status", r.fatalError() == null ? "VALID" : "FAILED");
            g.writeNumberField("totalRows", r.totalRows());
            g.writeNumberField("wouldCreate", r.wouldCreate());
            g.writeNumberField("wouldUpdate", r.wouldUpdate());
            g.writeNumberField("wouldSkip", r.wouldSkip());
            g.writeNumberField("rejected", r.rejected());
            g.writeStringField("errorMessage", r.fatalError());
            g.writeStringField("fileNote", r.fileNote());
            g.writeArrayFieldStart("errors");
            for (RowError e : r.errors()) {
                g.writeStartObject();
                g.writeNumberField("row", e.row());
                g.writeNumberField("line", e.line());
                g.writeStringField("field", e.field());
                g.writeStringField("code", e.code());
                g.writeStringField("message", e.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String seconds(long millis) {
        return millis < 10_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0) : ProgressDisplay.duration(millis / 1000);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** Lets a JSON generator flush into a stream it must not close (stdout). */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
