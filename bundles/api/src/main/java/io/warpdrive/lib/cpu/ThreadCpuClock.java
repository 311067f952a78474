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
    /**
     * The JVM's thread clock, bound on the first job measured rather than when a pool starts: the
     * management classes behind it (about 50) are then never loaded by a run that sends no job.
     * The JVM initialises the holder once; later reads take no lock.
     */
    private static final class Threads {
        static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
        static final boolean SUPPORTED = enable();

        private Threads() {
        }

        private static boolean enable() {
            try {
                boolean on = BEAN.isCurrentThreadCpuTimeSupported();
                if (on && !BEAN.isThreadCpuTimeEnabled()) {
                    BEAN.setThreadCpuTimeEnabled(true);
                }
                return on;
            } catch (UnsupportedOperationException | SecurityException e) {
                return false;
            }
        }
    }

    /** Whether this job's CPU time is to be measured. */
    boolean measures(long bytes, boolean wanted) {
        return Threads.SUPPORTED && (wanted || bytes >= ALWAYS_BYTES
                || (ThreadLocalRandom.current().nextInt() & (ONE_IN - 1)) == 0);
    }

    /** The calling thread's CPU time in nanoseconds. */
    long now() {
        return Threads.BEAN.getCurrentThreadCpuTime();
    }
}
