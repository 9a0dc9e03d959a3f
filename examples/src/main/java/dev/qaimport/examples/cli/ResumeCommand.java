package dev.qaimport.examples.cli;

import dev.qaimport.ImportListener;
import dev.qaimport.model.EmbeddingResult;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.EmbeddingServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qa-import resume}. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = {"Finishes every unfinished job: pending ones and those whose worker died, each resumed "
    + "after its last committed batch. Waits for a dead worker's lease to expire first, and says how long.",
    "With --collection (or QA_IMPORT_COLLECTION) it finishes only the jobs of that collection; without, those of every collection."})
public final class ResumeCommand implements Callable<Integer> {
    private final Env env;

    @Mixin
    DatabaseOptions db = new DatabaseOptions();

    @Mixin
    CollectionOption collection = new CollectionOption();

    @Mixin
    EmbeddingOptions embedding = new EmbeddingOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--json", description = "Print the resumed jobs as a JSON array.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    public ResumeCommand(Env env) {
        this.env = env;
    }

    /**
     * Resumes the unfinished jobs, then embeds the pairs any job left pending. Exit status: 0
     * when every resumed job completed and the pending pairs were embedded (pairs the provider
     * rejected as input are counted, as in {@code import}); 1 when a job did not complete or
     * the provider failed so that pairs stay pending; 130/143 when stopped by a signal.
     */
    @Override
    public Integer call() throws InterruptedException {
        collection.validate(env);
        run.validate();
        EmbeddingService service = embedding.createForContinuing(env);
        // Every provider of this command refuses further requests once stopping began.
        AtomicBoolean refuse = new AtomicBoolean();
        StoppableEmbeddings embeddings = service == null ? null : new StoppableEmbeddings(service, refuse);
        EmbeddingServices recorded = embedding.named() ? EmbeddingServices.NONE
                : embedding.fromProfiles(env, found -> new StoppableEmbeddings(found, refuse));
        ProgressDisplay progress = new ProgressDisplay(env.err(), env.terminal());
        AtomicBoolean retrying = new AtomicBoolean();
        try (Session s = Session.open(env, db, collection, embeddings, quiet ? ImportListener.NONE : progress,
                b -> run.apply(b).embeddingServices(recorded).followJobProfiles(!embedding.named()));
                GracefulStop stop = GracefulStop.install(env.err(), () -> {
                    progress.finish();
                    env.err().println("qa-import: interrupted; stopping after the current batch");
                    synchronized (retrying) {
                        if (retrying.get()) {
                            // Closing would stop retryPending too, but the report below still needs the session:
                            // refusing further requests ends it once the requests in flight are committed.
                            refuse.set(true);
                            return;
                        }
                    }
                    // Closing stops the running job after its current batch and releases it; recover() then returns.
                    s.qa.close();
                })) {
            waitForLeases(s, stop);
            List<ImportJob> done = stop.requested() ? List.of() : s.qa.recover();
            progress.finish();
            if (stop.requested()) {
                env.err().println("qa-import: stopped; unfinished jobs keep their committed rows; run 'qa-import resume" + collection.hint()
                        + "' again to finish them");
                return stop.exitStatus();
            }
            EmbeddingResult retried = EmbeddingResult.NONE;
            if (embeddings != null || recorded != EmbeddingServices.NONE) {
                synchronized (retrying) {
                    retrying.set(!stop.requested());
                }
                if (retrying.get()) {
                    retried = s.qa.retryPending(null);
                }
            }
            // Without a collection given, the jobs resumed may be of any collection: each is looked at in its own.
            List<ImportJob> reported = done.stream().map(j -> s.qa.inCollection(j.collection()).getJob(j.id()).orElse(j))
                    .collect(java.util.stream.Collectors.toList());
            if (json) {
                Reports.jobJson(env.out(), reported, true);
            } else if (reported.isEmpty()) {
                env.out().println(retried.embedded() + retried.failed() > 0 ? "No unfinished jobs." : "Nothing to resume: every job"
                        + (collection.given(env) == null ? "" : " of collection " + collection.given(env)) + " is finished.");
            } else {
                for (ImportJob j : reported) {
                    env.out().printf(Locale.ROOT, "%s %s: %s rows, %s stored, %s skipped, %s rejected, %s embedded%n", j.status(),
                            Printable.line(j.filename()), Reports.fmt(j.processedRows()), Reports.fmt(j.successCount()),
                            Reports.fmt(j.skippedCount()), Reports.fmt(j.errorCount()), Reports.fmt(j.embeddedCount()));
                }
            }
            if (!json && retried.embedded() + retried.failed() > 0) {
                env.out().printf(Locale.ROOT, "Embedded %s pending pairs%s%n", Reports.fmt(retried.embedded()),
                        retried.failed() > 0 ? " (" + Reports.fmt(retried.failed()) + " rejected by the provider)" : "");
            }
            env.out().flush();
            if (stop.requested()) {
                env.err().printf(Locale.ROOT, "qa-import: stopped while embedding pending pairs; %s pairs stay pending; run "
                        + "'qa-import resume%s' again to embed them%n", Reports.fmt(retried.pending()), collection.hint());
                return stop.exitStatus();
            }
            if (retried.waiting() != null) {
                env.err().printf(Locale.ROOT, "qa-import: %s pairs stay pending: %s (run 'qa-import resume%s --embeddings ...' to "
                        + "embed them with the provider you name)%n", Reports.fmt(retried.pending()), Printable.line(retried.waiting()),
                        collection.hint());
            }
            boolean embeddedAll = retried.error() == null;
            if (!embeddedAll) {
                env.err().printf(Locale.ROOT, "qa-import: embedding the pending pairs failed: %s; %s pairs stay pending; fix the "
                        + "provider and run 'qa-import resume%s' again%n", Printable.line(retried.error()), Reports.fmt(retried.pending()),
                        collection.hint());
            }
            return embeddedAll && reported.stream().allMatch(j -> j.status() == JobStatus.COMPLETED) ? 0 : 1;
        }
    }

    private void waitForLeases(Session s, GracefulStop stop) throws InterruptedException {
        Instant now = Instant.now();
        // The jobs being processed in the collection given, or in every collection (null) as recover() serves them.
        List<ImportJob> held = s.store.jobs().findStale(collection.given(env), now.plus(Duration.ofDays(36_500)), 1000);
        Instant until = null;
        for (ImportJob j : held) {
            if (j.leaseExpiresAt() != null && j.leaseExpiresAt().isAfter(now)) {
                long millis = Duration.between(now, j.leaseExpiresAt()).toMillis();
                long secs = Math.max(1, (millis + 999) / 1000);
                env.err().printf(Locale.ROOT, "qa-import: job %s (%s) is held by worker %s, last committed row %s; waiting %d s "
                        + "for its lease to expire (if that worker is alive it keeps the job)%n", j.id(), Printable.line(j.filename()),
                        Printable.line(j.leaseOwner()),
                        Reports.fmt(j.processedRows()), secs);
                if (until == null || j.leaseExpiresAt().isAfter(until)) {
                    until = j.leaseExpiresAt();
                }
            }
        }
        if (until != null) {
            // A little past the expiry, so that the claim's comparison with the stored time surely sees it expired.
            Instant end = until.plusMillis(250);
            while (!stop.requested() && Instant.now().isBefore(end)) {
                Thread.sleep(Math.min(100, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
            }
        }
    }
}
