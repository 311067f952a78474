package io.warpdrive.core.engine.queue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceHealth;
import io.warpdrive.lib.DeviceListener;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.DriverInfo;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One driver as the engine uses it: its metadata read once, and the queues opened on its
 * devices. {@link #reconcile} makes the open queues match the configuration and the
 * devices' health: it opens what is missing (a device without a free instance is
 * normal) and drains what is surplus or on an unhealthy device.
 */
public final class DriverBinding implements DeviceListener {
    private final Engine engine;
    private final Driver driver;
    /** Levels whose ratio the driver honours, bit L for level L. */
    private volatile int honouredLevels;
    private final String name;
    private final CalcType calcType;
    private final int priority;
    private final boolean scatterGather;
    private final boolean directMemoryOnly;
    /** It writes zstd and LZ4 frames as a session's frame options ask ({@link Driver#honoursFrameOptions}). */
    private final boolean honoursFrameOptions;
    /** The version of the bundle the driver comes from (its models are dropped when it changes). */
    private final String version;
    private final List<EngineQueue> queues = new CopyOnWriteArrayList<>();
    private volatile boolean removed;
    /** The thread calibrating this driver's devices, or null: the driver must not go away under it. */
    private volatile Thread calibration;

    /** The driver's capability matrix as bits, see {@link #serves}. */
    private final int matrix;

    public DriverBinding(Engine engine, Driver driver) {
        this.engine = engine;
        this.driver = driver;
        this.name = driver.name();
        this.calcType = driver.calcType();
        this.priority = driver.priority();
        this.scatterGather = driver.scatterGather();
        this.directMemoryOnly = driver.directMemoryOnly();
        this.honoursFrameOptions = driver.honoursFrameOptions();
        this.honouredLevels = honouredLevels(driver);
        this.matrix = matrix(driver);
        org.osgi.framework.Bundle bundle = org.osgi.framework.FrameworkUtil.getBundle(driver.getClass());
        this.version = bundle == null ? "0" : bundle.getVersion().toString();
    }

    public Engine engine() {
        return engine;
    }

    public Driver driver() {
        return driver;
    }

    public String name() {
        return name;
    }

    public CalcType calcType() {
        return calcType;
    }

    public int priority() {
        return priority;
    }

    public boolean scatterGather() {
        return scatterGather;
    }

    public boolean directMemoryOnly() {
        return directMemoryOnly;
    }

    /** It writes zstd and LZ4 frames as a session's frame options ask ({@link Driver#honoursFrameOptions}). */
    public boolean honoursFrameOptions() {
        return honoursFrameOptions;
    }

    public String version() {
        return version;
    }

    /** The queues open on the driver's devices (a live list: queues come and go). */
    public List<EngineQueue> queues() {
        return queues;
    }

    /** A closed queue leaves the driver's list. */
    void forget(EngineQueue q) {
        queues.remove(q);
    }

    /** Whether the driver went away (its queues are closing; nothing new goes to it). */
    public boolean isRemoved() {
        return removed;
    }

    void markRemoved() {
        removed = true;
    }

    /** The thread calibrating this driver's devices, or null. */
    public Thread calibration() {
        return calibration;
    }

    void calibratedBy(Thread t) {
        calibration = t;
    }

    @Override
    public void devicesChanged(Driver d) {
        // A driver that serves anew may compress differently (isal's levels): ask again.
        honouredLevels = honouredLevels(driver);
        engine.lifecycle().reconcileLater(this);
    }

    private static int matrix(Driver driver) {
        DriverInfo info;
        try {
            info = driver.info();
        } catch (RuntimeException e) {
            return -1; // a driver that cannot say is taken to serve what its devices say
        }
        int bits = 0;
        for (Algorithm a : Algorithm.values()) {
            for (Operation op : Operation.values()) {
                for (int stream = 0; stream < 2; stream++) {
                    if (info.serves(a, op, stream == 1)) {
                        bits |= 1 << matrixBit(a, op, stream == 1);
                    }
                }
            }
        }
        return bits;
    }

    private static int matrixBit(Algorithm a, Operation op, boolean stream) {
        return (a.ordinal() * 2 + op.ordinal()) * 2 + (stream ? 1 : 0);
    }

    /** True when the driver's capability matrix lists the algorithm in that direction and mode. */
    public boolean serves(Algorithm a, Operation op, boolean stream) {
        return (matrix & (1 << matrixBit(a, op, stream))) != 0;
    }

