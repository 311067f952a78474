package io.warpdrive.itests;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Compressor;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Driver;
import io.warpdrive.sched.QueueView;
import io.warpdrive.testing.kit.ProcessResources;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Bundle churn in the real framework: under light load ({@link ChurnLoad}), cycle after cycle,
 * the soft, isal and hisi_zip driver bundles (hisi_zip on two emulated devices, a fresh
 * emulator at every start) and the core bundle are stopped and started, each in turn. Each
 * stop must take that bundle's queues away (after the core stops, every emulated instance is
 * free again: the engine closed them all), each start must bring the configured queues back
 * and serve the load again. Nothing may leak: JVM threads and open descriptors are compared
 * first cycle to last (within {@link #SLACK}); OS threads, mapped regions and resident memory
 * are reported.
 *
 * <p>{@code warpdrive.itest.churn.cycles} sets the cycles (20 in {@code mvn verify}; the long
 * form in the README passes 1000). Figures go to {@code target/bundle-churn.txt}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundleChurnIT {
    private static final String SOFT = "io.warpdrive.driver.soft";
    private static final String ISAL = "io.warpdrive.driver.isal";
    private static final String HISI_ZIP = "io.warpdrive.driver.hisi_zip";
    private static final String ZSTD = "io.warpdrive.driver.zstdlz4";
    private static final String CORE = "io.warpdrive.core";
    /** Driver bundles and the names of the drivers they register. */
    private static final Map<String, String> DRIVERS = Map.of(SOFT, "soft", ISAL, "isal", HISI_ZIP, "hisi_zip", ZSTD,
            "zstd-lz4");

    private static final int EMULATED_DEVICES = 2;
    /** libwdemu's queue pairs per device unless configured otherwise. */
    private static final int EMULATED_INSTANCES = 64;
    /** The engine's queues per device and direction unless configured otherwise ({@code queues.default}). */
    private static final int QUEUES_PER_DIRECTION = 2;
    /** Growth allowed first cycle to last: lazily started JVM threads, a jar or a log opened late. */
    private static final int SLACK = 3;
    private static final int CONSUMERS = 3;
    /**
     * Classes loaded first cycle to last: warm-up (lambdas, late paths) took 116 over 600
     * cycles, then about 1 per 200; one leaked class loader of the core would add hundreds a cycle.
     */
    private static final int CLASS_SLACK = 1000;
    /**
     * System property: measure where non-heap memory goes ({@link JvmMemory}: classes,
     * metaspace, NIO buffers, NMT with {@code -XX:NativeMemoryTracking=summary}) every
     * {@code warpdrive.itest.churn.sample} cycles (25); off by default.
     */
    static final String MEASURE = "warpdrive.itest.churn.measure";
    /** A component class of each churned bundle, counted in the class histogram when measuring. */
    private static final List<String> MARKERS = List.of("io.warpdrive.driver.soft.SoftDriver",
            "io.warpdrive.driver.isal.IsalDriver", "io.warpdrive.driver.hisi_zip.UacceDriver",
            "io.warpdrive.driver.zstdlz4.ZstdLz4Driver",
            "io.warpdrive.core.engine.Engine");

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform(frameworkProperty("warpdrive.uacce.emulate").value(Integer.toString(
                EMULATED_DEVICES)));
    }

    @Test
    public void stoppingAndStartingEachDriverBundleAndTheCoreLeaksNothing() throws Exception {
        int cycles = Integer.getInteger("warpdrive.itest.churn.cycles", 20);
        boolean measure = Boolean.getBoolean(MEASURE);
        int sampleEvery = measure ? Integer.getInteger("warpdrive.itest.churn.sample", 25) : 100;
        JvmMemory firstMemory = null;
        JvmMemory lastMemory = null;
        ServiceTracker<Platform, Platform> platforms = new ServiceTracker<>(context, Platform.class, null);
        ServiceTracker<Compressor, Compressor> compressors = new ServiceTracker<>(context, Compressor.class, null);
        platforms.open();
        compressors.open();
        Map<String, Integer> configured = configuredQueues();
        List<String> samples = new ArrayList<>();
        ProcessResources first = null;
        ProcessResources last = null;
        int firstClasses = -1;
        int lastClasses = -1;
        long started = System.nanoTime();
        ChurnLoad load = new ChurnLoad(compressors);
        try {
            load.down("the platform starting");
            load.start(CONSUMERS);
            awaitSettled(platforms, configured, load);
            load.up();
            for (int cycle = 1; cycle <= cycles; cycle++) {
                for (String bundle : List.of(SOFT, ISAL, HISI_ZIP, ZSTD, CORE)) {
                    churn(bundle, platforms, configured, load);
                }
                if (cycle == 1 || cycle == cycles || cycle % sampleEvery == 0) {
                    last = ProcessResources.now();
                    lastClasses = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
                    firstClasses = firstClasses < 0 ? lastClasses : firstClasses;
                    String sample = "cycle " + cycle + ": " + last;
                    if (measure) {
                        Map<String, Long> instances = liveInstances(); // after a full GC
                        JvmMemory memory = JvmMemory.now();
                        // what of RSS the C allocator only keeps (free, not given back) and what is in use
                        String trimmed = JvmMemory.trimNativeHeap();
                        sample += "; heap used after a full GC " + (ManagementFactory.getMemoryMXBean()
                                .getHeapMemoryUsage().getUsed() >> 20) + " MiB; " + memory + "; live instances " + instances
                                + "; " + trimmed;
                        firstMemory = firstMemory == null ? memory : firstMemory;
                        lastMemory = memory;
                    }
                    samples.add(sample);
                    if (first == null) {
                        first = last;
                    }
                }
            }
        } finally {
            load.close();
            compressors.close();
            platforms.close();
        }
        assertTrue("problems under churn: " + load.problems(), load.problems().isEmpty());
        assertTrue("classes loaded first cycle to last: " + firstClasses + " to " + lastClasses
                + " (stopping and starting a bundle keeps its class loader; more means one leaked)",
                lastClasses <= firstClasses + CLASS_SLACK);
        ProcessResources firstCycle = first;
        // threads and descriptors that are released asynchronously get a bounded while to go
        Await.until(() -> "threads and descriptors back to the first cycle's " + firstCycle + ": now "
                + ProcessResources.now(), () -> {
                    ProcessResources now = ProcessResources.now();
                    return now.threads() <= firstCycle.threads() + SLACK && now.fds() <= firstCycle.fds() + SLACK;
                });
        ProcessResources settled = ProcessResources.now();
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        if (measure) {
            samples.add("NMT committed, first sample to last: " + JvmMemory.nmtGrowth(firstMemory, lastMemory, 1024));
            samples.add("heap used after a full GC: " + (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()
                    .getUsed() >> 20) + " MiB; C heap trimmed: " + JvmMemory.trimNativeHeap() + "; now "
                    + ProcessResources.now());
        }
        report(cycles, seconds, configured, first, last, settled, samples, load);
        assertTrue("the load was served", load.served() > 0);
    }

    /**
     * Live instances of one component class of each churned bundle after a full GC: a stopped
     * component something still holds would add one per cycle.
     */
    private static Map<String, Long> liveInstances() {
        Map<String, Long> instances = new LinkedHashMap<>();
        for (String marker : MARKERS) {
            instances.put(marker.substring(marker.lastIndexOf('.') + 1), JvmMemory.liveInstances(marker));
        }
        return instances;
    }

    /** Stops {@code bundle}, checks its queues went away, starts it, waits until all serves again. */
    private void churn(String name, ServiceTracker<Platform, Platform> platforms, Map<String, Integer> configured,
            ChurnLoad load) throws Exception {
        Bundle bundle = InFramework.bundle(context, name);
        assertNotNull(name, bundle);
        load.down(name);
        bundle.stop();
        if (name.equals(CORE)) {
            Await.until("no platform service after the core stopped", () -> platforms.getService() == null);
            // the engine closed every queue it had: the emulated devices have every instance free
            Await.until(() -> "every emulated instance free after the core stopped: " + availableInstances(),
                    () -> availableInstances().values().stream().allMatch(n -> n == EMULATED_INSTANCES));
        } else {
            String driver = DRIVERS.get(name);
            Await.until(() -> "no " + driver + " queue after its bundle stopped: " + queues(platforms),
                    () -> !queues(platforms).containsKey(driver));
            long before = load.served();
            Await.until("the load served by the other drivers while " + driver + " is away",
                    () -> load.served() > before + CONSUMERS || !load.problems().isEmpty());
        }
        bundle.start();
        awaitSettled(platforms, configured, load);
        load.up();
    }

    /**
     * The platform is there with every driver's configured queues open, each emulated device
     * lends the engine exactly those instances, and the load is served.
     */
    private void awaitSettled(ServiceTracker<Platform, Platform> platforms, Map<String, Integer> configured,
            ChurnLoad load) {
        Await.until(() -> "the configured queues " + configured + ", now " + queues(platforms),
                () -> configured.equals(queues(platforms)));
        int lent = 2 * QUEUES_PER_DIRECTION;
        Await.until(() -> "each emulated device lends " + lent + " instances: " + availableInstances(),
                () -> availableInstances().size() == EMULATED_DEVICES && availableInstances().values().stream()
                        .allMatch(n -> n == EMULATED_INSTANCES - lent));
        long before = load.served();
        Await.until("the load served again", () -> load.served() > before + CONSUMERS || !load.problems().isEmpty());
    }

    /** Each driver's open queues now, as the platform lists them (empty without a platform). */
    private static Map<String, Integer> queues(ServiceTracker<Platform, Platform> platforms) {
        Platform p = platforms.getService();
        Map<String, Integer> counts = new TreeMap<>();
        if (p == null) {
            return counts;
        }
        QueueView view = p.queues();
        for (int i = 0; i < view.size(); i++) {
            counts.merge(view.get(i).driver(), 1, Integer::sum);
        }
        return counts;
    }

    /** What each driver should have open: {@link #QUEUES_PER_DIRECTION} per device and direction. */
    private Map<String, Integer> configuredQueues() throws InvalidSyntaxException {
        Map<String, Integer> configured = new TreeMap<>();
        for (String driver : DRIVERS.values()) {
            Await.until(driver + " registered", () -> driverReference(driver) != null);
            withDriver(driver, d -> {
                assertTrue(driver + " is available: " + d.unavailableReason(), d.unavailableReason() == null);
                configured.put(driver, d.devices().size() * 2 * QUEUES_PER_DIRECTION);
            });
        }
        assertTrue("hisi_zip on " + EMULATED_DEVICES + " emulated devices: " + configured,
                configured.get("hisi_zip") == EMULATED_DEVICES * 2 * QUEUES_PER_DIRECTION);
        return configured;
    }

    /** {@code available_instances} of each emulated device, read now (empty while hisi_zip is away). */
    private Map<String, Integer> availableInstances() {
        Map<String, Integer> free = new LinkedHashMap<>();
        withDriver("hisi_zip", d -> {
            for (Device device : d.devices()) {
                free.put(device.name(), device.availableInstances());
            }
        });
        return free;
    }

    private interface DriverUse {
        void accept(Driver driver);
    }

    private void withDriver(String name, DriverUse use) {
        ServiceReference<Driver> ref = driverReference(name);
        Driver d = ref == null ? null : context.getService(ref);
        if (d == null) {
            return;
        }
        try {
            use.accept(d);
        } finally {
            context.ungetService(ref);
        }
    }

    private ServiceReference<Driver> driverReference(String name) {
        try {
            Collection<ServiceReference<Driver>> refs = context.getServiceReferences(Driver.class,
                    "(driver.name=" + name + ")");
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void report(int cycles, long seconds, Map<String, Integer> configured, ProcessResources first,
            ProcessResources last, ProcessResources settled, List<String> samples, ChurnLoad load)
            throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(String.format("BundleChurnIT: %d cycles in %d s, each stopping and starting %s, %s, %s (on %d"
                + " emulated devices, a fresh emulator at each start), %s and %s under light load (%d consumer threads,"
                + " AUTO sync and async round trips)%n", cycles, seconds, SOFT, ISAL, HISI_ZIP, EMULATED_DEVICES, ZSTD, CORE,
                CONSUMERS));
        text.append(String.format("queues open after every start: %s; each emulated device: %d of %d instances free"
                + " while the engine held its queues, %d after every core stop%n", configured,
                EMULATED_INSTANCES - 2 * QUEUES_PER_DIRECTION, EMULATED_INSTANCES, EMULATED_INSTANCES));
        text.append("first cycle: ").append(first).append('\n');
        text.append("last cycle:  ").append(last).append('\n');
        text.append("after the load stopped: ").append(settled).append('\n');
        for (String s : samples) {
            text.append("  ").append(s).append('\n');
        }
        text.append("load: ").append(load.summary()).append('\n');
        System.out.print(text);
        String file = System.getProperty("warpdrive.itest.churn.figures");
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        }
    }
}
