package io.warpdrive.driver.isal;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceHealth;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An isal "device": a number of queue instances served by the driver's CPU workers with
 * igzip. Every algorithm, both directions, every window (igzip compresses with 4 to 32 KiB).
 */
final class IsalDevice implements Device {
    private static final Set<Algorithm> ALGORITHMS = EnumSet.allOf(Algorithm.class);

    private final String name;
    private final int instances;
    private final int depth;
    private final int numaNode;
    private final WorkerPool pool;
    private final String library;
    private final String levels;
    private final Consumer<String> warn;
    private final AtomicInteger open = new AtomicInteger();
    private final List<IsalQueue> queues = new CopyOnWriteArrayList<>();
    private volatile DeviceHealth health = DeviceHealth.ONLINE;

    IsalDevice(String name, int instances, int depth, int numaNode, WorkerPool pool, String library, String levels,
            Consumer<String> warn) {
        this.name = name;
        this.instances = instances;
        this.depth = depth;
        this.numaNode = numaNode;
        this.pool = pool;
        this.library = library;
        this.levels = levels;
        this.warn = warn;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Algorithm> algorithms() {
        return ALGORITHMS;
    }

    @Override
    public boolean serves(Algorithm algorithm, Operation operation, WindowSize window) {
        return true;
    }

    @Override
    public int numaNode() {
        return numaNode;
    }

    @Override
    public int instances() {
        return instances;
    }

    @Override
    public int availableInstances() {
        return instances - open.get();
    }

    @Override
    public DeviceHealth health() {
        return health;
    }

    @Override
    public Map<String, String> attributes() {
        return Map.of("codec", "igzip", "library", library, "levels", levels, "depth", Integer.toString(depth),
                "workers", Integer.toString(pool.size()));
    }

    @Override
    public Queue openQueue(Operation operation, QueueMode mode) {
        if (health != DeviceHealth.ONLINE) {
            throw new WdException(WdStatus.DEVICE_ERROR, "device " + name + " is " + health);
        }
        int n;
        do {
            n = open.get();
            if (n >= instances) {
                throw new WdException(WdStatus.BUSY, "device " + name + ": all " + instances + " instances in use");
            }
        } while (!open.compareAndSet(n, n + 1));
        IsalQueue q = new IsalQueue(this, operation, mode, depth, pool);
        queues.add(q);
        return q;
    }

    void queueClosed(IsalQueue q) {
        if (queues.remove(q)) {
            open.decrementAndGet();
        }
    }

    /** The driver is stopping: the device goes away and its remaining queues are closed. */
    void remove() {
        health = DeviceHealth.REMOVED;
        for (IsalQueue q : queues) {
            q.close();
        }
    }

    void warn(String message) {
        warn.accept(message);
    }
}
