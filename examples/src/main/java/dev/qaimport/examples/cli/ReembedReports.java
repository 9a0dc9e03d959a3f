package dev.qaimport.examples.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.Reembedding;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** The outputs of {@code qa-import reembed}: one re-embedding as text or JSON, and the listing. */
final class ReembedReports {
    private ReembedReports() {
    }

    /** What a re-embedding moves: {@code every pair} or {@code job ID}. */
    static String scope(Reembedding r) {
        return r.everyPair() ? "every pair" : "job " + r.jobId();
    }

    /** Its counts in one phrase: {@code 14 of 14 done: 12 embedded (2 from the cache), 0 rejected}. */
    static String counts(Reembedding r) {
        return String.format(Locale.ROOT, "%s of %s done: %s embedded (%s from the cache), %s rejected", Reports.fmt(r.done()),
                Reports.fmt(r.totalPairs()), Reports.fmt(r.embedded()), Reports.fmt(r.reused()), Reports.fmt(r.failed()));
    }

    /** One re-embedding as {@code status} prints a job: a label and a value a line. */
    static void human(PrintStream out, Reembedding r) {
        out.printf(Locale.ROOT, "id         %s%n", r.id());
        out.printf(Locale.ROOT, "collection %s%n", r.collection());
        out.printf(Locale.ROOT, "scope      %s%n", scope(r));
        out.printf(Locale.ROOT, "model      %s%n", Printable.line(r.profile().describe()));
        out.printf(Locale.ROOT, "status     %s%n", r.status());
        out.printf(Locale.ROOT, "pairs      %s%n", counts(r));
        if (r.message() != null) {
            out.printf(Locale.ROOT, "message    %s%n", Printable.line(r.message()));
        }
        if (r.leaseOwner() != null) {
            out.printf(Locale.ROOT, "worker     %s (lease until %s)%n", Printable.line(r.leaseOwner()), r.leaseUntil());
        }
        out.printf(Locale.ROOT, "attempts   %d%n", r.attempt());
        out.printf(Locale.ROOT, "created    %s%n", r.createdAt());
        if (r.completedAt() != null) {
            out.printf(Locale.ROOT, "finished   %s%n", r.completedAt());
        }
    }

    /** The newest re-embeddings first, one a line, or how to start one when there is none. */
    static void list(PrintStream out, List<Reembedding> all) {
        if (all.isEmpty()) {
            out.println("No re-embeddings yet. Start one with: qa-import reembed --embeddings PROVIDER");
            return;
        }
        String format = "%-36s  %-10s  %9s  %9s  %8s  %8s  %-41s  %s%n";
        out.printf(Locale.ROOT, format, "ID", "STATUS", "DONE", "TOTAL", "REUSED", "REJECTED", "SCOPE", "MODEL");
        for (Reembedding r : all) {
            out.printf(Locale.ROOT, format, r.id(), r.status(), Reports.fmt(r.done()), Reports.fmt(r.totalPairs()), Reports.fmt(r.reused()),
                    Reports.fmt(r.failed()), scope(r), Printable.line(r.profile().describe()));
        }
    }

    /** Re-embeddings as JSON: one object, or an array of them with {@code array}. */
    static void json(OutputStream out, List<Reembedding> all, boolean array) {
        try (JsonGenerator g = Reports.JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (array) {
                g.writeStartArray();
            }
            for (Reembedding r : all) {
                fields(g, r);
            }
            if (array) {
                g.writeEndArray();
            }
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fields(JsonGenerator g, Reembedding r) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id().toString());
        g.writeStringField("collection", r.collection());
        g.writeStringField("jobId", r.jobId() == null ? null : r.jobId().toString());
        g.writeStringField("status", r.status().name());
        EmbeddingProfile p = r.profile();
        g.writeObjectFieldStart("profile");
        g.writeStringField("provider", p.provider());
        g.writeStringField("model", p.model());
        if (p.dimensions() == null) {
            g.writeNullField("dimensions");
        } else {
            g.writeNumberField("dimensions", p.dimensions());
        }
        g.writeStringField("baseUrl", p.baseUrl());
        g.writeEndObject();
        g.writeNumberField("totalPairs", r.totalPairs());
        g.writeNumberField("embedded", r.embedded());
        g.writeNumberField("reused", r.reused());
        g.writeNumberField("failed", r.failed());
        g.writeStringField("message", r.message());
        g.writeNumberField("attempt", r.attempt());
        g.writeStringField("leaseOwner", r.leaseOwner());
        g.writeStringField("leaseUntil", str(r.leaseUntil()));
        g.writeStringField("createdAt", str(r.createdAt()));
        g.writeStringField("updatedAt", str(r.updatedAt()));
        g.writeStringField("completedAt", str(r.completedAt()));
        g.writeEndObject();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
