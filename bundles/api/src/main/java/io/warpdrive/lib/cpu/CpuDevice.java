package io.warpdrive.lib.cpu;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CPU driver's "device": a number of queue instances, every queue served by the driver's
 * {@link WorkerPool}. It serves the algorithms its codec can (the deflate family unless told
 * otherwise); decompression with every window, compression with the windows its codec can.
 */
public final class CpuDevice implements Device {
    private static final Set<Algorithm> DEFLATE_FAMILY = Set.copyOf(EnumSet.of(Algorithm.DEFLATE, Algorithm.ZLIB,
            Algorithm.GZIP));

    private final Set<Algorithm> algorithms;

    private final String name;
    private final int instances;
    private final int depth;
    private final int numaNode;
    private final Set<WindowSize> compressionWindows;
    private final Map<String, String> codecAttributes;
    private final WorkerPool pool;
    private final AtomicInteger open = new AtomicInteger();
    private final List<CpuQueue> queues = new CopyOnWriteArrayList<>();
    private volatile DeviceHealth health = DeviceHealth.ONLINE;

    /**
     * @param compressionWindows the windows the codec compresses with
     * @param codecAttributes what {@link #attributes()} says of the codec, besides depth and workers
     */
    public CpuDevice(String name, int instances, int depth, int numaNode, Set<WindowSize> compressionWindows,
            Map<String, String> codecAttributes, WorkerPool pool) {
        this(name, instances, depth, numaNode, DEFLATE_FAMILY, compressionWindows, codecAttributes, pool);
    }

    /**
     * @param algorithms the algorithms the codec serves
     * @param compressionWindows the windows the codec compresses with (of the deflate family)
     * @param codecAttributes what {@link #attributes()} says of the codec, besides depth and workers
     * @since 1.1
     */
    public CpuDevice(String name, int instances, int depth, int numaNode, Set<Algorithm> algorithms,
            Set<WindowSize> compressionWindows, Map<String, String> codecAttributes, WorkerPool pool) {
        this.name = name;
        this.algorithms = Set.copyOf(algorithms);
        this.instances = instances;
        this.depth = depth;
        this.numaNode = numaNode;
        this.compressionWindows = Set.copyOf(compressionWindows);
        this.codecAttributes = Map.copyOf(codecAttributes);
        this.pool = pool;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Algorithm> algorithms() {
        return algorithms;
    }

    /** The deflate family's window matters to compression only; zstd and LZ4 do not read it. */
    @Override
    public boolean serves(Algorithm algorithm, Operation operation, WindowSize window) {
        return algorithms.contains(algorithm) && (operation == Operation.DECOMPRESS || !algorithm.isDeflateFamily()
                || compressionWindows.contains(window));
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
        Map<String, String> all = new HashMap<>(codecAttributes);
        all.put("depth", Integer.toString(depth));
        all.put("workers", Integer.toString(pool.size()));
        return Map.copyOf(all);
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
        CpuQueue q = new CpuQueue(this, operation, mode, depth, pool);
        queues.add(q);
        return q;
    }

    void queueClosed(CpuQueue q) {
        if (queues.remove(q)) {
            open.decrementAndGet();
        }
    }

    /** The driver is stopping: the device goes away and its remaining queues are closed. */
    public void remove() {
        health = DeviceHealth.REMOVED;
        for (CpuQueue q : queues) {
            q.close();
        }
    }
}
