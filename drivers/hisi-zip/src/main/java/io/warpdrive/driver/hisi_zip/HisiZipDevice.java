package io.warpdrive.driver.hisi_zip;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.uacce.UacceSeam;
import io.warpdrive.driver.hisi_zip.zip.ZipQueue;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceHealth;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.log.Logger;

/**
 * One HiSilicon ZIP device behind uacce ({@code uacce_dev}): what the last scan read from
 * sysfs, its health, and the queues opened on it. Opening a queue opens the char device
 * (the kernel allocates a queue pair; EBUSY when none is free, which the platform treats
 * as no capacity, not as an error).
 */
final class HisiZipDevice implements Device {
    private final UacceSeam seam;
    private final QueueSettings settings;
    private final Logger log;
    private final List<ZipQueue> queues = new CopyOnWriteArrayList<>();
    private volatile DeviceInfo info;
    private volatile DeviceHealth health;
    private volatile int instancesSeen;
    private volatile boolean toldFallbackDepth;
    /** An open was refused with EBUSY since the last scan that saw a free instance. */
    private volatile boolean refusedBusy;

    HisiZipDevice(DeviceInfo info, UacceSeam seam, QueueSettings settings, Logger log) {
        this.seam = seam;
        this.settings = settings;
        this.log = log;
        update(info);
    }

    /** A rescan read the device again. */
    void update(DeviceInfo latest) {
        info = latest;
        health = latest.isolated() ? DeviceHealth.ISOLATED : DeviceHealth.ONLINE;
        instancesSeen = Math.max(instancesSeen, latest.availableInstances() + queues.size());
    }

    DeviceInfo info() {
        return info;
    }

    /**
     * True once when an open was refused with EBUSY and the device has a free instance
     * again: whoever asked should ask again.
     */
    boolean instanceFreedAfterRefusal() {
        if (refusedBusy && info.availableInstances() > 0) {
            refusedBusy = false;
            return true;
        }
        return false;
    }

    /** The device is gone (or the driver stops): its queues are closed, their jobs fail as QUEUE_CLOSED. */
    void remove() {
        health = DeviceHealth.REMOVED;
        closeQueues();
    }

    void closeQueues() {
        for (ZipQueue q : queues) {
            q.close();
        }
    }

    int openQueues() {
        return queues.size();
    }

    @Override
    public String name() {
        return info.name();
    }

    @Override
    public Set<Algorithm> algorithms() {
        return info.algorithms();
    }

    /**
     * Every window: the hardware's window field takes 4K to 32K; decompression takes any stream.
     * zstd only compresses here (the device has no zstd decoder).
     */
    @Override
    public boolean serves(Algorithm algorithm, Operation operation, WindowSize window) {
        return info.algorithms().contains(algorithm)
                && (algorithm.isDeflateFamily() || operation == Operation.COMPRESS);
    }

    @Override
    public int numaNode() {
        return info.numaNode();
    }

    /**
     * sysfs has no total: the most instances seen at once, free plus held by this driver
     * (on a machine shared with other processes, a lower bound).
     */
    @Override
    public int instances() {
        return Math.max(instancesSeen, availableInstances() + queues.size());
    }

    /** {@code available_instances}, read now. */
    @Override
    public int availableInstances() {
        return info.device().availableInstancesNow(seam);
    }

    @Override
    public DeviceHealth health() {
        return health;
    }

    @Override
    public Map<String, String> attributes() {
        DeviceInfo i = info;
        Map<String, String> a = new LinkedHashMap<>();
        a.put("api", i.api().name());
        a.put("emulated", Boolean.toString(seam.emulated()));
        a.put("sva", i.device().sva() ? "yes" : "no");
        a.put("sqe.type", Integer.toString(i.api().sqeType()));
        a.put("mmio", Long.toString(i.device().mmioSize()));
        a.put("dus", Long.toString(i.device().dusSize()));
        a.put("chardev", i.charDevice().toString());
        if (i.isolated()) {
            a.put("skipped", "isolated by the kernel after hardware errors (isolate=1)");
        }
        return a;
    }

    @Override
    public Queue openQueue(Operation operation, QueueMode mode) {
        DeviceHealth h = health;
        if (h != DeviceHealth.ONLINE) {
            throw new WdException(WdStatus.DEVICE_ERROR, "device " + name() + " is " + h.name().toLowerCase()
                    + (h == DeviceHealth.ISOLATED ? " (the kernel isolated it after hardware errors)" : ""));
        }
        DeviceInfo i = info;
        ZipQueue q;
        try {
            q = ZipQueue.open(this, seam, i.device(), i.api(), operation, mode, settings.fallbackDepth(),
                    settings.maxSqeBytes(), log, queues::remove);
        } catch (WdException e) {
            if (e.status() == WdStatus.BUSY) {
                refusedBusy = true;
            }
            throw e;
        }
        queues.add(q);
        instancesSeen = Math.max(instancesSeen, availableInstances() + queues.size());
        if (!q.depthFromKernel() && !toldFallbackDepth) {
            toldFallbackDepth = true;
            log.info("hisi_zip device {}: the kernel does not answer SET_QP_INFO; queue depth {} assumed", name(),
                    q.sqDepth());
        }
        return q;
    }

    @Override
    public String toString() {
        return name();
    }
}
