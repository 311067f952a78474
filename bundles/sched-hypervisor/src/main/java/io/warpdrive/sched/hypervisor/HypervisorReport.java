package io.warpdrive.sched.hypervisor;

import io.warpdrive.comp.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code wd:contexts} shows, taken on the hypervisor's thread.
 *
 * @param remainder queues per direction no context owns
 * @param eventRounds rounds made at once for an event rather than at the tick: by kind ({@link Events#describe})
 */
record HypervisorReport(List<Context> contexts, int[] remainder, List<String> strategies, long[] eventRounds) {

    /**
     * @param throughput completed input bytes per second, averaged over about a second
     * @param longestIdleNanos the longest any of its queues has been idle now
     * @param sinceResizeNanos time since the last resize, or -1 when it has not been resized
     * @param strategyState why its strategy does not resize it ("" when it does)
     * @param pendingApply a resize decided and waiting for its time to apply ("" when none)
     */
    record Context(String name, ContextSpec spec, int[] target, List<Queue> queues, double throughput,
            long longestIdleNanos, long doneWork, long remainingWork, long pendingRequests, String lastResize,
            long sinceResizeNanos, String strategyState, String pendingApply) {
    }

    /** @param state "", "moving in" or "moving out" */
    record Queue(long id, String driver, String device, Operation operation, String state, int inFlight,
            long idleNanos) {
    }

    /** Taken on the hypervisor's thread. */
    static HypervisorReport of(List<ContextState> contexts, Iterable<QueueState> queues, long t, Strategies strategies,
            long[] eventRounds) {
        List<Context> list = new ArrayList<>();
        for (int c = 0; c < contexts.size(); c++) {
            ContextState s = contexts.get(c);
            List<Queue> qs = new ArrayList<>();
            long longestIdle = 0;
            for (QueueState q : queues) {
                boolean mine = q.owner == c;
                boolean coming = q.movingTo == c;
                if (!mine && !coming) {
                    continue;
                }
                String state = coming ? "moving in" : q.moving() ? "moving out" : "";
                qs.add(new Queue(q.id, q.info.driver(), q.info.device(), q.operation, state,
                        q.info.inFlight(), q.idleNanos(t)));
                if (mine && !q.moving()) {
                    longestIdle = Math.max(longestIdle, q.idleNanos(t));
                }
            }
            qs.sort(Comparator.comparing(Queue::operation).thenComparingLong(Queue::id));
            long pending = 0;
            for (long p : s.pending) {
                pending += p;
            }
            list.add(new Context(s.name(), s.spec, s.target.clone(), qs, s.progress, longestIdle,
                    s.doneWork(), s.remaining(), pending, s.lastResize, s.lastResizeAt == Long.MIN_VALUE ? -1
                            : t - s.lastResizeAt, strategies.state(s.spec.policy()), s.pendingApply(t)));
        }
        int[] remainder = new int[Assignment.OPS];
        for (QueueState q : queues) {
            if (q.owner == Assignment.REMAINDER && !q.moving()) {
                remainder[q.operation.ordinal()]++;
            }
        }
        return new HypervisorReport(list, remainder, strategies.offered(), eventRounds);
    }
}
