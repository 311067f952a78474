package io.warpdrive.core.engine;

import io.warpdrive.lib.CompletionMode;
import io.warpdrive.sched.QueueInfo;
import java.util.concurrent.locks.LockSupport;

/**
 * The managed poller: reaps completion rings of POLL-mode queues (hardware) in the order
 * the active policy gives, and sleeps when no such queue has a job in flight. Senders
 * wake it. With only PUSH-mode drivers it never runs.
 */
final class Poller implements Runnable {
    private static final int BUDGET = 64;
    private static final int SPIN_SWEEPS = 64;

    private final Engine engine;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean sleeping;
    private QueueInfo[] order = new QueueInfo[64];

    Poller(Engine engine) {
        this.engine = engine;
        this.thread = new Thread(this, "wd-poller");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A job went to a polled queue: make sure the poller is awake. */
    void wake() {
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void run() {
        int idleSweeps = 0;
        while (running) {
            int reaped;
            try {
                reaped = sweep();
            } catch (RuntimeException e) {
                engine.log().error("poller sweep failed; continuing", e);
                reaped = 0;
            }
            if (reaped > 0) {
                idleSweeps = 0;
                continue;
            }
            if (!anyPolledInFlight()) {
                sleeping = true;
                if (!anyPolledInFlight() && running) {
                    LockSupport.park(this);
                }
                sleeping = false;
                idleSweeps = 0;
            } else if (++idleSweeps < SPIN_SWEEPS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, engine.settings().pollerParkNanos);
            }
        }
    }

    private int sweep() {
        QueueViewImpl view = engine.view();
        if (order.length < view.size()) {
            order = new QueueInfo[Math.max(view.size(), order.length * 2)];
        }
        int reaped = 0;
        int n = engine.schedulers.pollOrder(view, order);
        for (int i = 0; i < n; i++) {
            QueueInfo q = order[i];
            order[i] = null;
            if (q instanceof EngineQueue && q.completionMode() == CompletionMode.POLL) {
                reaped += ((EngineQueue) q).reap(BUDGET);
            }
        }
        // Draining queues are no longer in the view but may still hold jobs.
        for (EngineQueue q : engine.pollSet()) {
            if (q.state() != EngineQueue.OPEN && q.completionMode() == CompletionMode.POLL && q.inFlight() > 0) {
                reaped += q.reap(BUDGET);
            }
        }
        return reaped;
    }

    private boolean anyPolledInFlight() {
        for (EngineQueue q : engine.pollSet()) {
            if (q.completionMode() == CompletionMode.POLL && q.inFlight() > 0) {
                return true;
            }
        }
        return false;
    }
}
