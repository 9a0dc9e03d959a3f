package dev.qaimport.examples.cli;

import dev.qaimport.ImportException;
import dev.qaimport.ImportListener;
import dev.qaimport.ProgressCallback;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.Reembedding;
import dev.qaimport.spi.EmbeddingService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qa-import reembed}: moves the pairs to another embedding model, and lists and cancels such moves. */
@Command(name = "reembed", mixinStandardHelpOptions = true, sortOptions = false, description = {"Moves every pair, or one job's, to "
        + "the vectors of another embedding model and runs the re-embedding here to its end. The pairs keep their vectors, and search "
        + "its old model, until every pair has one of the new model; then all switch at once. After Ctrl-C, a crash or a provider "
        + "problem, the same command goes on where it stopped (waiting for a dead process's lease first).",
    "--embeddings names the provider of the new model and is required (not none).",
    "Exit status: 0 when it completed, 1 when it stopped or was cancelled, 2 for a usage error, 130/143 when Ctrl-C or SIGTERM "
        + "stopped it; with --cancel, 0 when it was unfinished and 1 otherwise."})
public final class ReembedCommand implements Callable<Integer> {
    /** The longest pause between two looks at a re-embedding another process holds. */
    private static final long MAX_PAUSE_MILLIS = 1000;
    /** How many re-embeddings {@code --list} shows. */
    private static final int LISTED = 20;
    /** The end of the message of a re-embedding that stopped on a problem, saying when a process may take it up again. */
    private static final Pattern GOES_ON = Pattern.compile("; it goes on in \\d+ s$");

    private final Env env;

    @Mixin
    EmbeddingOptions embedding = new EmbeddingOptions();

    @Option(names = "--job", paramLabel = "JOB_ID", description = "Move only this job's pairs (default: every pair).")
    String job;

    @Option(names = "--lease-seconds", paramLabel = "N", description = "Advanced: how long this process's claim on the re-embedding "
            + "lasts without renewal (default " + RunOptions.DEFAULT_LEASE_SECONDS + "). It is renewed every third of this time; if the "
            + "process dies, the same command run again takes it over this long after the last renewal.")
    Integer leaseSeconds;

    @Option(names = "--list", description = "List the recent re-embeddings, newest first, instead of running one.")
    boolean list;

    @Option(names = "--cancel", paramLabel = "ID", description = "Cancel an unfinished re-embedding instead of running one: what it "
            + "staged is dropped and the pairs keep their vectors.")
    String cancel;

    @Mixin
    DatabaseOptions db = new DatabaseOptions();

    @Mixin
    CollectionOption collection = new CollectionOption();

    @Option(names = "--json", description = "Print the re-embedding as a JSON object when it ends; with --list, a JSON array.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    public ReembedCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        collection.validate(env);
        if (list || cancel != null) {
            return manage();
        }
        return reembed();
    }

    // ---------------------------------------------------------------- --list, --cancel

    private int manage() {
        if (list && cancel != null) {
            throw new UsageException("--list and --cancel exclude each other");
        }
        String what = list ? "--list" : "--cancel";
        if (embedding.given() || job != null || leaseSeconds != null || quiet) {
            throw new UsageException(what + " takes no --embeddings, --embedding-*, --job, --lease-seconds or --quiet: those run a "
                    + "re-embedding (qa-import reembed --embeddings PROVIDER)");
        }
        if (cancel != null && json) {
            throw new UsageException("--json goes with a run or --list, not with --cancel");
        }
        try (Session s = Session.open(env, db, collection, null, ImportListener.NONE, b -> b)) {
            if (list) {
                List<Reembedding> recent = s.qa.recentReembeddings(LISTED);
                if (json) {
                    ReembedReports.json(env.out(), recent, true);
                } else {
                    ReembedReports.list(env.out(), recent);
                }
                return 0;
            }
            UUID id = reembeddingId(cancel);
            Reembedding r = s.qa.getReembedding(id).orElseThrow(() -> new UsageException("no re-embedding with id " + id
                    + " in collection " + s.qa.collection()));
            if (!s.qa.cancelReembedding(id)) {
                env.err().println("qa-import: re-embedding " + id + " is already " + s.qa.getReembedding(id).orElse(r).status()
                        + "; nothing to cancel");
                return 1;
            }
            env.out().println("Cancelled re-embedding " + id + " of " + ReembedReports.scope(r) + " to "
                    + Printable.line(r.profile().describe()) + "; the pairs keep their vectors");
            return 0;
        }
    }

