package io.warpdrive.testing.kit;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * Measures the heap bytes this thread allocates (HotSpot's per-thread counter): how tests
 * prove that a hot path allocates nothing.
 */
public final class Allocations {
    private Allocations() {
    }

    /** Runs {@code action} a few times to warm up, then {@code times} times measured. */
    public static long bytesAllocatedBy(Runnable action, int times) {
        return bytesAllocatedBy(action, Math.max(100, times / 10), times);
    }

    /**
     * Runs {@code action} {@code warmUps} times, then {@code times} times measured: a longer
     * warm-up where the path only stops allocating once compiled.
     */
    public static long bytesAllocatedBy(Runnable action, int warmUps, int times) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot count allocated bytes per thread");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is off in this JVM");
        for (int i = 0; i < warmUps; i++) {
            action.run();
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < times; i++) {
            action.run();
        }
        return threads.getThreadAllocatedBytes(thread) - before;
    }
}
