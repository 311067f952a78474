package io.warpdrive.core.model;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's cores as the engines that run on them share them: the predicted time of the jobs
 * queued on all of them (a CPU driver's workers, an emulated device's thread).
 */
public final class HostCores {
    private final AtomicLong queuedNanos = new AtomicLong();
    private final int cores;

    public HostCores(int cores) {
        this.cores = Math.max(1, cores);
    }

    void add(long nanos) {
        queuedNanos.addAndGet(nanos);
    }

    /** How long a job sent to any of these engines now waits for a core, at least. */
    long waitNanos() {
        long queued = queuedNanos.get();
        return queued == 0 ? 0 : queued / cores;
    }

    public int cores() {
        return cores;
    }
}
