package io.warpdrive.sched.hypervisor;

import io.warpdrive.comp.Operation;
import io.warpdrive.sched.resize.ManagedQueue;
import io.warpdrive.sched.resize.ResizeRound;
import io.warpdrive.sched.resize.SchedulingContext;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One round of the hypervisor as the resize strategies see it: views of its contexts and
 * queues that check every change against the contexts' bounds and minimum time between resizes.
 * Made on the hypervisor's thread for the strategies of one tick.
 */
final class Round implements ResizeRound {
    private final Hypervisor h;
    private final long now;
    private final List<SchedulingContext> contexts = new ArrayList<>();
    private final List<ManagedQueue> queues = new ArrayList<>();
    private final Map<QueueState, Queue> byState = new IdentityHashMap<>();
    private List<SchedulingContext> selected = List.of();
    private final List<String> decisions = new ArrayList<>();

    Round(Hypervisor h, long now) {
        this.h = h;
        this.now = now;
        for (int c = 0; c < h.contexts().size(); c++) {
            contexts.add(new Context(c, h.contexts().get(c)));
        }
        for (QueueState q : h.queues()) {
            Queue v = new Queue(q);
            byState.put(q, v);
            queues.add(v);
        }
    }

    /** The round as shown to the strategy of that name. */
    Round selecting(String strategy) {
        List<SchedulingContext> list = new ArrayList<>();
        for (SchedulingContext c : contexts) {
            if (c.strategy().equals(strategy)) {
                list.add(c);
            }
        }
        selected = List.copyOf(list);
        return this;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public List<SchedulingContext> contexts() {
        return List.copyOf(contexts);
    }

    @Override
    public List<SchedulingContext> selected() {
        return selected;
    }

    @Override
    public List<ManagedQueue> queues() {
        return List.copyOf(queues);
    }

    @Override
    public int managed(Operation direction) {
        return h.managed(direction.ordinal());
    }

    @Override
    public int unclaimed(Operation direction) {
        return h.unclaimed(direction.ordinal());
    }

    @Override
    public void log(String message) {
        decisions.add(message);
    }

    /** What the strategy logged since the last call: logged once its round is kept, dropped when undone. */
    List<String> takeDecisions() {
        List<String> list = List.copyOf(decisions);
        decisions.clear();
        return list;
    }

    private Context context(int index) {
        return index >= 0 && index < contexts.size() ? (Context) contexts.get(index) : null;
    }

    private final class Context implements SchedulingContext {
        final int index;
        final ContextState s;

        Context(int index, ContextState s) {
            this.index = index;
            this.s = s;
        }

        @Override
        public String name() {
            return s.name();
        }

        @Override
        public String strategy() {
            return s.spec.policy();
        }

        @Override
        public int size(Operation direction) {
            return s.target[direction.ordinal()];
        }

        @Override
        public int min() {
            return s.spec.min();
        }

        @Override
        public int max() {
            return s.spec.upper();
        }

        @Override
        public boolean mayResize() {
            return s.mayResize(now);
        }

        @Override
        public boolean resizedThisRound() {
            return s.lastResizeAt == now;
        }

        @Override
        public long maxIdleNanos() {
            return s.spec.maxIdleNanos();
        }

        @Override
        public long maxIdleNanos(ManagedQueue queue) {
            return s.spec.maxIdleNanos(queue.driver(), queue.device());
        }

        @Override
        public long declaredWorkBytes() {
            return s.spec.work();
        }

        @Override
        public long remainingWorkBytes() {
            return s.remaining();
        }

        @Override
        public long submittedBytes(Operation direction) {
            return s.submittedBytes[direction.ordinal()];
        }

        @Override
        public long submittedWork(Operation direction) {
            return s.submittedWork[direction.ordinal()];
        }

        @Override
        public double bytesPerWork() {
            return s.bytesPerWork();
        }

        @Override
        public long waiting(Operation direction) {
            return h.waiting(index, direction.ordinal());
        }

        @Override
        public List<ManagedQueue> owned(Operation direction) {
            List<ManagedQueue> list = new ArrayList<>();
            for (QueueState q : h.owned(index, direction.ordinal())) {
                list.add(byState.get(q));
            }
            return list;
        }

        @Override
        public void resize(Operation direction, int size) {
            int op = direction.ordinal();
            check(size, s.target[op], h.managed(op));
            s.target[op] = size;
        }

        /** A size the context may take now: within its bounds (below its minimum only when the minimums do not fit). */
        void check(int size, int current, int managed) {
            if (size == current) {
                return;
            }
            if (!s.mayResize(now) && s.lastResizeAt != now) {
                throw new IllegalStateException("context " + name() + " may not be resized yet (minimum time between "
                        + "resizes)");
            }
            if (size < 0 || size > s.spec.upper()) {
                throw new IllegalArgumentException("context " + name() + ": size " + size + " is outside 0.." + max());
            }
            if (size < s.spec.min() && size < current && h.minimums() <= managed) {
                throw new IllegalArgumentException("context " + name() + ": size " + size + " is below its minimum "
                        + min());
            }
        }

        @Override
        public void resized(String why) {
            s.resized(now, why);
            decisions.add("context " + name() + ": " + why);
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private final class Queue implements ManagedQueue {
        final QueueState q;

        Queue(QueueState q) {
            this.q = q;
        }

        @Override
        public long id() {
            return q.id;
        }

        @Override
        public Operation operation() {
            return q.operation;
        }

        @Override
        public String driver() {
            return q.info.driver();
        }

        @Override
        public String device() {
            return q.info.device();
        }

        @Override
        public SchedulingContext owner() {
            return context(q.owner);
        }

        @Override
        public boolean moving() {
            return q.moving();
        }

        @Override
        public long idleNanos() {
            return q.idleNanos(now);
        }

        @Override
        public double speed() {
            return q.speed;
        }

        @Override
        public void moveTo(SchedulingContext to) {
            Context from = context(q.owner);
            if (from == null || q.moving()) {
                throw new IllegalStateException("queue #" + q.id + " is " + (q.moving() ? "already moving"
                        : "not a context's"));
            }
            if (!(to instanceof Context) || ((Context) to).s != h.contexts().get(((Context) to).index) || to == from) {
                throw new IllegalArgumentException("queue #" + q.id + " cannot move to " + to);
            }
            Context target = (Context) to;
            int op = q.operation.ordinal();
            int m = h.managed(op);
            from.check(from.s.target[op] - 1, from.s.target[op], m);
            target.check(target.s.target[op] + 1, target.s.target[op], m);
            from.s.target[op]--;
            target.s.target[op]++;
            if (from.s.spec.appliesAtOnce() && target.s.spec.appliesAtOnce()) {
                q.movingTo = target.index; // otherwise the mover picks the queue once the resize applies
            }
        }
    }
}
