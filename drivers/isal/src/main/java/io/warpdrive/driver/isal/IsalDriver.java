package io.warpdrive.driver.isal;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.config.ConfigurationGuard;
import io.warpdrive.driver.isal.igzip.Igzip;
import io.warpdrive.driver.isal.igzip.IgzipLoader;
import io.warpdrive.driver.isal.igzip.IgzipSelfTest;
import io.warpdrive.driver.isal.igzip.IgzipUnavailableException;
import io.warpdrive.driver.isal.igzip.JnaIgzip;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceListener;
import io.warpdrive.lib.DeviceListeners;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.DriverInfo;
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
import org.osgi.framework.BundleContext;
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
    /**
     * Framework (or system) property that overrides the configured {@code library}, read when
     * the driver starts: another path, or a name that does not exist to keep igzip off
     * ({@code java -Dwarpdrive.isal.library=none -jar warpdrive.jar}).
     */
    public static final String LIBRARY_PROPERTY = "warpdrive.isal.library";

    @Reference(service = LoggerFactory.class)
    private Logger logger;

    /** How libisal is loaded; tests substitute their own. */
    private IgzipLoader loader = JnaIgzip.LOADER;

    /**
     * What the driver is. igzip works on one flat buffer of native memory: the platform
     * gathers lists and copies heap buffers. It compresses with every window.
     */
    static final DriverInfo INFO = new DriverInfo(NAME, CalcType.INSTR, 50,
            EnumSet.of(Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP), EnumSet.allOf(WindowSize.class), false,
            true, true);

    private volatile DriverInfo info = INFO;
    private IsalConfig active;
    private final ConfigurationGuard<IsalConfig> configuration =
            new ConfigurationGuard<>(IsalConfig.class, PID, m -> logger.warn(m), "driver.name");
    /** {@link #LIBRARY_PROPERTY}, or null. */
    private String libraryOverride;
    /** What serves now: the library, workers and devices; replaced as a whole when the configuration changes. */
    private volatile Serving serving = Serving.NONE;
    private final DeviceListeners listeners =
            new DeviceListeners(e -> logger.warn("isal driver: a device listener failed: {}", e.toString()));
    private final Set<IsalStream> streams = ConcurrentHashMap.newKeySet();

    /** The library, levels, workers and devices of one configuration; or, without igzip, why not. */
    private static final class Serving {
        static final Serving NONE = new Serving(null, null, null, List.of(), "the isal driver is not started");

        final Igzip igzip;
        final LevelMap levels;
        final WorkerPool pool;
        final List<CpuDevice> devices;
        final String unavailable;

        Serving(Igzip igzip, LevelMap levels, WorkerPool pool, List<CpuDevice> devices, String unavailable) {
            this.igzip = igzip;
            this.levels = levels;
            this.pool = pool;
            this.devices = devices;
            this.unavailable = unavailable;
        }

        /** The devices go away (their queues close once their jobs are done), then the workers stop. */
        void stop() {
            for (CpuDevice d : devices) {
                d.remove();
            }
            if (pool != null) {
                pool.stop();
            }
        }
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        IsalConfig config = configurationOf(properties);
        String override = context == null ? null : context.getProperty(LIBRARY_PROPERTY);
        libraryOverride = override == null || override.isBlank() ? null : override.trim();
        active = config;
        info = INFO.withPriority(config.priority());
        serving = serve(config);
    }

    /** The configuration with only values that fit, levels included. */
    private IsalConfig configurationOf(Map<String, Object> properties) {
        IsalConfig config = configuration.update(properties);
        try {
            LevelMap.parse(config.levels());
            return config;
        } catch (IllegalArgumentException e) {
            return configuration.refuse("levels", e.getMessage());
        }
    }

    /** Loads and checks libisal and starts workers and devices on it; without it, the reason. */
    private Serving serve(IsalConfig config) {
        LevelMap levels = LevelMap.parse(config.levels());
        Igzip igzip;
        try {
            igzip = loader.load(libraryOverride != null ? libraryOverride : config.library());
        } catch (IgzipUnavailableException e) {
            logger.info("isal driver unavailable: {}. Install ISA-L (Debian: apt-get install libisal2) for its "
                    + "speed; the other drivers serve meanwhile.", e.getMessage());
            return new Serving(null, levels, null, List.of(), e.getMessage());
        }
        try {
            IgzipSelfTest.run(igzip);
        } catch (IgzipUnavailableException | WdException e) {
            logger.warn("isal driver unavailable: {}", e.getMessage());
            return new Serving(null, levels, null, List.of(), e.getMessage());
        }
        CpuPoolSettings settings = settings(config);
        int workers = settings.workerThreads();
        int deviceCount = config.devices();
        int instances = config.instances();
        int depth = config.depth();
        WorkerPool pool = settings.newPool(NAME, () -> new IsalCodec(igzip, levels), logger::warn);
        List<CpuDevice> devices = new ArrayList<>();
        for (int i = 0; i < deviceCount; i++) {
            // igzip compresses with every window, 4 to 32 KiB.
            devices.add(new CpuDevice(NAME + "-" + i, instances, depth, config.numa_node(),
                    EnumSet.allOf(WindowSize.class),
                    Map.of("codec", "igzip", "library", igzip.library(), "levels", levels.toString()), pool));
        }
        pool.start();
        logger.info("isal driver: igzip from {}, {} device(s) × {} instances, depth {}, {} worker(s), levels 1-9 → {}",
                igzip.library(), deviceCount, instances, depth, workers, levels);
        return new Serving(igzip, levels, pool, List.copyOf(devices), null);
    }

    /** What isal shares with every CPU driver's configuration (the library and levels are its own). */
    static CpuPoolSettings settings(IsalConfig c) {
        return new CpuPoolSettings(c.devices(), c.instances(), c.depth(), c.workers(), c.worker_spin_us(),
                c.sync_on_caller(), c.priority(), c.numa_node());
    }

    /**
     * Configuration changes. The worker count, spin and sync-on-caller apply live. The
     * library, levels, devices, instances, depth and NUMA node apply at once too, by serving
     * anew: the devices are replaced (the platform drains the old queues and opens new ones;
     * streams keep their state) — so a configuration that arrives after the driver started,
     * as a {@code conf/} file at boot can, takes effect. The priority, which the platform reads
     * when the driver registers, applies when the driver restarts.
     */
    @Modified
    void modified(Map<String, Object> properties) {
        IsalConfig config = configurationOf(properties);
        IsalConfig before = active;
        active = config;
        if (config.priority() != before.priority()) {
            logger.warn("isal driver: a priority change applies when the driver restarts");
        }
        if (!config.library().equals(before.library()) || !config.levels().equals(before.levels())
                || config.devices() != before.devices() || config.instances() != before.instances()
                || config.depth() != before.depth() || config.numa_node() != before.numa_node()) {
            Serving old = serving;
            serving = serve(config);
            old.stop();
            listeners.devicesChanged(this);
        } else if (serving.pool != null) {
            CpuPoolSettings settings = settings(config);
            settings.applyLive(serving.pool);
            logger.info("isal driver: {} worker(s)", settings.workerThreads());
        }
    }

    /**
     * The driver started outside an OSGi framework as Declarative Services starts it — the
     * logger, then activation with these configuration properties, on this machine's libisal —
     * for the platform embedded without a framework and for tests; {@link #reconfigure} and
     * {@link #stop} follow it.
     */
    public static IsalDriver startOutsideFramework(Logger logger, Map<String, ?> properties) {
        return startOutsideFramework(logger, properties, JnaIgzip.LOADER);
    }

    /** As {@link #startOutsideFramework(Logger, Map)}, with libisal loaded by {@code loader} (tests give their own). */
    static IsalDriver startOutsideFramework(Logger logger, Map<String, ?> properties, IgzipLoader loader) {
        IsalDriver driver = new IsalDriver();
        driver.logger = logger;
        driver.loader = loader;
        driver.activate(null, new HashMap<>(properties));
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
        Serving old = serving;
        serving = Serving.NONE;
        old.stop();
        for (IsalStream s : streams) {
            s.close();
        }
        streams.clear();
    }

    @Override
    public DriverInfo info() {
        return info;
    }

    /** igzip's best compares to zlib level 2: isal honours levels 1 and 2 ({@link LevelMap#ratioLevel}). */
    @Override
    public int ratioLevel(int level) {
        LevelMap levels = serving.levels;
        return levels == null ? level : levels.ratioLevel(level);
    }

    @Override
    public List<? extends Device> devices() {
        return serving.devices;
    }

    @Override
    public String unavailableReason() {
        return serving.unavailable;
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
        Serving now = serving;
        if (now.igzip == null) {
            throw new WdException(WdStatus.UNSUPPORTED, "the isal driver is unavailable: " + now.unavailable);
        }
        IsalStream s = new TrackedStream(now.igzip, now.levels, algorithm, operation, level, window, dictionary);
        streams.add(s);
        return s;
    }

    /** A stream whose native memory the driver frees when it stops, if its session did not. */
    private final class TrackedStream extends IsalStream {
        TrackedStream(Igzip igzip, LevelMap levels, Algorithm algorithm, Operation operation, int level,
                WindowSize window, ByteBuffer dictionary) {
            super(igzip, levels, algorithm, operation, level, window, dictionary);
        }

        @Override
        public void close() {
            streams.remove(this);
            super.close();
        }
    }
}
