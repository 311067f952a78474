package io.warpdrive.core.model;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's cores as the engines that run on them share them: the predicted time of the jobs
 * queued on all of them (a CPU driver's workers, an emulated device's thread), of the sync jobs
 * their callers run on their own threads, and the poller's measured CPU time for each job it
 * reaps from a polled queue (a real device's too: the poller runs on these cores).
 */
public final class HostCores {
    /** Each new measure of the poller's CPU per job weighs this much against the ones before. */
    private static final double POLLER_WEIGHT = 1.0 / 8;

    private final AtomicLong queuedNanos = new AtomicLong();
    private final int cores;
    /** The poller's CPU time per job it reaped, as last measured; written by the poller only. */
    private volatile long pollerNanosPerJob;
    private double pollerAverage = -1;

    public HostCores(int cores) {
        this.cores = Math.max(1, cores);
    }

    void add(long nanos) {
        queuedNanos.addAndGet(nanos);
    }

    /**
     * Work the engine's own threads put on these cores besides the engines' queued jobs (a sync
     * caller running its own job, the poller's part of a polled job); given back with the
     * negated amount when the job is over.
     */
    public void charge(long nanos) {
        if (nanos != 0) {
            queuedNanos.addAndGet(nanos);
        }
    }

    /** How long a job sent to any of these engines now waits for a core, at least. */
    long waitNanos() {
        long queued = queuedNanos.get();
        return queued == 0 ? 0 : queued / cores;
    }

    /** The predicted work on these cores now, in nanoseconds. */
    public long queuedNanos() {
        return queuedNanos.get();
    }

    /**
     * The poller measured its thread's CPU time over the last {@code jobs} jobs it reaped
     * (sweeps that found nothing, spinning, included; parked time is no CPU time). One thread
     * (the poller) calls it.
     */
    public void pollerMeasured(long cpuNanos, int jobs) {
        if (jobs <= 0 || cpuNanos < 0) {
            return;
        }
        double perJob = (double) cpuNanos / jobs;
        double old = pollerAverage;
        pollerAverage = old < 0 ? perJob : old + POLLER_WEIGHT * (perJob - old);
        pollerNanosPerJob = Math.round(pollerAverage);
    }

    /** The poller's CPU time per job it reaps, as measured (0 before the first measure). */
    public long pollerNanosPerJob() {
        return pollerNanosPerJob;
    }

    public int cores() {
        return cores;
    }
}
