package io.warpdrive.core.pick;

import io.warpdrive.core.model.DeviceModel;
import io.warpdrive.core.model.Modelled;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides which requests go to a device other than the fastest one so that every model stays
 * current: at most a configured share of requests (1 % by default, 0 for none). The device tried
 * is the one whose model of this kind of request is the stalest; one predicted k times slower than
 * the fastest, k above {@value #COST_BOUND}, is tried k / {@value #COST_BOUND} times less often, so
 * exploring costs at most {@value #COST_BOUND} times that share of the time (on a machine where
 * engines share the cores, a slow emulated device would otherwise take CPU time from the fast one). The explored device reads as finishing at once for that one request
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
    private static final int COST_BOUND = 2;
    private static final Dice THREAD_RANDOM = bound -> ThreadLocalRandom.current().nextInt(bound); // a power of two

    private volatile int shareOfScale;
    private volatile Dice dice = THREAD_RANDOM;

    /** The share of requests that may explore, in percent (0 to 50). */
    public void share(double percent) {
        shareOfScale = (int) Math.round(Math.max(0, Math.min(50, percent)) * SCALE / 100);
    }

    public double share() {
        return shareOfScale * 100.0 / SCALE;
    }

    /** For simulations: the dice to roll instead of the thread's random generator (null: back to it). */
    public void dice(Dice d) {
        this.dice = d == null ? THREAD_RANDOM : d;
    }

    /** The device this request should try instead of the fastest, or null (most requests). */
    public DeviceModel target(SchedKey key, QueueView view, int cell) {
        int share = shareOfScale;
        Dice d = dice;
        if (share == 0 || d.roll(SCALE) >= share) {
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
        if (stalestService > COST_BOUND * fastest
                && d.roll(SCALE) >= (long) SCALE * COST_BOUND * fastest / stalestService) {
            return null;
        }
        return stalest;
    }
}
