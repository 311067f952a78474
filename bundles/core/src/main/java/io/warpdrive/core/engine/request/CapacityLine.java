package io.warpdrive.core.engine.request;

import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.core.engine.queue.EngineQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Requests waiting for a queue with room — HARDWARE_ONLY requests waiting for hardware
 * (the HARDWARE_ONLY fallback policy), or any request under back-pressure — served strictly in arrival order.
 *
 * <p>A slot that frees on a queue is handed directly to the first waiter that queue can
 * serve (and the active policy admits there): the releasing thread gives it the slot (already taken, so nobody can barge in
 * between) and wakes exactly that thread. While HARDWARE_ONLY requests wait, a shared hardware
 * queue one of them could take (it serves it, the active policy admits it there) takes no
 * newcomer: a new HARDWARE_ONLY request queues behind them and an AUTO request goes to the CPU,
 * which it may do at once; a queue none of them may take (held back for a higher level) takes a
 * newcomer the policy admits. The completion path pays one volatile read when nobody waits.
 */
public final class CapacityLine {
    /** Upper bound of one park: a waiter re-checks on its own, so a lost wake-up costs at most this. */
    private static final long SLICE_NANOS = 10_000_000L;

    private final ConcurrentLinkedQueue<EngineRequest> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger hardwareOnly = new AtomicInteger();
    private final java.util.concurrent.atomic.LongAdder entered = new java.util.concurrent.atomic.LongAdder();

    void enter(EngineRequest r) {
        entered.increment();
        r.lineThread = Thread.currentThread();
        r.openHandoff();
        r.inLine = true;
        if (r.key().fallback() == FallbackPolicy.HARDWARE_ONLY) {
            hardwareOnly.incrementAndGet();
        }
        waiters.add(r);
        count.incrementAndGet();
    }

    /** Leaves the line; a slot handed over meanwhile goes back to its queue (and so to the next waiter). */
    void leave(EngineRequest r) {
        if (waiters.remove(r)) {
            count.decrementAndGet();
            if (r.key().fallback() == FallbackPolicy.HARDWARE_ONLY) {
                hardwareOnly.decrementAndGet();
            }
        }
        r.inLine = false;
        r.lineThread = null;
        JobSlot late = r.closeHandoff();
        if (late != null) {
            late.queue.release(late);
        }
    }

    /**
     * Parks until a slot is handed over or a slice passes.
     *
     * @return the slot handed to this waiter, or null (re-check, or the deadline passed)
     */
    JobSlot park(EngineRequest r, long deadlineNanos) {
        JobSlot slot = r.takeHandoff();
        if (slot != null) {
            return slot;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            LockSupport.parkNanos(this, Math.min(left, SLICE_NANOS));
        }
        return r.takeHandoff();
    }

    /**
     * A slot of {@code q} is free: hands it to the first waiter {@code q} can serve.
     *
     * @return true if a waiter took it (the slot stays taken, now by that waiter)
     */
    public boolean handOff(EngineQueue q, JobSlot slot) {
        if (count.get() == 0) {
            return false;
        }
        for (EngineRequest r : waiters) {
            if (q.couldServe(r.key()) && q.admits(r.key()) && r.offerHandoff(slot)) {
                Thread t = r.lineThread;
                if (t != null) {
                    LockSupport.unpark(t);
                }
                return true;
            }
        }
        return false;
    }

    /** Wakes every waiter to re-check (queues were added or became available). */
    public void signalAll() {
        if (count.get() == 0) {
            return;
        }
        for (EngineRequest r : waiters) {
            Thread t = r.lineThread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * True while HARDWARE_ONLY requests wait: a shared hardware queue then takes no newcomer where
     * one of them could go ({@link #holds}).
     */
    public boolean hardwareReserved() {
        return hardwareOnly.get() > 0;
    }

    /**
     * A HARDWARE_ONLY request waiting here could take {@code q} (serves it and the active policy
     * admits it there): {@code q} is then the line's, in arrival order, and takes no newcomer.
     * Walks the line only while HARDWARE_ONLY requests wait.
     */
    public boolean holds(EngineQueue q) {
        if (hardwareOnly.get() == 0) {
            return false;
        }
        for (EngineRequest r : waiters) {
            if (r.key().fallback() == FallbackPolicy.HARDWARE_ONLY && q.couldServe(r.key()) && q.admits(r.key())) {
                return true;
            }
        }
        return false;
    }

    public int waiting() {
        return count.get();
    }

    /** Requests that entered the line since the engine started. */
    public long entered() {
        return entered.sum();
    }
}
