package io.warpdrive.shell.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Before a bench's first measured slice, the engine's calibration of the drivers (started when each
 * driver registered, a few seconds after a platform starts) must be over: its jobs would run on the
 * same engines and CPUs as the first slice and bias it, AUTO's most of all. The engine runs each
 * driver's calibration on a thread named {@value #THREAD_PREFIX}&lt;driver&gt; (core's
 * engine.queue.Calibrations) and the admin API has no call for it yet, so the wait watches those
 * threads, bounded: with calibration off there is no such thread and no wait.
 */
final class CalibrationWait {
    /** The name prefix of the engine's calibration threads (io.warpdrive.core.engine.queue.Calibrations). */
    static final String THREAD_PREFIX = "wd-calibrate-";

    private CalibrationWait() {
    }

    /**
     * Waits until no calibration thread runs, at most {@code bound}.
     *
     * @return true if none runs (any more), false if one still ran when the bound passed
     */
    static boolean await(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Thread running = running();
            if (running == null) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            running.join(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
        }
    }

    /** A calibration thread that is alive now, or null. */
    private static Thread running() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            if (threads[i].getName().startsWith(THREAD_PREFIX) && threads[i].isAlive()) {
                return threads[i];
            }
        }
        return null;
    }
}
