package io.warpdrive.lib.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which jobs of a CPU driver get their CPU time measured by the running thread's CPU clock, and
 * the clock. Reading it costs about 0.6 µs of CPU (1 µs and more of wall time on a loaded host;
 * {@code ThreadMXBean.getCurrentThreadCpuTime} on Linux, JDK 17: a system call, not the vDSO),
 * twice per job, against some 10 µs for a 4 KiB job and 150–400 µs for a 64 KiB zstd job, where
 * the two reads still showed as 1–2 % of the caller's CPU on a loaded host: every job of
 * {@value #ALWAYS_BYTES} bytes or more is measured, every job the platform asks it for
 * ({@code Job.wantsCpuTime}: calibration, exploration), and one in {@value #ONE_IN} of the
 * smaller ones, chosen by the running thread's own random numbers (no counter that every worker
 * and caller would write).
 */
final class ThreadCpuClock {
    static final int ALWAYS_BYTES = 256 * 1024;
    static final int ONE_IN = 8;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final boolean supported;

    ThreadCpuClock() {
        boolean on = false;
        try {
            on = THREADS.isCurrentThreadCpuTimeSupported();
            if (on && !THREADS.isThreadCpuTimeEnabled()) {
                THREADS.setThreadCpuTimeEnabled(true);
            }
        } catch (UnsupportedOperationException | SecurityException e) {
            on = false;
        }
        this.supported = on;
    }

    /** Whether this job's CPU time is to be measured. */
    boolean measures(long bytes, boolean wanted) {
        return supported && (wanted || bytes >= ALWAYS_BYTES
                || (ThreadLocalRandom.current().nextInt() & (ONE_IN - 1)) == 0);
    }

    /** The calling thread's CPU time in nanoseconds. */
    long now() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