    /** Bit L set: the driver's output at level L meets zlib's ratio at L ({@link Driver#ratioLevel}). */
    private static int honouredLevels(Driver driver) {
        int mask = 0;
        for (int level = SessionSpec.MIN_LEVEL; level <= SessionSpec.MAX_LEVEL; level++) {
            try {
                if (driver.ratioLevel(level) >= level) {
                    mask |= 1 << level;
                }
            } catch (RuntimeException e) {
                mask |= 1 << level; // a driver that cannot say is taken at its word, as before
            }
        }
        return mask;
    }

    /** True if the driver's output at {@code level} meets zlib's ratio at that level. */
    public boolean honoursLevel(int level) {
        return (honouredLevels & (1 << level)) != 0;
    }

    public int honouredLevels() {
        return honouredLevels;
    }

    /** @return true if queues were opened or started draining */
    public synchronized boolean reconcile(Settings settings) {
        if (removed) {
            return false;
        }
        List<? extends Device> devices;
        try {
            devices = driver.devices();
        } catch (RuntimeException e) {
            engine.log().error("driver " + name + ": devices() failed", e);
            return false;
        }
        boolean changed = false;
        for (EngineQueue q : queues) {
            if (q.state() == EngineQueue.OPEN && !q.isOnOneOf(devices)) {
                q.startDraining();
                changed = true;
            }
        }
        for (Device d : devices) {
            DeviceHealth health = safeHealth(d);
            for (EngineQueue q : queues) {
                if (q.isOn(d)) {
                    q.healthy(health == DeviceHealth.ONLINE);
                }
            }
            for (QueueMode mode : QueueMode.values()) {
                for (Operation op : Operation.values()) {
                    List<EngineQueue> open = openQueues(d, op, mode);
                    int want = health == DeviceHealth.ONLINE ? settings.queuesFor(name, d.name(), mode) : 0;
                    while (open.size() < want) {
                        EngineQueue q = open(d, op, mode, open.size(), want);
                        if (q == null) {
                            break;
                        }
                        open.add(q);
                        changed = true;
                    }
                    for (int i = open.size() - 1; i >= want; i--) {
                        open.get(i).startDraining();
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }

    private EngineQueue open(Device d, Operation op, QueueMode mode, int have, int want) {
        try {
            Queue raw = d.openQueue(op, mode);
            EngineQueue q = new EngineQueue(this, d, raw, engine.dispatcher(), -1);
            queues.add(q);
            engine.log().clear("busy:" + d.name() + ":" + op);
            return q;
        } catch (WdException e) {
            if (e.status() == WdStatus.BUSY) {
                engine.log().infoOnce("busy:" + d.name() + ":" + op, "device " + d.name() + " has no free instance: "
                        + have + " of " + want + " " + mode.name().toLowerCase() + " " + op.name().toLowerCase()
                        + " queues open");
            } else {
                engine.log().warnOnce("open:" + d.name() + ":" + op,
                        "device " + d.name() + ": opening a queue failed: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            engine.log().error("device " + d.name() + ": opening a queue failed", e);
        }
        return null;
    }

    /**
     * Opens a queue on {@code d} for one consumer alone (wd_request_queue); null when the
     * device has no free instance.
     */
    public synchronized EngineQueue openReserved(Device d, Operation op, long consumerId) {
        if (removed || safeHealth(d) != DeviceHealth.ONLINE) {
            return null;
        }
        try {
            EngineQueue q = new EngineQueue(this, d, d.openQueue(op, QueueMode.SHARED), engine.dispatcher(), consumerId);
            queues.add(q);
            return q;
        } catch (WdException e) {
            if (e.status() != WdStatus.BUSY) {
                engine.log().warn("device " + d.name() + ": reserving a queue failed: " + e.getMessage());
            }
            return null;
        } catch (RuntimeException e) {
            engine.log().error("device " + d.name() + ": reserving a queue failed", e);
            return null;
        }
    }

    /** The pool's (not reserved) queues open on a device in one direction and mode. */
    private List<EngineQueue> openQueues(Device d, Operation op, QueueMode mode) {
        List<EngineQueue> list = new ArrayList<>();
        for (EngineQueue q : queues) {
            if (q.isOn(d) && q.operation() == op && q.mode() == mode && q.state() == EngineQueue.OPEN
                    && !q.isReserved()) {
                list.add(q);
            }
        }
        return list;
    }

    private DeviceHealth safeHealth(Device d) {
        try {
            DeviceHealth h = d.health();
            return h == null ? DeviceHealth.REMOVED : h;
        } catch (RuntimeException e) {
            return DeviceHealth.REMOVED;
        }
    }

    @Override
    public String toString() {
        return "driver " + name + " (" + calcType + ", priority " + priority + ")";
    }
}
