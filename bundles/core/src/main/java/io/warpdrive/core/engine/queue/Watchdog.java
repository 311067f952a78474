package io.warpdrive.core.engine.queue;

import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.request.JobSlot;
import java.util.concurrent.TimeUnit;

/**
 * Periodic checks off the request path: drained queues are closed; a queue the device
 * stopped, or with a job in flight past the job timeout, is released and replaced; a device
 * that refused a queue earlier is asked again.
 */
public final class Watchdog implements Runnable {
    private final Engine engine;

    public Watchdog(Engine engine) {
        this.engine = engine;
    }

    @Override
    public void run() {
        try {
            Settings s = engine.settings();
            long now = engine.clock().nanoTime();
            boolean changed = false;
            for (EngineQueue q : engine.views().pollSet()) {
                if (q.state() == EngineQueue.DRAINING && q.inFlight() == 0) {
                    engine.lifecycle().close(q, WdStatus.QUEUE_CLOSED, "queue drained");
                    changed = true;
                } else if (q.state() == EngineQueue.OPEN) {
                    String problem = problemOf(q, now, s);
                    if (problem != null) {
                        engine.log().warn("queue " + q + ": " + problem + "; releasing and replacing it");
                        q.startDraining();
                        engine.views().publish();
                        boolean stopped = problem.startsWith("the device");
                        if (!stopped) {
                            engine.quarantine().stuckQueue(q, problem); // one error, not one per job it held
                        }
                        engine.lifecycle().close(q, stopped ? WdStatus.QUEUE_CLOSED : WdStatus.TIMEOUT, problem);
                        changed = true;
                    }
                }
            }
            // Every binding, every tick: opens what a busy device refused earlier, once instances free.
            changed |= engine.drivers().reconcileAll(s);
            if (changed) {
                engine.views().publish();
            }
        } catch (RuntimeException e) {
            engine.log().error("watchdog check failed; continuing", e);
        }
    }

    private static String problemOf(EngineQueue q, long now, Settings s) {
        boolean stopped;
        try {
            stopped = q.driverQueue().isStopped();
        } catch (RuntimeException e) {
            stopped = true;
        }
        if (stopped) {
            return "the device stopped the queue";
        }
        if (q.inFlight() == 0) {
            return null;
        }
        for (int tag = 0; tag < q.slotCount(); tag++) {
            JobSlot slot = q.slot(tag);
            if (slot.isInFlight() && now - slot.submitNanos() > s.jobTimeoutNanos()) {
                return "a job has been in flight for more than " + TimeUnit.NANOSECONDS.toMillis(s.jobTimeoutNanos())
                        + " ms";
            }
        }
        return null;
    }
}
