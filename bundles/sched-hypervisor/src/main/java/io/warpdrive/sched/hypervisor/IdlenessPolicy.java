package io.warpdrive.sched.hypervisor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The idleness strategy: a queue of an IDLENESS context that stays idle longer
 * than the context's maximum idle time moves to the context with the most work waiting (per
 * queue) in that direction — one that may resize now and is below its maximum. The idle
 * context keeps its minimum; without a context that has work waiting, the queue stays.
 */
final class IdlenessPolicy {
    private final Hypervisor h;

    IdlenessPolicy(Hypervisor h) {
        this.h = h;
    }

    void decide(long now) {
        List<ContextState> contexts = h.contexts();
        for (int c = 0; c < contexts.size(); c++) {
            ContextState s = contexts.get(c);
            if (s.spec.policy() != ResizePolicy.IDLENESS || !s.mayResize(now)) {
                continue;
            }
            int[] before = s.target.clone();
            List<String> moved = new ArrayList<>();
            for (int op = 0; op < Hypervisor.OPS; op++) {
                List<QueueState> idle = new ArrayList<>();
                for (QueueState q : h.owned(c, op)) {
                    if (q.idleNanos(now) > s.spec.maxIdleNanos()) {
                        idle.add(q);
                    }
                }
                idle.sort(Comparator.comparingLong(q -> q.lastActive));
                for (QueueState q : idle) {
                    if (s.target[op] <= s.spec.min()) {
                        break;
                    }
                    int r = receiver(c, op, now);
                    if (r < 0) {
                        break;
                    }
                    ContextState to = contexts.get(r);
                    long waiting = h.waiting(r, op);
                    s.target[op]--;
                    to.target[op]++;
                    q.movingTo = r;
                    to.resized(now, Texts.name(op) + " " + (to.target[op] - 1) + " → " + to.target[op]
                            + " (idle queue #" + q.id + " of " + s.name() + "; " + waiting + " requests waiting)");
                    moved.add("#" + q.id + " idle " + Texts.millis(q.idleNanos(now)) + " to " + to.name());
                }
            }
            if (!moved.isEmpty()) {
                String what = Texts.sizes(before) + " → " + Texts.sizes(s.target) + " (idle longer than "
                        + Texts.millis(s.spec.maxIdleNanos()) + ": " + String.join(", ", moved) + ")";
                s.resized(now, what);
                h.logInfo("context " + s.name() + ": " + what);
            }
        }
    }

    /** The context with the most requests waiting per queue in this direction that may take one more, or -1. */
    private int receiver(int donor, int op, long now) {
        List<ContextState> contexts = h.contexts();
        int best = -1;
        double most = 0;
        for (int r = 0; r < contexts.size(); r++) {
            ContextState s = contexts.get(r);
            // a context that received a queue in this round may receive another
            if (r == donor || s.target[op] >= s.spec.upper() || !(s.mayResize(now) || s.lastResizeAt == now)) {
                continue;
            }
            long waiting = h.waiting(r, op);
            double perQueue = waiting / (double) (s.target[op] + 1);
            if (waiting > 0 && perQueue > most) {
                most = perQueue;
                best = r;
            }
        }
        return best;
    }
}
