package io.warpdrive.core.engine.queue;

import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.request.JobSlot;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The end of queues: draining, closing (what a driver leaves behind is failed, so no request
 * is lost), sweeping jobs handed to a queue that closed meanwhile, and retiring a driver.
 * Closing work runs on the engine's admin thread, never on a driver's completing thread.
 */
public final class QueueLifecycle {
    private final Engine engine;
    /** Queues closed while a job was handed over, until their jobs are swept. */
    private final Set<EngineQueue> stranded = ConcurrentHashMap.newKeySet();
    /** Queues whose driver is closing them now: their jobs are the driver's until its close returns. */
    private final Set<EngineQueue> closing = ConcurrentHashMap.newKeySet();
    /**
     * Queues whose closer is failing what the driver left and freeing the slots, by the thread
     * doing it: a second closer waits for that too, so that whoever returns from a close knows
     * the queue's bounce buffers are freed.
     */
    private final Map<EngineQueue, Thread> releasing = new ConcurrentHashMap<>();

    public QueueLifecycle(Engine engine) {
        this.engine = engine;
    }

    /** Takes a driver's queues out of use and closes them; their jobs are re-sent or failed. */
    public void retire(DriverBinding b, String reason) {
        synchronized (b) {
            // Under the binding's lock: a reconcile opening queues right now finishes first, and
            // none opens after, so every queue the binding ever opened is closed below.
            b.markRemoved();
        }
        try {
            b.driver().removeDeviceListener(b);
        } catch (RuntimeException e) {
            engine.log().debug("driver " + b.name() + ": removeDeviceListener failed: " + e);
        }
        engine.calibrations().await(b);
        for (EngineQueue q : b.queues()) {
            q.startDraining();
        }
        engine.views().publish();
        int closed = 0;
        for (EngineQueue q : b.queues()) {
            close(q, WdStatus.DRIVER_GONE, reason);
            closed++;
        }
        engine.views().publish();
        engine.log().info(b + " removed (" + reason + "): " + closed + " queues closed");
    }

    /**
     * Closes a queue that is no longer in the view. The driver completes what it accepted;
     * whatever it leaves behind is failed here so that no request is ever lost.
     */
    public void close(EngineQueue q, WdStatus status, String reason) {
        // Two closers (the watchdog and a driver going away): the second returns only once the
        // first has released the queue and its slots, so whoever returns from here knows both are.
        synchronized (q) {
            boolean first = false;
            closing.add(q); // before the state changes: a sweep that sees the queue closed sees it closing
            try {
                first = q.markClosed();
                if (first) {
                    releasing.put(q, Thread.currentThread());
                    q.driverQueue().close();
                }
            } catch (Throwable t) {
                engine.log().error("queue " + q + ": close failed", t);
            } finally {
                closing.remove(q);
            }
            if (!first) {
                awaitReleased(q);
                return;
            }
        }
        try {
            failLeftJobsAndFreeSlots(q, status, reason);
        } finally {
            synchronized (q) {
                releasing.remove(q);
                q.notifyAll();
            }
        }
        engine.usage().retire(q);
        q.binding().forget(q);
    }

    /** Called holding {@code q}'s lock: waits while another thread frees its slots. */
    private void awaitReleased(EngineQueue q) {
        Thread closer;
        while ((closer = releasing.get(q)) != null && closer != Thread.currentThread()) {
            try {
                q.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the caller's interrupt stays; it returns unsure
                return;
            }
        }
    }

    private void failLeftJobsAndFreeSlots(EngineQueue q, WdStatus status, String reason) {
        int left = 0;
        for (int tag = 0; tag < q.slotCount(); tag++) {
            JobSlot s = q.slot(tag);
            if (s.isInFlight()) {
                left++;
                s.forceFail(status, reason);
            }
            s.retire(); // the driver released the queue: its bounce buffers are freed now
        }
        if (left > 0) {
            engine.log().warn("queue " + q + ": the driver left " + left
                    + " jobs uncompleted after close; they were failed (" + reason + ")");
        }
    }

    /**
     * A job was accepted by a queue that was closed meanwhile. A correct driver fails it
     * itself at once; if it is still in flight after a grace period it is failed here.
     */
    void sweepStranded(EngineQueue q) {
        // Remembered until swept: the engine's stop sweeps what its admin shutdown drops, else those jobs never complete.
        stranded.add(q);
        if (!sweepLater(q)) {
            sweep(q);
        }
    }

    /** Schedules a sweep of {@code q} after the grace period; false when the admin thread is gone. */
    private boolean sweepLater(EngineQueue q) {
        ScheduledExecutorService a = engine.admin();
        if (a != null && !a.isShutdown()) {
            try {
                a.schedule(() -> sweep(q), 100, TimeUnit.MILLISECONDS);
                return true;
            } catch (RejectedExecutionException stopping) {
                // shut down meanwhile: sweep now
            }
        }
        return false;
    }

    /** The engine stopped: sweeps the queues whose delayed sweeps were dropped with the admin thread. */
    public void sweepAllStranded() {
        for (EngineQueue q : stranded) {
            sweep(q);
        }
    }

    private void sweep(EngineQueue q) {
        if (closing.contains(q) && sweepLater(q)) {
            // Its driver is still closing it and may be completing these very jobs: failing one
            // now would end it (and free its bounce buffers) under the driver, which then reads a
            // job that has ended. Swept once the close has returned.
            return;
        }
        stranded.remove(q);
        for (int tag = 0; tag < q.slotCount(); tag++) {
            JobSlot s = q.slot(tag);
            s.forceFail(WdStatus.DRIVER_GONE, "queue closed while the job was handed over");
            s.retire();
        }
    }

    /**
     * A draining queue has no job left: close it on the admin thread (the completing thread
     * may be the driver's own worker, which a close waits for) and let its driver open what
     * the configuration still wants, now that an instance is free.
     */
    void drained(EngineQueue q) {
        ScheduledExecutorService a = engine.admin();
        if (a != null && !a.isShutdown()) {
            a.execute(() -> {
                if (q.state() == EngineQueue.DRAINING && q.inFlight() == 0) {
                    close(q, WdStatus.QUEUE_CLOSED, "queue drained");
                    q.binding().reconcile(engine.settings());
                    engine.views().publish();
                }
            });
        }
    }

    /** A driver's devices changed: reconcile its queues on the admin thread. */
    void reconcileLater(DriverBinding b) {
        ScheduledExecutorService a = engine.admin();
        if (a != null && !a.isShutdown()) {
            a.execute(() -> {
                if (b.reconcile(engine.settings())) {
                    engine.views().publish();
                }
            });
        }
    }
}
