package io.warpdrive.driver.hisi_zip;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.config.ConfigurationGuard;
import io.warpdrive.driver.hisi_zip.emulator.Emulator;
import io.warpdrive.driver.hisi_zip.zip.ZipQueue;
import io.warpdrive.driver.hisi_zip.zip.ZipStream;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.Capability;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceListener;
import io.warpdrive.lib.DeviceListeners;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.DriverInfo;
import io.warpdrive.lib.JobChecks;
import io.warpdrive.lib.StreamState;
import io.warpdrive.uacce.DeviceScanner;
import io.warpdrive.uacce.LinuxSeam;
import io.warpdrive.uacce.SkippedDevice;
import io.warpdrive.uacce.UacceDevice;
import io.warpdrive.uacce.UacceSeam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The hardware driver: HiSilicon ZIP accelerators through the Linux UACCE interface, as
 * UADK's {@code hisi_zip} driver, calc type HW and a priority above every CPU driver. It
 * finds its devices in the uacce class directory (again on demand and on an interval,
 * telling the platform when devices appear, disappear, are isolated or free instances),
 * and its queues speak the QM ring protocol with hisi_zip SQEs in user space: no system
 * call on the data path.
 *
 * <p>With {@code emulator.devices} (or the framework property
 * {@value #EMULATE_PROPERTY}, which {@code warpdrive.jar --emulate N} sets) it starts
 * libwdemu's emulated devices instead and runs, unchanged above the system-call seam,
 * against them.
 */
// The component name and the configuration PID are those of the bundle this driver came from
// (io.warpdrive.driver.uacce), so users' configuration files and scripts keep working.
@Component(name = UacceDriver.COMPONENT_NAME, service = Driver.class, configurationPid = UacceDriver.PID,
        immediate = true, property = "driver.name=" + UacceDriver.NAME)
@Designate(ocd = UacceConfig.class)
public final class UacceDriver implements Driver {
    public static final String PID = "io.warpdrive.driver.uacce";
    /** The Declarative Services component name. */
    public static final String COMPONENT_NAME = "io.warpdrive.driver.uacce.UacceDriver";
    /** UADK's driver name for these devices (the device name without {@code -N}). */
    public static final String NAME = "hisi_zip";
    /** Framework property: the number of devices to emulate (overrides {@code emulator.devices}). */
    public static final String EMULATE_PROPERTY = "warpdrive.uacce.emulate";

    @Reference(service = LoggerFactory.class)
    private Logger logger;

    private final Object lock = new Object();
    private final Map<String, HisiZipDevice> devicesByName = new LinkedHashMap<>();
    private final Set<String> reported = new HashSet<>();
    private final DeviceListeners listeners =
            new DeviceListeners(e -> this.log.warn("hisi_zip driver: a device listener failed: {}", e.toString()));
    private final Set<ZipStream> streams = ConcurrentHashMap.newKeySet();
    private volatile List<HisiZipDevice> devices = List.of();
    private volatile List<SkippedDevice> skipped = List.of();
    private volatile boolean running;
    private Logger log;
    /**
     * What the driver is. One flat buffer per job: the platform gathers scatter-gather
     * lists into one. The device reads process addresses (SVA): in-flight buffers must be
     * direct and stay put. The hardware's window field takes every window (4 to 32 KiB).
     */
    static final DriverInfo INFO = new DriverInfo(NAME, CalcType.HW, 100,
            EnumSet.of(Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP, Algorithm.ZSTD, Algorithm.LZ4),
            EnumSet.allOf(WindowSize.class), false, true, capabilities());

    /**
     * The capability matrix: the deflate family both ways, stateless and stream, 8 MiB per SQE;
     * zstd (v3 devices' lz77_zstd) stateless compression only, 128 KiB per SQE; LZ4 (v3
     * devices' lz4) stateless compression only, one frame block of up to 4 MiB per SQE. Per device,
     * {@link HisiZipDevice#serves} narrows it to what the device lists.
     */
    private static List<Capability> capabilities() {
        List<Capability> rows = new ArrayList<>();
        for (Algorithm a : EnumSet.of(Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP)) {
            for (Operation op : Operation.values()) {
                rows.add(new Capability(a, op, true, true, ZipQueue.HARDWARE_MAX_SQE_BYTES));
            }
        }
        rows.add(new Capability(Algorithm.ZSTD, Operation.COMPRESS, true, false, ZipQueue.LZ77_ZSTD_MAX_SQE_BYTES));
        rows.add(new Capability(Algorithm.LZ4, Operation.COMPRESS, true, false, ZipQueue.LZ4_MAX_SQE_BYTES));
        return rows;
    }

    private volatile DriverInfo info = INFO;
    private QueueSettings settings;
    private UacceSeam seam;
    private DeviceScanner scanner;
    private EmulatorHost emulator;
    private ScheduledExecutorService rescanner;
    private final ConfigurationGuard<UacceConfig> configuration =
            new ConfigurationGuard<>(UacceConfig.class, PID, m -> log.warn(m), "driver.name");

    @Activate
    void activate(Map<String, Object> properties, BundleContext context) {
        start(properties, logger, context::getProperty);
    }

    /**
     * The driver started outside an OSGi framework as Declarative Services starts it — the
     * logger, then activation with these configuration properties (no framework properties) —
     * for the platform embedded without a framework and for tests; {@link #stop} ends it.
     */
    public static UacceDriver startOutsideFramework(Logger logger, Map<String, ?> properties) {
        UacceDriver driver = new UacceDriver();
        driver.start(properties, logger, name -> null);
        return driver;
    }

    /**
     * As {@link #startOutsideFramework}, on {@code devices} devices of the emulator embedded in
     * this bundle with libwdemu {@code options}, and no periodic rescan unless {@code properties}
     * asks for one.
     */
    public static UacceDriver startEmulated(Logger logger, int devices, String options, Map<String, ?> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("emulator.devices", devices);
        all.put("emulator.options", options);
        all.putIfAbsent("rescan.interval.ms", 0L);
        return startOutsideFramework(logger, all);
    }

    /** The most one SQE carries as configured: the driver splits larger requests. */
    public int maxSqeBytes() {
        return settings.maxSqeBytes();
    }

    /** Starts the driver (also used directly by tests outside a framework). */
    void start(Map<String, ?> properties, Logger logWith, Function<String, String> frameworkProperty) {
        log = logWith;
        UacceConfig config = configuration.update(properties);
        info = INFO.withPriority(config.priority());
        settings = new QueueSettings(config.queue_depth_fallback(),
                (int) Math.min(1L << 30, config.sqe_max_kb() * 1024L));
        int emulated = emulatedDevices(config, frameworkProperty);
        if (emulated > 0) {
            try {
                emulator = EmulatorHost.start(emulated, config.emulator_options());
                Emulator e = emulator.emulator();
                seam = e.seam();
                scanner = new DeviceScanner(seam, e.classDirectory(), e.deviceDirectory(), DeviceInfo::refusal);
                log.info("hisi_zip driver: {} emulated device(s) ({}) in {}", emulated, e.config(), e.root());
            } catch (WdException e) {
                log.error("hisi_zip driver: no devices, the emulator did not start: {}", e.detail());
            }
        } else {
            seam = new LinuxSeam();
            scanner = new DeviceScanner(seam, Path.of(config.class_dir()), Path.of(config.dev_dir()),
                    DeviceInfo::refusal);
        }
        running = true;
        rescan();
        long interval = config.rescan_interval_ms();
        if (scanner != null && interval > 0) {
            rescanner = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "wd-hisi_zip-rescan");
                t.setDaemon(true);
                return t;
            });
            rescanner.scheduleWithFixedDelay(this::rescanQuietly, interval, interval, TimeUnit.MILLISECONDS);
        }
        if (scanner != null && devices.isEmpty() && skipped.isEmpty()) {
            log.info("hisi_zip driver: no device in {} (no HiSilicon ZIP accelerator with uacce here)",
                    scanner.classDirectory());
        }
    }

    private int emulatedDevices(UacceConfig config, Function<String, String> frameworkProperty) {
        String value = frameworkProperty.apply(EMULATE_PROPERTY);
        if (value != null && !value.isBlank()) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                log.warn("hisi_zip driver: framework property {}='{}' is not a number; using emulator.devices={}",
                        EMULATE_PROPERTY, value, config.emulator_devices());
            }
        }
        return config.emulator_devices();
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    /**
     * Stops the driver: every queue is released (its jobs fail as QUEUE_CLOSED, so the
     * platform re-sends stateless ones), every stream's native context is freed, and the
     * emulator, if any, is stopped and its directory removed.
     */
    public void stop() {
        running = false;
        if (rescanner != null) {
            rescanner.shutdownNow();
            try {
                rescanner.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<HisiZipDevice> all;
        synchronized (lock) {
            all = new ArrayList<>(devicesByName.values());
            devicesByName.clear();
            devices = List.of();
        }
        for (HisiZipDevice d : all) {
            d.remove();
        }
        for (ZipStream s : streams) {
            s.close();
        }
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    private void rescanQuietly() {
        try {
            rescan();
        } catch (RuntimeException e) {
            log.error("hisi_zip driver: rescanning {} failed", scanner.classDirectory(), e);
        }
    }

    /**
     * Reads the class directory again: new devices are added, vanished ones removed (their
     * queues closed, their jobs re-sent by the platform), health and free instances updated.
     * Listeners hear of every change the platform acts on, including a device's free
     * instances going from 0 to more (queues that failed to open with EBUSY can open now).
     */
    public void rescan() {
        boolean changed = false;
        List<HisiZipDevice> removed = new ArrayList<>();
        synchronized (lock) {
            if (!running || scanner == null) {
                return;
            }
            DeviceScanner.Result r = scanner.scan();
            if (r.problem() != null && reported.add(r.problem())) {
                log.warn("hisi_zip driver: {}", r.problem());
            }
            Map<String, DeviceInfo> found = new LinkedHashMap<>();
            for (UacceDevice d : r.devices()) {
                found.put(d.name(), DeviceInfo.of(d));
            }
            for (Iterator<Map.Entry<String, HisiZipDevice>> it = devicesByName.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, HisiZipDevice> e = it.next();
                if (!found.containsKey(e.getKey())) {
                    it.remove();
                    removed.add(e.getValue());
                    changed = true;
                }
            }
            for (DeviceInfo info : found.values()) {
                changed |= track(info);
            }
            for (SkippedDevice s : r.skipped()) {
                if (reported.add(s.name() + ": " + s.reason())) {
                    log.info("hisi_zip driver: {} skipped: {}", s.name(), s.reason());
                }
            }
            devices = List.copyOf(devicesByName.values());
            skipped = List.copyOf(r.skipped());
        }
        for (HisiZipDevice d : removed) {
            log.warn("hisi_zip device {} disappeared; its {} queue(s) are closed and their jobs re-sent", d,
                    d.openQueues());
            d.remove();
        }
        if (changed) {
            fireDevicesChanged();
        }
    }

    /** Adds or updates one device (lock held); true when the platform should look again. */
    private boolean track(DeviceInfo info) {
        HisiZipDevice d = devicesByName.get(info.name());
        if (d == null) {
            devicesByName.put(info.name(), new HisiZipDevice(info, seam, settings, log));
            log.info("hisi_zip driver: device {} ({}, {}, NUMA node {}, {} free instances{})", info.name(),
                    info.api(), info.algorithms(), info.numaNode(), info.availableInstances(),
                    seam.emulated() ? ", emulated" : "");
            if (info.isolated()) {
                log.info("hisi_zip driver: device {} skipped: the kernel isolated it after hardware errors (isolate=1)",
                        info.name());
            }
            return true;
        }
        DeviceInfo old = d.info();
        d.update(info);
        boolean changed = false;
        if (old.isolated() != info.isolated()) {
            log.info(info.isolated()
                    ? "hisi_zip driver: device {} skipped: the kernel isolated it after hardware errors (isolate=1)"
                    : "hisi_zip driver: device {} is no longer isolated", info.name());
            changed = true;
        }
        // Free instances again where there were none, or where an open was refused: the
        // platform's queues that could not open (EBUSY) can open now.
        if (old.availableInstances() == 0 && info.availableInstances() > 0) {
            changed = true;
        }
        if (d.instanceFreedAfterRefusal()) {
            changed = true;
        }
        if (!old.algorithms().equals(info.algorithms()) || !old.api().name().equals(info.api().name())) {
            changed = true;
        }
        return changed;
    }

    private void fireDevicesChanged() {
        listeners.devicesChanged(this);
    }

    // ---- Driver --------------------------------------------------------------------------

    @Override
    public DriverInfo info() {
        return info;
    }

    @Override
    public List<? extends Device> devices() {
        return devices;
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
        if (!running) {
            throw new WdException(WdStatus.DRIVER_GONE, "the hisi_zip driver is stopped");
        }
        if (algorithm == null || operation == null || window == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "algorithm, operation and window are required");
        }
        if (!algorithm.isDeflateFamily()) {
            // the capability matrix lists no zstd or LZ4 stream: the engine never asks, this is a guard
            throw new WdException(WdStatus.UNSUPPORTED, "hisi_zip serves " + algorithm.uadkName()
                    + " as whole requests only, not as a stream");
        }
        if (operation == Operation.COMPRESS) {
            JobChecks.checkLevel(level);
        }
        List<HisiZipDevice> present = devices;
        if (present.isEmpty()) {
            // removed or isolated under a pick the platform made a moment earlier: a device fault
            throw new WdException(WdStatus.DEVICE_ERROR, "no hisi_zip device is present (removed or isolated)");
        }
        boolean served = false;
        for (HisiZipDevice d : present) {
            served |= d.algorithms().contains(algorithm);
        }
        if (!served) {
            throw new WdException(WdStatus.UNSUPPORTED, "no hisi_zip device serves " + algorithm.uadkName());
        }
        ZipStream s = new ZipStream(algorithm, operation, level, window, streams::remove);
        streams.add(s);
        return s;
    }

    // ---- for tests ----------------------------------------------------------------------

    /** What the last scan skipped, and why. */
    List<SkippedDevice> skippedDevices() {
        return skipped;
    }

    /** The emulator this driver runs on, or null on real hardware. */
    public Emulator emulator() {
        return emulator == null ? null : emulator.emulator();
    }

    /** Streams whose native context is allocated and not yet freed. */
    public int openStreams() {
        return streams.size();
    }

    /**
     * What the platform should have released by now and has not — queues still open at the
     * emulated device (libwdemu counts their fds), stream contexts still allocated — described,
     * or null when nothing is: a test's check for leaks before it stops the driver.
     */
    public String unreleased() {
        Emulator e = emulator();
        int queues = e == null ? 0 : e.liveQueues();
        int open = openStreams();
        if (queues != 0) {
            return queues + " queue(s) still open at the emulated device when the driver stopped";
        }
        return open == 0 ? null : open + " stream context(s) still allocated when the driver stopped";
    }

    @Override
    public String toString() {
        return "hisi_zip driver (" + devices.size() + " devices" + (seam != null && seam.emulated() ? ", emulated" : "")
                + ")";
    }
}
