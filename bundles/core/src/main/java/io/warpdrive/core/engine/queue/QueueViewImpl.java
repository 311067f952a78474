package io.warpdrive.core.engine.queue;

import io.warpdrive.core.engine.request.RequestKey;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;

/** An immutable set of open queues with live state; replaced as a whole when queues come or go. */
public final class QueueViewImpl implements QueueView {
    public static final QueueViewImpl EMPTY = new QueueViewImpl(new EngineQueue[0], new NumaDistances(new int[0][]));

    private final EngineQueue[] queues;
    private final NumaDistances numa;

    public QueueViewImpl(EngineQueue[] queues, NumaDistances numa) {
        this.queues = queues;
        this.numa = numa;
    }

    @Override
    public int size() {
        return queues.length;
    }

    @Override
    public EngineQueue get(int index) {
        return queues[index];
    }

    @Override
    public int distance(int fromNode, int toNode) {
        return numa.distance(fromNode, toNode);
    }

    public EngineQueue[] asArray() {
        return queues;
    }

    /** True if {@code q} is a queue of this view (a policy must not return a queue from elsewhere). */
    public boolean contains(QueueInfo q) {
        if (!(q instanceof EngineQueue)) {
            return false;
        }
        int i = q.index();
        return i >= 0 && i < queues.length && queues[i] == q;
    }

    /** True if some queue could ever serve the request (ignoring room and availability). */
    public boolean anyCouldServe(RequestKey key) {
        for (EngineQueue q : queues) {
            if (q.couldServe(key)) {
                return true;
            }
        }
        return false;
    }

    /** Queues that could serve the request (ignoring room), for error messages. */
    public int countCouldServe(RequestKey key) {
        int n = 0;
        for (EngineQueue q : queues) {
            if (q.couldServe(key)) {
                n++;
            }
        }
        return n;
    }
}
