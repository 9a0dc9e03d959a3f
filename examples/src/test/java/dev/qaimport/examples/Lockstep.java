package dev.qaimport.examples;

import dev.qaimport.ImportListener;
import dev.qaimport.examples.cli.Sleeper;
import dev.qaimport.model.ImportJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Moves a job forward by exactly one step each time a watching command pauses, so that a test can
 * say what every look at the database sees. It is both the command's {@link Sleeper} and the
 * listener of the {@code QaImport} that runs the job: the job runs on a thread of its own, and
 * after each committed batch it waits in the listener until the next pause lets it go on; the
 * pause returns only once the next batch is committed (or the job has ended). While the command
 * looks, the job is therefore parked, and every look sees a settled state. Once the job has
 * ended, each further pause runs the next of the {@link #then} steps on the pausing thread.
 *
 * <p>The job's instance must read {@link #clock()}: it moves one second before each step, so that
 * the listener's throttle (ten calls a second) lets every batch through.
 */
final class Lockstep implements ImportListener, Sleeper, AutoCloseable {
    /** How long a step may take: a guard against a hang, never a measurement. */
    private static final long GUARD_SECONDS = 60;

    private final SynchronousQueue<ImportJob> committed = new SynchronousQueue<>();
    private final Semaphore proceed = new Semaphore(0);
    private final Deque<Runnable> afterwards = new ArrayDeque<>();
    private final List<Long> pauses = new CopyOnWriteArrayList<>();
    private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
    private volatile Runnable job;
    private volatile boolean ended;
    private Thread thread;

    /** What runs the job (for example {@code () -> qa.processImport(id)}); it starts at the first pause. */
    Lockstep job(Runnable job) {
        this.job = job;
        return this;
    }

    /** A step for a pause after the job has ended, run on the pausing thread. */
    Lockstep then(Runnable step) {
        afterwards.add(step);
        return this;
    }

    Clock clock() {
        return clock;
    }

    /** The intervals the command asked to pause for, one per pause. */
    List<Long> pauses() {
        return pauses;
    }

    @Override
    public void sleep(long millis, CountDownLatch wakeUp) throws InterruptedException {
        pauses.add(millis);
        if (thread == null) {
            thread = new Thread(job, "lockstep-job");
            thread.start();
        } else if (!ended) {
            clock.advance(Duration.ofSeconds(1));
            proceed.release();
        } else {
            Runnable step = afterwards.poll();
            if (step == null) {
                throw new AssertionError("the command paused again after every step was taken");
            }
            step.run();
            return;
        }
        if (committed.poll(GUARD_SECONDS, TimeUnit.SECONDS) == null) {
            throw new AssertionError("the job made no step within " + GUARD_SECONDS + " s");
        }
    }

    @Override
    public void onImportProgress(ImportJob j) {
        handOver(j);
    }

    @Override
    public void onEmbeddingProgress(ImportJob j) {
        handOver(j);
    }

    @Override
    public void onJobFinished(ImportJob j) {
        ended = true;
        offer(j);
    }

    private void handOver(ImportJob j) {
        offer(j);
        try {
            if (!proceed.tryAcquire(GUARD_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the watching command did not pause again within " + GUARD_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void offer(ImportJob j) {
        try {
            if (!committed.offer(j, GUARD_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("nobody took the step of job " + j.id() + " within " + GUARD_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        proceed.release(1000);
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(GUARD_SECONDS));
        }
    }

    /** A clock that moves only when told. */
    static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("one zone is enough for a test");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
