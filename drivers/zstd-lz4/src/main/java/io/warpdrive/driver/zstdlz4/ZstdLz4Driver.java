package io.warpdrive.driver.zstdlz4;

import com.github.luben.zstd.Zstd;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FrameOptions;
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
import io.warpdrive.lib.OutputDecoder;
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
 * The zstd-lz4 driver: accelerator-like devices and queues whose jobs CPU workers run with
 * zstd-jni (zstd) and lz4-java (LZ4 blocks, in frames of the shared
 * {@link io.warpdrive.lib.format.Lz4FrameWriter}). A bundle of its own rather than part of the
 * soft driver: its libraries are native
 * code in another bundle, which may fail to load on a platform it was not built for; the soft
 * driver, the fallback that must always work, then stays untouched, and this driver registers
 * as unavailable with the reason.
 */
@Component(service = Driver.class, configurationPid = ZstdLz4Driver.PID,
        property = "driver.name=" + ZstdLz4Driver.NAME)
@Designate(ocd = ZstdLz4Config.class)
public final class ZstdLz4Driver implements Driver, OutputDecoder {
    public static final String PID = "io.warpdrive.driver.zstdlz4";
    public static final String NAME = "zstd-lz4";
    /** What this driver is; the configured priority replaces its own at activation. */
    static final DriverInfo INFO = new DriverInfo(NAME, CalcType.SOFT, 0, EnumSet.of(Algorithm.ZSTD, Algorithm.LZ4),
            EnumSet.allOf(WindowSize.class), true, false);

    @Reference(service = LoggerFactory.class)
    private Logger logger;

    private volatile DriverInfo info = INFO;
    private WorkerPool pool;
    /** The settings the devices were made with. */
    private CpuPoolSettings active;
    private String unavailable;
    private final ConfigurationGuard<ZstdLz4Config> configuration =
            new ConfigurationGuard<>(ZstdLz4Config.class, PID, m -> logger.warn(m), "driver.name");
    private final List<CpuDevice> devices = new ArrayList<>();
    private final DeviceListeners listeners =
            new DeviceListeners(e -> logger.warn("zstd-lz4 driver: a device listener failed: {}", e.toString()));
    private final Set<ZstdStream> streams = ConcurrentHashMap.newKeySet();
    private final WholeOutputDecoder wholeOutputs = new WholeOutputDecoder();

    @Activate
    void activate(Map<String, Object> properties) {
        CpuPoolSettings settings = settings(configuration.update(properties));
        active = settings;
        info = INFO.withPriority(settings.priority());
        unavailable = loadFailure();
        if (unavailable != null) {
            logger.warn("zstd-lz4 driver unavailable: {}", unavailable);
            return;
        }
        pool = settings.newPool(NAME, ZstdLz4Codec::new, logger::warn);
        for (int i = 0; i < settings.devices(); i++) {
            devices.add(new CpuDevice(NAME + "-" + i, settings.instances(), settings.depth(), settings.numaNode(),
                    INFO.algorithms(), EnumSet.allOf(WindowSize.class), Map.of("codec", codecs()), pool));
        }
        pool.start();
        logger.info("zstd-lz4 driver: {}", settings.describe());
    }

    static CpuPoolSettings settings(ZstdLz4Config c) {
        return new CpuPoolSettings(c.devices(), c.instances(), c.depth(), c.workers(), c.worker_spin_us(),
                c.sync_on_caller(), c.priority(), c.numa_node());
    }

    /**
     * The libraries behind the devices, as {@code wd:devices} shows them: zstd-jni's version,
     * the lz4-java factory whose block compressors run (JNI or Java) and its XXH32.
     */
    static String codecs() {
        return "zstd-jni " + Zstd.class.getPackage().getImplementationVersion() + ", lz4-java " + Lz4Blocks.FACTORY
                + ", " + Lz4JavaContentHash.FACTORY;
    }

    /** Why zstd-jni's native library cannot be used here, or null when it works. */
    private static String loadFailure() {
        try {
            Zstd.defaultCompressionLevel();
            return null;
        } catch (LinkageError | RuntimeException e) {
            return "zstd-jni's native library does not load: " + e;
        }
    }

    /** The worker count and spin apply live; the rest shapes devices and queues, so it applies on restart. */
    @Modified
    void modified(Map<String, Object> properties) {
        CpuPoolSettings settings = settings(configuration.update(properties));
        if (pool == null) {
            return;
        }
        settings.applyLive(pool);
        if (active.needsRestartFor(settings)) {
            logger.warn("zstd-lz4 driver: {}; {} worker(s) now", CpuPoolSettings.RESTART_NOTE,
                    settings.workerThreads());
        }
    }

    /**
     * The driver started outside an OSGi framework as Declarative Services starts it — the
     * logger, then activation with these configuration properties — for the platform embedded
     * without a framework and for tests; {@link #stop} ends it.
     */
    public static ZstdLz4Driver startOutsideFramework(Logger logger, Map<String, ?> properties) {
        ZstdLz4Driver driver = new ZstdLz4Driver();
        driver.logger = logger;
        driver.activate(new HashMap<>(properties));
        return driver;
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
        if (pool != null) {
            pool.stop();
        }
        for (ZstdStream s : streams) {
            s.close();
        }
        streams.clear();
        wholeOutputs.close();
    }

    /** Compress-and-verify reads the hardware's zstd and LZ4 outputs with this driver's libraries. */
    @Override
    public boolean decodes(Algorithm algorithm) {
        return unavailable == null && INFO.algorithms().contains(algorithm);
    }

    @Override
    public int decode(Algorithm algorithm, byte[] src, int offset, int length, byte[] dst) {
        return wholeOutputs.decode(algorithm, src, offset, length, dst);
    }

    @Override
    public DriverInfo info() {
        return info;
    }

    @Override
    public String unavailableReason() {
        return unavailable;
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
        return openStream(algorithm, operation, level, window, null, FrameOptions.DEFAULT);
    }

    /** Frames as the session's options ask: zstd's window, content size and checksum; LZ4's checksum. */
    @Override
    public boolean honoursFrameOptions() {
        return true;
    }

    /** @throws WdException UNSUPPORTED for a dictionary (none is taken) or while unavailable */
    @Override
    public StreamState openStream(Algorithm algorithm, Operation operation, int level, WindowSize window,
            ByteBuffer dictionary, FrameOptions frame) {
        JobChecks.checkDictionary(INFO, algorithm, operation, dictionary);
        if (unavailable != null) {
            throw new WdException(WdStatus.UNSUPPORTED, "the zstd-lz4 driver is unavailable: " + unavailable);
        }
        JobChecks.checkKind(INFO, algorithm, operation);
        FrameOptions options = frame == null ? FrameOptions.DEFAULT : frame;
        if (algorithm == Algorithm.LZ4) {
            return new Lz4Stream(operation, level, options);
        }
        ZstdStream s = new TrackedStream(operation, level, options);
        streams.add(s);
        return s;
    }

    /** A stream whose native state the driver frees when it stops, if its session did not. */
    private final class TrackedStream extends ZstdStream {
        TrackedStream(Operation operation, int level, FrameOptions frame) {
            super(operation, level, frame);
        }

        @Override
        void release() {
            streams.remove(this);
            super.release();
        }
    }
}