    private static UUID reembeddingId(String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("'" + value + "' is not a re-embedding id (a UUID such as 3f2c9a4e-8d7b-4c1e-9f0a-2b6d5e8c7a10)");
        }
    }

    // ---------------------------------------------------------------- a run

    private int reembed() {
        if (!embedding.named()) {
            throw new UsageException("reembed needs the provider to move the pairs to: --embeddings local, openai, azure or ollama "
                    + "(with --embedding-model and --embedding-url as needed)");
        }
        if (embedding.kind().equals("none")) {
            throw new UsageException("--embeddings none cannot be moved to: name the provider of the new model (local, openai, azure "
                    + "or ollama)");
        }
        if (leaseSeconds != null && leaseSeconds < 1) {
            throw new UsageException("--lease-seconds must be at least 1, not " + leaseSeconds);
        }
        UUID jobId = job == null ? null : JobCommands.jobId(job);
        EmbeddingService target = embedding.create(env);
        String self = WorkerLog.newWorkerId();
        ProgressDisplay progress = new ProgressDisplay(env.err(), env.terminal());
        CountDownLatch wakeUp = new CountDownLatch(1);
        try (Session s = Session.open(env, db, collection, target, ImportListener.NONE, b -> leaseSeconds == null ? b.workerId(self)
                : b.workerId(self).leaseDuration(Duration.ofSeconds(leaseSeconds)));
                GracefulStop stop = GracefulStop.install(env.err(), () -> {
                    progress.finish();
                    env.err().println("qa-import: interrupted; stopping after the requests in flight");
                    wakeUp.countDown();
                    // Closing stops the re-embedding after the requests in flight are staged, and gives its lease back.
                    s.qa.close();
                })) {
            if (jobId != null) {
                JobCommands.job(s, jobId);
            }
            UUID id = start(s, target, jobId);
            Reembedding r = get(s, id);
            String label = "to " + r.profile().model();
            if (!quiet) {
                env.err().printf(Locale.ROOT, "qa-import: %s re-embedding %s of %s to %s (%s of %s pairs done)%n",
                        r.attempt() > 0 ? "going on with" : "started", id, ReembedReports.scope(r), Printable.line(r.profile().describe()),
                        Reports.fmt(r.done()), Reports.fmt(r.totalPairs()));
            }
            ProgressCallback onProgress = quiet ? ProgressCallback.NONE : (done, total) -> progress.onReembeddingProgress(id, label, done, total);
            r = runToEnd(s, r, self, stop, wakeUp, onProgress);
            progress.finish();
            if (json) {
                ReembedReports.json(env.out(), List.of(r), false);
            } else {
                ReembedReports.human(env.out(), r);
            }
            env.out().flush();
            return outcome(r, stop);
        }
    }

    /** Starts the re-embedding, or finds the unfinished one of this scope and model; another unfinished one is a usage error. */
    private UUID start(Session s, EmbeddingService target, UUID jobId) {
        try {
            return s.qa.reembed(target, jobId);
        } catch (ImportException e) {
            if (!ErrorCodes.ILLEGAL_STATE.equals(e.code())) {
                throw e;
            }
            Optional<Reembedding> other = s.store.reembeddings().unfinished(s.qa.collection()).stream().findFirst();
            if (other.isEmpty()) {
                throw new UsageException(e.getMessage());
            }
            Reembedding o = other.get();
            throw new UsageException(String.format(Locale.ROOT, "re-embedding %s of %s to %s is unfinished (%s, %s of %s pairs done), and "
                    + "only one runs at a time: finish it with the command that started it, or cancel it with 'qa-import reembed --cancel "
                    + "%s%s'", o.id(), ReembedReports.scope(o), o.profile().describe(), o.status(), Reports.fmt(o.done()),
                    Reports.fmt(o.totalPairs()), o.id(), collection.hint()));
        }
    }

    /**
     * Works on the re-embedding until it has ended, this process stopped it (a provider problem,
     * Ctrl-C), or the thread is interrupted. While another process holds it, or it waits after a
     * problem, waits (through {@link Env#sleeper()}) until it may be taken up, and says so once.
     */
    private Reembedding runToEnd(Session s, Reembedding r, String self, GracefulStop stop, CountDownLatch wakeUp,
            ProgressCallback onProgress) {
        String told = null;
        while (!r.status().isTerminal() && !stop.requested()) {
            Instant now = Instant.now();
            if (!r.claimableAt(now)) {
                String holder = r.leaseOwner() == null ? "" : r.leaseOwner();
                if (!holder.equals(told)) {
                    tellWaiting(r);
                    told = holder;
                }
                // A little past the lease's end, so that the claim surely sees it expired.
                if (!pause(Duration.between(now, r.leaseUntil().plusMillis(250)).toMillis(), wakeUp)) {
                    return get(s, r.id());
                }
                r = get(s, r.id());
                continue;
            }
            int before = r.attempt();
            try {
                r = s.qa.processReembedding(r.id(), onProgress);
            } catch (ImportException e) {
                if (stop.requested()) {
                    return get(s, r.id());
                }
                throw e;
            }
            boolean ours = r.attempt() > before && (r.leaseOwner() == null || r.leaseOwner().equals(self));
            if (ours) {
                return r;
            }
            if (r.claimableAt(Instant.now())) {
                // Another process took it up and gave it back meanwhile: look again in a moment.
                if (!pause(MAX_PAUSE_MILLIS, wakeUp)) {
                    return r;
                }
                r = get(s, r.id());
            }
        }
        return r;
    }

    private void tellWaiting(Reembedding r) {
        if (r.leaseOwner() != null) {
            env.err().printf(Locale.ROOT, "qa-import: re-embedding %s is held by %s until %s; waiting for it%n", r.id(),
                    Printable.line(r.leaseOwner()), r.leaseUntil());
        } else {
            env.err().printf(Locale.ROOT, "qa-import: re-embedding %s stopped on a problem (%s) and may go on from %s; waiting for it%n",
                    r.id(), problem(r), r.leaseUntil());
        }
    }

    /** Waits up to {@code millis} (at most {@link #MAX_PAUSE_MILLIS}); {@code false} when the thread was interrupted. */
    private boolean pause(long millis, CountDownLatch wakeUp) {
        try {
            env.sleeper().sleep(Math.max(1, Math.min(millis, MAX_PAUSE_MILLIS)), wakeUp);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The exit status, with a line on standard error unless it completed. */
    private int outcome(Reembedding r, GracefulStop stop) {
        if (r.status() == JobStatus.COMPLETED) {
            return 0;
        }
        if (r.status() == JobStatus.CANCELLED) {
            env.err().println("qa-import: re-embedding " + r.id() + " was cancelled; the pairs keep their vectors");
            return 1;
        }
        if (stop.requested()) {
            env.err().printf(Locale.ROOT, "qa-import: stopped; re-embedding %s keeps its %s of %s pairs done; run the same command again "
                    + "to go on%n", r.id(), Reports.fmt(r.done()), Reports.fmt(r.totalPairs()));
            return stop.exitStatus();
        }
        env.err().printf(Locale.ROOT, "qa-import: re-embedding %s stopped with %s of %s pairs done: %s; run the same command again to go "
                + "on where it stopped%s%n", r.id(), Reports.fmt(r.done()), Reports.fmt(r.totalPairs()), problem(r),
                r.leaseUntil() != null && r.leaseUntil().isAfter(Instant.now()) ? " (it waits until " + r.leaseUntil() + ")" : "");
        return 1;
    }

    /** Why it stopped, without the library's "it goes on in 30 s": here it goes on when the command is run again. */
    private static String problem(Reembedding r) {
        return r.message() == null ? "interrupted" : Printable.line(GOES_ON.matcher(r.message()).replaceFirst(""));
    }

    private static Reembedding get(Session s, UUID id) {
        return s.qa.getReembedding(id).orElseThrow(() -> new UsageException("re-embedding " + id + " no longer exists"));
    }
}
