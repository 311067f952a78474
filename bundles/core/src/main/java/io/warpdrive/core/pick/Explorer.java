package io.warpdrive.core.pick;

import io.warpdrive.core.model.DeviceModel;
import io.warpdrive.core.model.Modelled;
import io.warpdrive.core.model.NanoClock;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which requests go to a device other than the fastest one so that every model stays
 * current. Two bounds hold together, both set by one share (1 % by default, 0 for none): at most
 * that share of requests explores, and exploring takes at most that share of the time, counted
 * on the engine's clock. Each explored request spends its predicted time (for a sync caller,
 * until it has its result) from a budget that grows by the share of the time that passes and
 * keeps at most {@value #SAVINGS_MILLIS} ms' worth; a request rolls to explore only while the budget
 * is not spent. A device k times slower than the fastest thus costs what k requests to the fastest
 * would, not one: on a machine whose slow device is emulated on the cores the fast engine runs on,
 * exploring it costs the fast engine its cores too, and a count of requests alone let that cost
 * grow with the gap between the engines. The device tried is the one whose model of this kind of
 * request is the stalest. It reads as finishing at once for the requests that explore it
 * ({@code QueueInfo.predictedFinishNanos} 0), so a policy picks it only where its own rules allow.
 *
 * <p>Requests explore in bursts: the {@value #BURST} requests of the same kind that follow one
 * whose roll explores go to the same device, and the device's model does not learn from the first
 * {@value #WARM_UP} of them ({@link DeviceModel#exploring}). A job alone on an engine that has not
 * run for a while pays for its cold caches and code: measured on this platform, a lone 4 KiB ISA-L
 * job took 150 to 250 µs of CPU where back to back they take about 20. Single explored requests
 * taught the model only that cold price, so the engine that had the traffic first kept it even
 * when the other was several times faster once warm; a burst measures what the engine costs when
 * it has the traffic, which is what the pick compares. A device more than {@value #BURST_WITHIN}
 * times slower than the fastest is tried one request at a time. Each request whose roll explores
 * saves one request's worth, and a burst starts when {@value #BURST} are saved, so the requests
 * that explore are as many as the rolls say, in bursts; the time budget is spent per request and
 * ends a burst early when it runs out.
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
    private static final long SAVINGS_MILLIS = 1000;
    /** Requests of one kind that go to the explored device one after another. */
    static final int BURST = 16;
    /** The first jobs of a burst warm the engine up: its model does not learn from them. */
    static final int WARM_UP = 2;
    /**
     * A device predicted more than this many times slower than the fastest is tried one request
     * at a time: a cold start is not what keeps it from the traffic, and its burst would spend the
     * time budget that the devices near the fastest need.
     */
    static final int BURST_WITHIN = 8;
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
    /**
     * The burst under way: requests of {@link #burstCell} still to send to {@link #burstDevice}.
     * A new burst zeroes the count before it changes the other two, so a request that races it
     * sends at most itself to the device of the burst before.
     */
    private final AtomicInteger burstLeft = new AtomicInteger();
    /** Requests whose roll explored and which have not explored yet: a burst starts when they make one. */
    private final AtomicInteger credits = new AtomicInteger();
    private volatile DeviceModel burstDevice;
    private volatile int burstCell = -1;

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
        if (share == 0) {
            return null;
        }
        if (burstLeft.get() > 0 && burstCell == cell) {
            DeviceModel m = continueBurst(key, cell, share, clock);
            if (m != null) {
                return m;
            }
        }
        if (dice.roll(SCALE) >= share) {
            return null;
        }
        int saved = credits.incrementAndGet();
        if (saved > BURST) {
            credits.compareAndSet(saved, BURST); // nothing to explore for a while: no larger bursts later
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
            long service = predicted(m, key, cell);
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
        if (stalestService <= BURST_WITHIN * fastest) {
            if (saved < BURST) {
                return null; // a burst's worth of requests is not saved up yet
            }
            credits.addAndGet(-BURST);
            burstLeft.set(0);
            burstDevice = stalest;
            burstCell = cell;
            stalest.exploring(WARM_UP);
            burstLeft.set(BURST - 1);
        } else {
            credits.decrementAndGet();
        }
        spentNanos.addAndGet(stalestService); // may overdraw: a slow device is tried, then waited for
        return stalest;
    }

    /** The device of the burst under way for one more request of its kind, or null when the burst ended. */
    private DeviceModel continueBurst(SchedKey key, int cell, int share, NanoClock clock) {
        DeviceModel m = burstDevice;
        long service = m == null ? -1 : predicted(m, key, cell);
        if (service < 0 || budget(share, clock.nanoTime()) <= 0) {
            burstLeft.set(0); // the device left, or exploring used its time
            return null;
        }
        for (int left = burstLeft.get(); left > 0; left = burstLeft.get()) {
            if (burstLeft.compareAndSet(left, left - 1)) {
                spentNanos.addAndGet(service);
                return m;
            }
        }
        return null;
    }

    private static long predicted(DeviceModel m, SchedKey key, int cell) {
        return key.sync() ? m.syncNanos(cell, key.size()) : m.serviceNanos(cell, key.size());
    }

    /**
     * What explored requests may still take now, in nanoseconds (0 or less: nothing); the
     * savings of a quiet time are capped at {@value #SAVINGS_MILLIS} ms' worth, and a new budget
     * starts with them.
     */
    private long budget(int share, long now) {
        if (!started) {
            synchronized (this) {
                if (!started) {
                    // The budget starts with a full second's savings: right after
                    // a start, when the models are the calibration's cold ones, a burst may run at once.
                    origin = now - SAVINGS_MILLIS * 1_000_000;
                    spentNanos.set(0);
                    started = true;
                }
            }
        }
        long allowed = (long) ((double) (now - origin) * share / SCALE);
        long floor = allowed - (long) ((double) SAVINGS_MILLIS * 1_000_000 * share / SCALE);
        long spent = spentNanos.get();
        if (spent < floor) {
            spentNanos.compareAndSet(spent, floor); // unused savings beyond the cap are lost
            spent = floor;
        }
        return allowed - spent;
    }
}
