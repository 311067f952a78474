package io.warpdrive.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * {@link PickBenchmark}'s pick timed in the CPU time of the thread that runs it, with the bytes it
 * allocates: on a machine shared with other builds the wall clock JMH reads measures them too,
 * a thread's CPU time does not (caches shared with them still cost something).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.warpdrive.benchmarks.PickCpuTime priority|builtin [ROUNDS]</pre>
 */
public final class PickCpuTime {
    private static final int PICKS_PER_ROUND = 2_000_000;
    private static final int WARM_UP_ROUNDS = 5;
    /** Where every pick's answer goes, so that none can be dropped. */
    static Object sink;

    private PickCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        PickBenchmark b = new PickBenchmark();
        b.policy = args.length > 0 ? args[0] : "priority";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        b.setUp();
        try {
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long self = Thread.currentThread().getId();
            for (int w = 0; w < WARM_UP_ROUNDS; w++) {
                picks(b);
            }
            double[] nanosPerPick = new double[rounds];
            long allocatedBefore = threads.getThreadAllocatedBytes(self);
            for (int k = 0; k < rounds; k++) {
                long before = threads.getCurrentThreadCpuTime();
                picks(b);
                nanosPerPick[k] = (threads.getCurrentThreadCpuTime() - before) / (double) PICKS_PER_ROUND;
            }
            long allocated = threads.getThreadAllocatedBytes(self) - allocatedBefore;
            Arrays.sort(nanosPerPick);
            System.out.printf("%s: CPU ns per pick min %.1f median %.1f max %.1f; %.4f B allocated per pick over %d picks%n",
                    b.policy, nanosPerPick[0], nanosPerPick[rounds / 2], nanosPerPick[rounds - 1],
                    allocated / (double) rounds / PICKS_PER_ROUND, (long) rounds * PICKS_PER_ROUND);
        } finally {
            b.tearDown();
        }
    }

    private static void picks(PickBenchmark b) {
        for (int i = 0; i < PICKS_PER_ROUND; i++) {
            sink = b.pick();
        }
    }
}
