package io.warpdrive.core.pick;

import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueOrder;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;

/**
 * The platform's own pick: among the queues that can take the request, the one whose
 * predicted finish time is the least; the consumer's reserved queue first, driver priority
 * and load break ties ({@link QueueOrder#sooner}). Never blocks, never allocates.
 */
public final class FinishTimePick {
    private FinishTimePick() {
    }

    public static QueueInfo pick(SchedKey key, QueueView view) {
        QueueInfo best = null;
        long bestFinish = 0;
        for (int i = 0, n = view.size(); i < n; i++) {
            QueueInfo q = view.get(i);
            if (!q.canTake(key)) {
                continue;
            }
            long finish = q.predictedFinishNanos(key);
            if (best == null || QueueOrder.sooner(q, finish, 0, best, bestFinish, 0)) {
                best = q;
                bestFinish = finish;
            }
        }
        return best;
    }
}
