package io.warpdrive.core.engine.request;

import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.queue.QueueViewImpl;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.sched.QueueInfo;
import java.util.concurrent.locks.LockSupport;

/**
 * The managed poller: reaps completion rings of POLL-mode queues (hardware) in the order
 * the active policy gives, and sleeps when no such queue has a job in flight. Senders
 * wake it. With only PUSH-mode drivers it never runs. Its CPU time per job reaped is measured
 * ({@link PollerCpu}): the host's cores it takes are charged to every polled job.
 */
public final class Poller implements Runnable {
    private static final int BUDGET = 64;
    private static final int SPIN_SWEEPS = 64;
    /** The longest idle park is this fraction of the soonest expected completion. */
    private static final long BACKOFF_FRACTION = 16;
    /**
     * The longest idle park at all: an expected time is an estimate (a queue's rate measured
     * under churn or faults can be far off), and a poller that slept on a bad one would leave
     * completed jobs unreaped.
     */
    private static final long MAX_BACKOFF_NANOS = 1_000_000;

    private final Engine engine;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean sleeping;
    private QueueInfo[] order = new QueueInfo[64];
    private final PollerCpu cpu;

    public Poller(Engine engine) {
        this.engine = engine;
        this.cpu = new PollerCpu(() -> engine.models().host(), PollerCpu.THREAD_CPU_CLOCK);
        this.thread = new Thread(this, "wd-poller");
        this.thread.setDaemon(true);
        this.thread.setUncaughtExceptionHandler((t, e) -> engine.log().error(
                "the poller died: jobs on polled queues are no longer reaped", e));
    }

    public void start() {
        thread.start();
    }

    public void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For diagnostics: the poller thread's state, and whether it sleeps until woken. */
    @Override
    public String toString() {
        return "poller " + thread.getState() + (sleeping ? " sleeping" : "") + (running ? "" : " stopped");
    }

    /** A job went to a polled queue: make sure the poller is awake. */
    public void wake() {
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void run() {
        int idleSweeps = 0;
        long park = 0;
        while (running) {
            int reaped;
            try {
                reaped = sweep();
            } catch (RuntimeException | LinkageError | AssertionError e) {
                // Whatever a driver's receive or a completion throws, the poller must live on:
                // if it died, every job in flight on a polled queue would wait forever (the
                // uncaught exception handler below says so should it die all the same).
                engine.log().error("poller sweep failed; continuing", e);
                reaped = 0;
            }
            if (reaped > 0) {
                cpu.reaped(reaped);
                idleSweeps = 0;
                park = 0;
                continue;
            }
            long soonest = soonestCompletionNanos();
            if (soonest < 0) {
                sleeping = true;
                if (soonestCompletionNanos() < 0 && running) {
                    LockSupport.park(this);
                }
                sleeping = false;
                idleSweeps = 0;
                park = 0;
            } else if (++idleSweeps < SPIN_SWEEPS) {
                Thread.onSpinWait();
            } else {
                // Back off while nothing completes, up to a small part of the time the shortest
                // job in flight is expected to take: a 2 ms job is not polled every 20 µs, which
                // would take CPU from the callers (and from an emulated device on the same cores).
                long base = engine.settings().pollerParkNanos();
                long cap = Math.max(base, Math.min(MAX_BACKOFF_NANOS, soonest / BACKOFF_FRACTION));
                park = park == 0 ? base : Math.min(park * 2, cap);
                // A sender's wake() cuts the back-off short: new work is news.
                sleeping = true;
                LockSupport.parkNanos(this, park);
                sleeping = false;
            }
        }
    }

    private int sweep() {
        QueueViewImpl view = engine.views().view();
        if (order.length < view.size()) {
            order = new QueueInfo[Math.max(view.size(), order.length * 2)];
        }
        int reaped = 0;
        int n = engine.schedulers().pollOrder(view, order);
        for (int i = 0; i < n; i++) {
            QueueInfo q = order[i];
            order[i] = null;
            if (q instanceof EngineQueue && q.completionMode() == CompletionMode.POLL) {
                reaped += ((EngineQueue) q).reap(BUDGET);
            }
        }
        // Draining queues are no longer in the view but may still hold jobs.
        for (EngineQueue q : engine.views().pollSet()) {
            if (q.state() != EngineQueue.OPEN && q.completionMode() == CompletionMode.POLL && q.inFlight() > 0) {
                reaped += q.reap(BUDGET);
            }
        }
        return reaped;
    }

    /**
     * The shortest expected time to finish the work in flight on a polled queue (0 when a
     * queue's rate is not known yet), or -1 when no polled queue has a job in flight.
     */
    private long soonestCompletionNanos() {
        long soonest = -1;
        for (EngineQueue q : engine.views().pollSet()) {
            int inFlight = q.inFlight(); // read once: a completion may take it to 0 meanwhile
            if (q.completionMode() == CompletionMode.POLL && inFlight > 0) {
                long expected = q.expectedNanos(0) / inFlight;
                soonest = soonest < 0 ? expected : Math.min(soonest, expected);
            }
        }
        return soonest;
    }
}
