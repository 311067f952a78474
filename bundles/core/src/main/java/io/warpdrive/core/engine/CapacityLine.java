package io.warpdrive.core.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Requests waiting for a queue with room (HARDWARE_ONLY waiting for hardware, or
 * back-pressure). In arrival order; when a job slot frees, the first waiter that queue
 * could serve is woken directly — one thread, not a broadcast. The completion path pays
 * one volatile read when nobody waits.
 */
final class CapacityLine {
    /** Upper bound of one park: a waiter re-checks on its own so a lost wake-up costs at most this. */
    private static final long SLICE_NANOS = 10_000_000L;

    private final ConcurrentLinkedQueue<EngineRequest> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    void enter(EngineRequest r) {
        r.lineThread = Thread.currentThread();
        r.lineSignal = false;
        waiters.add(r);
        count.incrementAndGet();
    }

    void leave(EngineRequest r) {
        if (waiters.remove(r)) {
            count.decrementAndGet();
        }
        r.lineThread = null;
    }

    /** Parks until signalled or a slice passes; false once the deadline has passed. */
    boolean park(EngineRequest r, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        if (!r.lineSignal) {
            LockSupport.parkNanos(this, Math.min(left, SLICE_NANOS));
        }
        r.lineSignal = false;
        return true;
    }

    /** A slot of {@code q} freed: wake the first waiter it could serve. */
    void signal(EngineQueue q) {
        if (count.get() == 0) {
            return;
        }
        for (EngineRequest r : waiters) {
            if (!r.lineSignal && q.couldServe(r.key)) {
                r.lineSignal = true;
                Thread t = r.lineThread;
                if (t != null) {
                    LockSupport.unpark(t);
                }
                return;
            }
        }
    }

    /** Wakes every waiter (queues were added: each re-checks). */
    void signalAll() {
        if (count.get() == 0) {
            return;
        }
        for (EngineRequest r : waiters) {
            r.lineSignal = true;
            Thread t = r.lineThread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    int waiting() {
        return count.get();
    }
}
