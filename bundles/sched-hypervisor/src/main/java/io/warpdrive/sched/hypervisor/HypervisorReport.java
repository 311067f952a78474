package io.warpdrive.sched.hypervisor;

import io.warpdrive.comp.Operation;
import java.util.List;

/**
 * What {@code wd:contexts} shows, taken on the hypervisor's thread.
 *
 * @param remainder queues per direction no context owns
 */
record HypervisorReport(List<Context> contexts, int[] remainder) {

    /**
     * @param throughput completed input bytes per second, averaged over about a second
     * @param longestIdleNanos the longest any of its queues has been idle now
     * @param sinceResizeNanos time since the last resize, or -1 when it has not been resized
     */
    record Context(String name, ContextSpec spec, int[] target, List<Queue> queues, double throughput,
            long longestIdleNanos, long doneBytes, long remainingBytes, long pendingRequests, String lastResize,
            long sinceResizeNanos) {
    }

    /** @param state "", "moving in" or "moving out" */
    record Queue(long id, String driver, String device, Operation operation, String state, int inFlight,
            long idleNanos) {
    }
}
