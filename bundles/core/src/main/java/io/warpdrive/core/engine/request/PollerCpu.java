package io.warpdrive.core.engine.request;

import io.warpdrive.core.model.HostCores;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The poller's CPU time per job it reaps, measured by its thread's CPU clock over every
 * {@value #JOBS_PER_MEASURE} jobs (reading the clock costs about 0.6 µs: once per job would be
 * a large part of the poller's own work) and given to the host's cores, which charge it to every
 * job on a polled queue. Sweeps that found nothing and spinning count; a parked poller costs no
 * CPU and none is counted. Used by the poller's thread only.
 */
final class PollerCpu {
    static final int JOBS_PER_MEASURE = 64;
    /**
     * The running thread's CPU clock, or -1 where the JVM cannot read it. The management classes
     * behind it (about 50) load on its first read, the first job a poller reaps: an engine that
     * reaps nothing, as in a one-shot command that sends no request, never loads them.
     */
    static final LongSupplier THREAD_CPU_CLOCK = () -> ThreadClock.CLOCK.getAsLong();

    private final Supplier<HostCores> host;
    private final LongSupplier clock;
    private long lastCpuNanos = -1;
    private int jobs;

    /** @param clock the poller thread's CPU time in nanoseconds, -1 when it cannot be read */
    PollerCpu(Supplier<HostCores> host, LongSupplier clock) {
        this.host = host;
        this.clock = clock;
    }

    /** A sweep reaped {@code n} jobs. */
    void reaped(int n) {
        jobs += n;
        if (lastCpuNanos >= 0 && jobs < JOBS_PER_MEASURE) {
            return;
        }
        long now = clock.getAsLong();
        if (now < 0) {
            return;
        }
        if (lastCpuNanos >= 0) {
            host.get().pollerMeasured(now - lastCpuNanos, jobs);
        }
        lastCpuNanos = now;
        jobs = 0;
    }

    /** Initialised by the JVM on first use, once, without a lock on later reads. */
    private static final class ThreadClock {
        static final LongSupplier CLOCK = threadCpuClock();

        private ThreadClock() {
        }
    }

    private static LongSupplier threadCpuClock() {
        try {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            if (!threads.isCurrentThreadCpuTimeSupported()) {
                return () -> -1;
            }
            if (!threads.isThreadCpuTimeEnabled()) {
                threads.setThreadCpuTimeEnabled(true);
            }
            return threads::getCurrentThreadCpuTime;
        } catch (UnsupportedOperationException | SecurityException e) {
            return () -> -1;
        }
    }
}
