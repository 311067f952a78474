package io.warpdrive.lib.cpu;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The settings every CPU driver's configuration shares: its devices and their queues, the
 * worker pool behind them, its priority and NUMA node. Metatype configuration annotations
 * cannot share a supertype, so each driver declares the keys ({@code devices}, {@code
 * instances}, {@code depth}, {@code workers}, {@code worker.spin.us}, {@code sync.on.caller},
 * {@code priority}, {@code numa.node}) and hands their values here; what they mean, which of
 * them apply live and which on restart is decided once, here.
 *
 * @param devices devices the driver registers (at least 1)
 * @param instances queues one device can have open at a time (at least 1)
 * @param depth jobs one queue holds in flight (at least 1)
 * @param workers worker threads; 0 means one per available processor
 * @param workerSpinMicros how long an idle worker spins before it parks (0 or more)
 * @param syncOnCaller a sync caller runs its own job instead of waiting for a worker
 * @param priority the driver's priority (larger wins)
 * @param numaNode the NUMA node the devices report (0 or more)
 */
public record CpuPoolSettings(int devices, int instances, int depth, int workers, long workerSpinMicros,
        boolean syncOnCaller, int priority, int numaNode) {
    /** What a driver logs when {@link #needsRestartFor} a new configuration. */
    public static final String RESTART_NOTE =
            "devices, instances, depth, priority and NUMA node changes apply when the driver restarts";

    /** @throws IllegalArgumentException for a count or time out of its range, naming the setting */
    public CpuPoolSettings {
        atLeast("devices", devices, 1);
        atLeast("instances", instances, 1);
        atLeast("depth", depth, 1);
        atLeast("workers", workers, 0);
        atLeast("worker.spin.us", workerSpinMicros, 0);
        atLeast("numa.node", numaNode, 0);
    }

    private static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ": " + value);
        }
    }

    /** The worker threads to run: {@link #workers}, or one per available processor when that is 0. */
    public int workerThreads() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }

    public long workerSpinNanos() {
        return TimeUnit.MICROSECONDS.toNanos(workerSpinMicros);
    }

    /** Jobs the pool's ring must hold: every queue of every device full (bounded at 2^30). */
    public int jobCapacity() {
        return (int) Math.min(1L << 30, (long) devices * instances * depth);
    }

    /** A pool of {@link #workerThreads()} workers (not started) for these settings. */
    public WorkerPool newPool(String driver, Supplier<? extends CpuCodec> codecs, Consumer<String> warn) {
        return new WorkerPool(driver, workerThreads(), jobCapacity(), workerSpinNanos(), syncOnCaller, codecs, warn);
    }

    /** Applies the settings that take effect live — workers, spin, sync on caller — to a running pool. */
    public void applyLive(WorkerPool pool) {
        pool.resize(workerThreads(), workerSpinNanos(), syncOnCaller);
    }

    /**
     * Whether {@code next} differs from these settings in what shapes the devices and queues the
     * platform holds (devices, instances, depth, priority, NUMA node): those apply when the
     * driver restarts.
     */
    public boolean needsRestartFor(CpuPoolSettings next) {
        Objects.requireNonNull(next, "next");
        return next.devices != devices || next.instances != instances || next.depth != depth
                || next.priority != priority || next.numaNode != numaNode;
    }

    /** The line a driver logs when it starts: {@code 2 device(s) × 64 instances, depth 64, 4 worker(s)}. */
    public String describe() {
        return devices + " device(s) × " + instances + " instances, depth " + depth + ", " + workerThreads()
                + " worker(s)";
    }
}
