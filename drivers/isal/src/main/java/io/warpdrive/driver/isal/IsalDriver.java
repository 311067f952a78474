package io.warpdrive.driver.isal;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.driver.isal.igzip.Igzip;
import io.warpdrive.driver.isal.igzip.IgzipLoader;
import io.warpdrive.driver.isal.igzip.IgzipSelfTest;
import io.warpdrive.driver.isal.igzip.IgzipUnavailableException;
import io.warpdrive.driver.isal.igzip.JnaIgzip;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceListener;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.StreamState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The isal driver: queues whose jobs the CPU runs with Intel ISA-L's igzip, which uses
 * the processor's vector instructions (calc type INSTR, like UADK's instruction drivers):
 * several times the speed of zlib at a similar ratio. Its priority sits between the
 * hardware drivers and the soft driver, so it serves what no accelerator takes.
 *
 * <p>libisal comes from the system. Without it (or if it fails the self-test) the driver
 * still registers, with no devices and {@link #unavailableReason()} saying why, and the
 * platform runs on the other drivers.
 */
@Component(service = Driver.class, configurationPid = IsalDriver.PID, property = "driver.name=" + IsalDriver.NAME)
@Designate(ocd = IsalConfig.class)
public final class IsalDriver implements Driver {
    public static final String PID = "io.warpdrive.driver.isal";
    public static final String NAME = "isal";

    /** Package-private so that tests start the driver outside a framework with their own logger. */
    @Reference(service = LoggerFactory.class)
    Logger logger;

    /** How libisal is loaded; tests substitute their own. */
    IgzipLoader loader = JnaIgzip.LOADER;

    private int priority;
    private IsalConfig active;
    private volatile String unavailable;
    private Igzip igzip;
    private LevelMap levels;
    private WorkerPool pool;
    private final List<IsalDevice> devices = new ArrayList<>();
    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<IsalStream> streams = ConcurrentHashMap.newKeySet();

    @Activate
    void activate(IsalConfig config) {
        active = config;
        priority = config.priority();
        levels = levels(config);
        igzip = open(config.library());
        if (igzip == null) {
            return;
        }
        int workers = workers(config);
        int deviceCount = Math.max(1, config.devices());
        int instances = Math.max(1, config.instances());
        int depth = Math.max(1, config.depth());
        long capacity = Math.min(1L << 30, (long) deviceCount * instances * depth);
        Igzip lib = igzip;
        LevelMap map = levels;
        pool = new WorkerPool(workers, (int) capacity, TimeUnit.MICROSECONDS.toNanos(config.worker_spin_us()),
                config.sync_on_caller(), () -> new IsalCodec(lib, map), logger::warn);
        for (int i = 0; i < deviceCount; i++) {
            devices.add(new IsalDevice(NAME + "-" + i, instances, depth, config.numa_node(), pool, lib.library(),
                    map.toString(), logger::warn));
        }
        pool.start();
        logger.info("isal driver: igzip from {}, {} device(s) × {} instances, depth {}, {} worker(s), levels 1-9 → {}",
                lib.library(), deviceCount, instances, depth, workers, map);
    }

    /** The loaded and self-tested library, or null (and the reason kept and logged). */
    private Igzip open(String library) {
        Igzip lib;
        try {
            lib = loader.load(library);
        } catch (IgzipUnavailableException e) {
            unavailable = e.getMessage();
            logger.info("isal driver unavailable: {}. Install ISA-L (Debian: apt-get install libisal2) for its "
                    + "speed; the other drivers serve meanwhile.", unavailable);
            return null;
        }
        try {
            IgzipSelfTest.run(lib);
        } catch (IgzipUnavailableException | WdException e) {
            unavailable = e.getMessage();
            logger.warn("isal driver unavailable: {}", unavailable);
            return null;
        }
        unavailable = null;
        return lib;
    }

    private LevelMap levels(IsalConfig config) {
        try {
            return LevelMap.parse(config.levels());
        } catch (IllegalArgumentException e) {
            logger.warn("isal driver: levels {}; using the default {}", e.getMessage(), LevelMap.DEFAULT);
            return LevelMap.defaults();
        }
    }

    private static int workers(IsalConfig config) {
        return config.workers() > 0 ? config.workers() : Runtime.getRuntime().availableProcessors();
    }

    /**
     * The worker count, spin and sync-on-caller apply live; the library, levels, devices,
     * instances, depth, priority and NUMA node when the driver restarts.
     */
    @Modified
    void modified(IsalConfig config) {
        if (pool != null) {
            pool.resize(workers(config), TimeUnit.MICROSECONDS.toNanos(config.worker_spin_us()),
                    config.sync_on_caller());
        }
        if (!config.library().equals(active.library()) || !config.levels().equals(active.levels())
                || config.devices() != active.devices() || config.instances() != active.instances()
                || config.depth() != active.depth() || config.priority() != active.priority()
                || config.numa_node() != active.numa_node()) {
            logger.warn("isal driver: library, levels, devices, instances, depth, priority and NUMA node changes "
                    + "apply when the driver restarts");
        } else if (pool != null) {
            logger.info("isal driver: {} worker(s)", workers(config));
        }
    }

    @Deactivate
    void deactivate() {
        for (IsalDevice d : devices) {
            d.remove();
        }
        devices.clear();
        if (pool != null) {
            pool.stop();
            pool = null;
        }
        for (IsalStream s : streams) {
            s.close();
        }
        streams.clear();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CalcType calcType() {
        return CalcType.INSTR;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public List<? extends Device> devices() {
        return List.copyOf(devices);
    }

    @Override
    public String unavailableReason() {
        return unavailable;
    }

    @Override
    public void addDeviceListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeDeviceListener(DeviceListener listener) {
        listeners.remove(listener);
    }

    /** igzip works on one flat buffer of native memory: the platform gathers lists and copies heap buffers. */
    @Override
    public boolean scatterGather() {
        return false;
    }

    @Override
    public boolean directMemoryOnly() {
        return true;
    }

    @Override
    public StreamState openStream(Algorithm algorithm, Operation operation, int level, WindowSize window) {
        Igzip lib = igzip;
        if (lib == null || pool == null) {
            throw new WdException(WdStatus.UNSUPPORTED, "the isal driver is unavailable: " + unavailable);
        }
        IsalStream s = new TrackedStream(lib, levels, algorithm, operation, level, window);
        streams.add(s);
        return s;
    }

    /** A stream whose native memory the driver frees when it stops, if its session did not. */
    private final class TrackedStream extends IsalStream {
        TrackedStream(Igzip igzip, LevelMap levels, Algorithm algorithm, Operation operation, int level,
                WindowSize window) {
            super(igzip, levels, algorithm, operation, level, window);
        }

        @Override
        public void close() {
            streams.remove(this);
            super.close();
        }
    }
}
