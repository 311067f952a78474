package io.warpdrive.core.pick;

import io.warpdrive.core.model.DeviceModel;
import io.warpdrive.core.model.Modelled;
import io.warpdrive.core.model.NanoClock;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which requests go to a device other than the fastest one so that every model stays
 * current. Two bounds hold together, both set by one share (1 % by default, 0 for none): at most
 * that share of requests explores, and exploring takes at most that share of the time, counted
 * on the engine's clock. Each explored request spends its predicted time (for a sync caller,
 * until it has its result) from a budget that grows by the share of the time that passes and
 * keeps at most {@value #BURST_MILLIS} ms' worth; a request rolls to explore only while the budget
 * is not spent. A device k times slower than the fastest thus costs what k requests to the fastest
 * would, not one: on a machine whose slow device is emulated on the cores the fast engine runs on,
 * exploring it costs the fast engine its cores too, and a count of requests alone let that cost
 * grow with the gap between the engines. The device tried is the one whose model of this kind of
 * request is the stalest. It reads as finishing at once for that one request
 * ({@code QueueInfo.predictedFinishNanos} 0), so a policy picks it only where its own rules allow.
 */
public final class Explorer {
    /** Random numbers in [0, bound): the thread's own generator in the product, a seeded one in simulations. */
    @FunctionalInterface
    public interface Dice {
        int roll(int bound);
    }

    /** Shares are counted in parts of 2^20: a roll is a mask of the thread's random number, no division. */
    private static final int SCALE = 1 << 20;
    /** The budget saved while nothing explores, in the share of this much time. */
    private static final long BURST_MILLIS = 1000;
    private static final Dice THREAD_RANDOM = bound -> ThreadLocalRandom.current().nextInt(bound); // a power of two

    private volatile int shareOfScale;
    private volatile Dice dice = THREAD_RANDOM;
    /**
     * The time explored requests may have taken by now: the share of the clock's time since
     * {@link #origin}; {@link #spentNanos} is what they were predicted to take. Read and written
     * only by the few requests whose roll explores.
     */
    private final AtomicLong spentNanos = new AtomicLong();
    private volatile long origin;
    private volatile boolean started;

    /** The share of requests, and of the time, that may explore, in percent (0 to 50). */
    public synchronized void share(double percent) {
        int share = (int) Math.round(Math.max(0, Math.min(50, percent)) * SCALE / 100);
        if (share != shareOfScale) {
            started = false; // the budget starts afresh with the new share
        }
        shareOfScale = share;
    }

    public double share() {
        return shareOfScale * 100.0 / SCALE;
    }

    /** For simulations: the dice to roll instead of the thread's random generator (null: back to it). */
    public void dice(Dice d) {
        this.dice = d == null ? THREAD_RANDOM : d;
    }

    /**
     * The device this request should try instead of the fastest, or null (most requests).
     *
     * @param clock the engine's clock, read only by a request whose roll explores
     */
    public DeviceModel target(SchedKey key, QueueView view, int cell, NanoClock clock) {
        int share = shareOfScale;
        Dice d = dice;
        if (share == 0 || d.roll(SCALE) >= share) {
            return null;
        }
        long budget = budget(share, clock.nanoTime());
        if (budget <= 0) {
            return null;
        }
        long size = key.size();
        DeviceModel stalest = null;
        long stalestNanos = 0;
        long stalestService = 0;
        long fastest = Long.MAX_VALUE;
        DeviceModel seen = null;
        for (int i = 0, n = view.size(); i < n; i++) {
            QueueInfo q = view.get(i);
            if (!(q instanceof Modelled) || !q.canTake(key)) {
                continue;
            }
            DeviceModel m = ((Modelled) q).model();
            if (m == seen) {
                continue; // queues of one device come one after another in a view
            }
            seen = m;
            long service = key.sync() ? m.syncNanos(cell, size) : m.serviceNanos(cell, size);
            if (service < 0) {
                continue; // not known yet: the pick tries it anyway
            }
            fastest = Math.min(fastest, service);
            long last = m.service().lastSampleNanos(cell);
            if (stalest == null || last - stalestNanos < 0) {
                stalest = m;
                stalestNanos = last;
                stalestService = service;
            }
        }
        if (stalest == null || stalestService <= fastest) {
            return null;
        }
        spentNanos.addAndGet(stalestService); // may overdraw: a slow device is tried, then waited for
        return stalest;
    }

    /**
     * What explored requests may still take now, in nanoseconds (0 or less: nothing); the
     * savings of a quiet time are capped at {@value #BURST_MILLIS} ms' worth.
     */
    private long budget(int share, long now) {
        if (!started) {
            synchronized (this) {
                if (!started) {
                    origin = now;
                    spentNanos.set(0);
                    started = true;
                }
            }
        }
        long allowed = (long) ((double) (now - origin) * share / SCALE);
        long floor = allowed - (long) ((double) BURST_MILLIS * 1_000_000 * share / SCALE);
        long spent = spentNanos.get();
        if (spent < floor) {
            spentNanos.compareAndSet(spent, floor); // unused savings beyond the cap are lost
            spent = floor;
        }
        return allowed - spent;
    }
}
