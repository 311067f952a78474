package io.warpdrive.sched.hypervisor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Moves queues between contexts to meet their targets, and hands them over once drained. */
final class QueueMover {

    /**
     * Moves queues to meet the targets, per direction: contexts above target give their
     * idlest queues, contexts below take them (the largest shortfall first, one at a time, so
     * drivers interleave), then queues no context owns; what is left over goes to the remainder.
     */
    void reconcile(List<ContextState> contexts, Iterable<QueueState> queues) {
        int n = contexts.size();
        for (int op = 0; op < Hypervisor.OPS; op++) {
            List<QueueState> ofOp = new ArrayList<>();
            for (QueueState q : queues) {
                if (q.operation.ordinal() == op) {
                    ofOp.add(q);
                }
            }
            int[] size = new int[n];
            for (QueueState q : ofOp) {
                int d = q.destination();
                if (d >= 0) {
                    size[d]++;
                }
            }
            List<QueueState> pool = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                int excess = size[c] - contexts.get(c).applied[op];
                if (excess <= 0) {
                    continue;
                }
                final int ctx = c;
                List<QueueState> mine = new ArrayList<>();
                for (QueueState q : ofOp) {
                    if (q.destination() == ctx) {
                        mine.add(q);
                    }
                }
                // Cheapest to give: one still on its way here, then the idlest.
                mine.sort(Comparator.comparing((QueueState q) -> q.owner == ctx ? 1 : 0)
                        .thenComparingInt(q -> q.info.inFlight()).thenComparingLong(q -> q.lastActive));
                pool.addAll(mine.subList(0, excess));
                size[c] -= excess;
            }
            List<QueueState> free = new ArrayList<>();
            for (QueueState q : ofOp) {
                if (q.destination() == Assignment.REMAINDER) {
                    free.add(q);
                }
            }
            free.sort(Comparator.comparingInt((QueueState q) -> q.info.inFlight())
                    .thenComparingInt(q -> -q.info.driverPriority()).thenComparing(q -> q.info.device())
                    .thenComparingLong(q -> q.id));
            pool.addAll(free);
            Set<QueueState> used = new HashSet<>();
            for (;;) {
                int taker = -1;
                int shortfall = 0;
                for (int c = 0; c < n; c++) {
                    int s = contexts.get(c).applied[op] - size[c];
                    if (s > shortfall) {
                        shortfall = s;
                        taker = c;
                    }
                }
                if (taker < 0) {
                    break;
                }
                QueueState q = takeFrom(pool, used, taker);
                if (q == null) {
                    break;
                }
                moveTo(q, taker);
                size[taker]++;
            }
            for (QueueState q : pool) {
                if (!used.contains(q) && q.destination() != Assignment.REMAINDER) {
                    moveTo(q, Assignment.REMAINDER);
                }
            }
        }
    }

    /** The next queue of the pool for a context: one it still owns (its move is simply called off) first. */
    private static QueueState takeFrom(List<QueueState> pool, Set<QueueState> used, int taker) {
        for (QueueState q : pool) {
            if (!used.contains(q) && q.owner == taker) {
                used.add(q);
                return q;
            }
        }
        for (QueueState q : pool) {
            if (!used.contains(q)) {
                used.add(q);
                return q;
            }
        }
        return null;
    }

    private static void moveTo(QueueState q, int destination) {
        q.movingTo = q.owner == destination ? QueueState.NOT_MOVING : destination;
    }

    /**
     * Hands over the moving queues with nothing in flight. Called after the moving state was
     * published: a request that was admitted before holds a slot, so the count read here
     * includes it.
     */
    static boolean handOverDrained(Iterable<QueueState> queues, long now) {
        boolean any = false;
        for (QueueState q : queues) {
            if (q.moving() && q.info.inFlight() == 0) {
                q.handOver(now);
                any = true;
            }
        }
        return any;
    }
}
