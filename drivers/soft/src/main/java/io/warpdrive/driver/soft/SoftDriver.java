package io.warpdrive.driver.soft;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.config.ConfigurationGuard;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceListener;
import io.warpdrive.lib.DeviceListeners;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.DriverInfo;
import io.warpdrive.lib.JobChecks;
import io.warpdrive.lib.StreamState;
import io.warpdrive.lib.cpu.CpuDevice;
import io.warpdrive.lib.cpu.CpuPoolSettings;
import io.warpdrive.lib.cpu.WorkerPool;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The software emulator driver: accelerator-like devices and queues whose jobs the CPU
 * runs with java.util.zip. Calc type SOFT and the lowest priority: it is the fallback
 * and what a machine without accelerators runs.
 */
@Component(service = Driver.class, configurationPid = SoftDriver.PID, property = "driver.name=" + SoftDriver.NAME)
@Designate(ocd = SoftConfig.class)
public final class SoftDriver implements Driver {
    public static final String PID = "io.warpdrive.driver.soft";
    public static final String NAME = "soft";

    @Reference(service = LoggerFactory.class)
    private Logger logger;

    /**
     * What the driver is: java.util.zip serves every algorithm, compresses with a 32 KiB
     * window only, takes scatter-gather lists as they are and heap or direct buffers, and
     * primes raw deflate streams with a preset dictionary ({@code Deflater.setDictionary}).
     */
    static final DriverInfo INFO = new DriverInfo(NAME, CalcType.SOFT, 0,
            EnumSet.of(Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP), Set.of(WindowSize.W32K), true, false,
            true);

    private volatile DriverInfo info = INFO;
    private WorkerPool pool;
    /** The settings the devices were made with. */
    private CpuPoolSettings active;
    private final ConfigurationGuard<SoftConfig> configuration =
            new ConfigurationGuard<>(SoftConfig.class, PID, m -> logger.warn(m), "driver.name");
    private final List<CpuDevice> devices = new ArrayList<>();
    private final DeviceListeners listeners =
            new DeviceListeners(e -> logger.warn("soft driver: a device listener failed: {}", e.toString()));
    private final Set<SoftStream> streams = ConcurrentHashMap.newKeySet();

    @Activate
    void activate(Map<String, Object> properties) {
        SoftConfig config = configuration.update(properties);
        CpuPoolSettings settings = settings(config);
        info = INFO.withPriority(settings.priority());
        pool = settings.newPool(NAME, SoftCodec::new, logger::warn);
        for (int i = 0; i < settings.devices(); i++) {
            devices.add(device(NAME + "-" + i, settings.instances(), settings.depth(), settings.numaNode(), pool));
        }
        pool.start();
        active = settings;
        logger.info("soft driver: {}", settings.describe());
    }

    static CpuPoolSettings settings(SoftConfig c) {
        return new CpuPoolSettings(c.devices(), c.instances(), c.depth(), c.workers(), c.worker_spin_us(),
                c.sync_on_caller(), c.priority(), c.numa_node());
    }

    /** A device of java.util.zip, whose compression window is always 32 KiB. */
    static CpuDevice device(String name, int instances, int depth, int numaNode, WorkerPool pool) {
        return new CpuDevice(name, instances, depth, numaNode, Set.of(WindowSize.W32K),
                Map.of("codec", "java.util.zip"), pool);
    }

    /**
     * Configuration changes: the worker count and spin apply live (issue 5's "CPU driver's
     * worker count"); devices, instances, depth, priority and NUMA node shape devices and
     * queues the platform holds, so they apply when the driver restarts.
     */
    @Modified
    void modified(Map<String, Object> properties) {
        CpuPoolSettings settings = settings(configuration.update(properties));
        settings.applyLive(pool);
        if (active.needsRestartFor(settings)) {
            logger.warn("soft driver: {}; {} worker(s) now", CpuPoolSettings.RESTART_NOTE, settings.workerThreads());
        } else {
            logger.info("soft driver: {} worker(s)", settings.workerThreads());
        }
    }

    /**
     * The driver started outside an OSGi framework as Declarative Services starts it — the
     * logger, then activation with these configuration properties — for the platform embedded
     * without a framework and for tests; {@link #reconfigure} and {@link #stop} follow it.
     */
    public static SoftDriver startOutsideFramework(Logger logger, Map<String, ?> properties) {
        SoftDriver driver = new SoftDriver();
        driver.logger = logger;
        driver.activate(new HashMap<>(properties));
        return driver;
    }

    /** A configuration change to a driver started outside a framework, as Configuration Admin delivers it. */
    public void reconfigure(Map<String, ?> properties) {
        modified(new HashMap<>(properties));
    }

    /** Stops a driver started outside a framework. */
    public void stop() {
        deactivate();
    }

    @Deactivate
    void deactivate() {
        for (CpuDevice d : devices) {
            d.remove();
        }
        pool.stop();
        for (SoftStream s : streams) {
            s.close();
        }
        streams.clear();
    }

    @Override
    public DriverInfo info() {
        return info;
    }

    @Override
    public List<? extends Device> devices() {
        return List.copyOf(devices);
    }

    @Override
    public void addDeviceListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeDeviceListener(DeviceListener listener) {
        listeners.remove(listener);
    }

    @Override
    public StreamState openStream(Algorithm algorithm, Operation operation, int level, WindowSize window) {
        return openStream(algorithm, operation, level, window, null);
    }

    @Override
    public StreamState openStream(Algorithm algorithm, Operation operation, int level, WindowSize window,
            ByteBuffer dictionary) {
        if (operation == Operation.COMPRESS) {
            JobChecks.checkCompressionWindow(INFO, window);
        }
        JobChecks.checkDictionary(INFO, algorithm, operation, dictionary);
        SoftStream s = new TrackedStream(algorithm, operation, level, window, dictionary);
        streams.add(s);
        return s;
    }

    /** A stream whose native state the driver ends when it stops, if its session did not. */
    private final class TrackedStream extends SoftStream {
        TrackedStream(Algorithm algorithm, Operation operation, int level, WindowSize window, ByteBuffer dictionary) {
            super(algorithm, operation, level, window, dictionary);
        }

        @Override
        public void close() {
            streams.remove(this);
            super.close();
        }
    }
}
