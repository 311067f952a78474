package io.warpdrive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.Driver;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.testing.kit.FakeDriver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * The scheduling-context hypervisor (sched-hypervisor) in Felix with the product:
 * contexts configured through Configuration Admin isolate their consumers — a consumer never
 * lands on another context's queue, also under saturation, whether it belongs to its context
 * by bundle name or by context tag; contexts resized again and again under load lose no
 * request; and swapping the hypervisor out (another policy made active, or its bundle gone)
 * gives every queue back to the default policy. Where each job lands is seen by a hardware
 * driver registered by the test, through the first byte of its data (the context's mark).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HypervisorIT {
    /** The name of the fixed-speed hardware fake (the test kit's FakeDriver) this test deploys. */
    private static final String FAKE_HW = "fakehw";

    private static final String BSN = "io.warpdrive.sched.hypervisor";
    private static final String CONTEXT_PID = "io.warpdrive.hypervisor.context";

    @Inject
    private BundleContext context;

    @Inject
    private Compressor compressor;

    @Inject
    private Platform platform;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private LogReaderService logReader;

    private final List<LogEntry> logged = new CopyOnWriteArrayList<>();
    private final LogListener listener = entry -> {
        if (entry.getBundle() != null && BSN.equals(entry.getBundle().getSymbolicName())) {
            logged.add(entry);
        }
    };
    private final List<org.osgi.service.cm.Configuration> configurations = new ArrayList<>();
    private Bundle hypervisor;
    private FakeDriver hardware;
    private ServiceRegistration<Driver> hardwareRegistration;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    @Before
    public void installTheHypervisor() throws Exception {
        logReader.addLogListener(listener);
        hypervisor = context.installBundle(PolicyJars.path(BSN).toUri().toString());
        hypervisor.start();
        awaitActive("hypervisor");
    }

    @After
    public void cleanUp() throws Exception {
        for (org.osgi.service.cm.Configuration c : configurations) {
            c.delete();
        }
        if (hypervisor.getState() != Bundle.UNINSTALLED) {
            hypervisor.uninstall();
        }
        for (String pid : new String[] { "io.warpdrive.engine", "io.warpdrive.sched.priority", BSN }) {
            org.osgi.service.cm.Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
            if (found != null) {
                for (org.osgi.service.cm.Configuration c : found) {
                    c.delete();
                }
            }
        }
        if (hardwareRegistration != null) {
            hardwareRegistration.unregister();
            hardware.shutdown();
        }
        awaitActive("priority");
        logReader.removeLogListener(listener);
        for (LogEntry e : logged) {
            assertTrue("logged with a stack trace: " + e.getMessage() + ": " + e.getException(), e.getException() == null);
            assertTrue("logged a warning: " + e.getMessage(), e.getLogLevel() != LogLevel.WARN
                    && e.getLogLevel() != LogLevel.ERROR);
        }
    }


    // ---- contexts isolate -------------------------------------------------------------------------

    @Test
    public void aConsumerNeverLandsOnAnotherContextsQueue() throws Exception {
        useHardwareOnly(6);
        Bundle batch = ConsumerBundles.install(context, "io.acme.batch", "1.0.0");
        try {
            addContext("left", Map.of("tags", new String[] { "left" }, "queues", 2, "min.queues", 2, "max.queues", 2));
            addContext("right", Map.of("tags", new String[] { "right" }, "queues", 2, "min.queues", 2, "max.queues", 2));
            addContext("batch", Map.of("consumers", new String[] { "io.acme.*" }, "queues", 2, "min.queues", 2,
                    "max.queues", 2));
            awaitLogged("contexts: batch (APPLICATION), left (APPLICATION), right (APPLICATION)");
            Map<Object, Set<Integer>> marks = recordMarks();
            Compressor batchCompressor = compressorOf(batch);
            List<Thread> load = new ArrayList<>();
            List<String> problems = new CopyOnWriteArrayList<>();
            load.addAll(markedLoad(compressor, "left", 1, 3, 300, problems));
            load.addAll(markedLoad(compressor, "right", 2, 3, 300, problems));
            load.addAll(markedLoad(batchCompressor, null, 3, 3, 300, problems));
            join(load);
            assertTrue("problems: " + problems, problems.isEmpty());
            assertEquals("every compress queue served: " + marks, 6, marks.size());
            Map<Integer, Integer> queuesPerMark = new HashMap<>();
            for (Set<Integer> m : marks.values()) {
                assertEquals("one context per queue: " + marks, 1, m.size());
                queuesPerMark.merge(m.iterator().next(), 1, Integer::sum);
            }
            assertEquals(Map.of(1, 2, 2, 2, 3, 2), queuesPerMark);
        } finally {
            batch.uninstall();
        }
    }

    // ---- resizes under load -------------------------------------------------------------------------

    // ---- resize strategies from other bundles ----------------------------------------------------------

    @Test
    public void aStrategyBundleDeployedAtRunTimeResizesTheContextsSelectingItAndAFaultyOneIsDemoted()
            throws Exception {
        setQueues("soft=4");
        awaitQueues("soft", 4);
        addContext("giver", Map.of("tags", new String[] { "giver" }, "queues", 3, "resize.interval.ms", 0L));
        addContext("taker", Map.of("tags", new String[] { "taker" }, "queues", 1, "resize.policy", "pair",
                "resize.interval.ms", 0L));
        addContext("broken", Map.of("tags", new String[] { "broken" }, "queues", 0, "min.queues", 0,
                "resize.policy", "faulty"));
        awaitLogged("contexts: broken (FAULTY), giver (APPLICATION), taker (PAIR)");
        assertEquals("nothing resizes before the strategies are present", 0, count("paired with"));
        Bundle strategies = StrategyBundles.install(context);
        try {
            awaitLogged("resize strategy PAIR offered");
            awaitLogged("context taker: compress 2 → 3 (paired with giver)");
            awaitLogged("resize strategy FAULTY demoted, its round undone: threw java.lang.IllegalStateException: "
                    + "faulty strategy fails on purpose");
            assertEquals("the faulty round was undone, its resize never logged", 0, count("never kept"));
            assertEquals("demoted once, then not asked again", 1, count("resize strategy FAULTY demoted"));
        } finally {
            strategies.uninstall();
        }
    }

    @Test
    public void contextsResizedAgainAndAgainUnderLoadLoseNothing() throws Exception {
        setQueues("soft=4");
        awaitQueues("soft", 4);
        addContext("x", Map.of("tags", new String[] { "x" }, "queues", 2, "resize.tags", new String[] { "1=1", "2=3" },
                "resize.interval.ms", 0L));
        addContext("y", Map.of("tags", new String[] { "y" }, "queues", 2, "resize.tags", new String[] { "1=3", "2=1" },
                "resize.interval.ms", 0L));
        awaitLogged("contexts: x (APPLICATION), y (APPLICATION)");
        Traffic x = new Traffic(compressor, 3, "x");
        Traffic y = new Traffic(compressor, 3, "y");
        int resizes;
        try (Session tagger = compressor.openSession(SessionSpec.of(Algorithm.GZIP))) {
            byte[] data = Bytes.sample("text", 4096);
            Request r = tagger.newRequest().operation(Operation.COMPRESS);
            for (int i = 0; i < 40; i++) {
                int tag = 1 + i % 2;
                long before = count("→");
                r.source(ByteBuffer.wrap(data)).destination(ByteBuffer.allocate(8192)).hypervisorTag(tag);
                tagger.execute(r);
                await("the resize of tag " + tag + " logged", () -> count("→") >= before + 2);
                x.awaitProgress(10);
                y.awaitProgress(10);
            }
            resizes = (int) count("→");
        } finally {
            x.close();
            y.close();
        }
        x.assertClean();
        y.assertClean();
        assertTrue("resized " + resizes + " times", resizes >= 80);
    }

    // ---- swapped out ------------------------------------------------------------------------------------

    @Test
    public void swappingTheHypervisorOutGivesEveryQueueBackToTheDefaultPolicy() throws Exception {
        useHardwareOnly(4);
        addContext("left", Map.of("tags", new String[] { "left" }, "queues", 1, "min.queues", 1, "max.queues", 1));
        addContext("right", Map.of("tags", new String[] { "right" }, "queues", 3));
        awaitLogged("contexts: left (APPLICATION), right (APPLICATION)");
        List<String> problems = new CopyOnWriteArrayList<>();

        Map<Object, Set<Integer>> marks = recordMarks();
        join(markedLoad(compressor, "left", 1, 3, 200, problems));
        assertEquals("confined to its one queue", 1, marks.size());

        platform.usePolicy("priority");
        awaitActive("priority");
        awaitLogged("hypervisor not the active policy");
        marks = recordMarks();
        join(markedLoad(compressor, "left", 1, 3, 200, problems));
        assertEquals("the default policy spreads it over every queue", 4, marks.size());

        platform.usePolicy("hypervisor");
        awaitActive("hypervisor");
        awaitLogged("hypervisor active");
        marks = recordMarks();
        join(markedLoad(compressor, "left", 1, 3, 200, problems));
        assertEquals("confined again", 1, marks.size());

        hypervisor.uninstall();
        awaitActive("priority");
        marks = recordMarks();
        join(markedLoad(compressor, "left", 1, 3, 200, problems));
        assertEquals("its bundle gone, every queue is the default policy's", 4, marks.size());
        assertTrue("problems: " + problems, problems.isEmpty());
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** A hardware driver with {@code queues} compress queues of depth 1 (and as many decompress ones), no CPU queues (soft, isal). */
    private void useHardwareOnly(int queues) throws Exception {
        // Configured first, with no calibration: this fake copies, its self-test would refuse it.
        setQueues(FAKE_HW + "=" + queues, "soft=0", "isal=0");
        InFramework.await("the engine configuration applied", () -> platform.queueCount(FAKE_HW, null,
                io.warpdrive.lib.QueueMode.SHARED) == queues);
        hardware = FakeDriver.fixedSpeedHardware(FAKE_HW, 2 * queues, TimeUnit.MILLISECONDS.toNanos(1));
        hardwareRegistration = context.registerService(Driver.class, hardware, null);
        awaitQueues(FAKE_HW, queues);
        awaitQueues("soft", 0);
        awaitQueues("isal", 0);
    }

    private void setQueues(String... entries) throws IOException {
        org.osgi.service.cm.Configuration engine = configAdmin.getConfiguration("io.warpdrive.engine", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("queues", entries);
        props.put("calibrate", false);
        props.put("verify.percent", 0.0); // nor compress-and-verify: the fake's output is not gzip
        engine.update(props);
    }

    private void awaitQueues(String driver, int compressQueues) {
        await(compressQueues + " compress queues of " + driver, () -> {
            QueueView v = platform.queues();
            int n = 0;
            for (int i = 0; i < v.size(); i++) {
                QueueInfo q = v.get(i);
                if (q.driver().equals(driver) && q.operation() == Operation.COMPRESS) {
                    n++;
                }
            }
            return n == compressQueues;
        });
    }

    private void addContext(String name, Map<String, Object> settings) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getFactoryConfiguration(CONTEXT_PID, name, "?");
        Dictionary<String, Object> props = new Hashtable<>(settings);
        props.put("name", name);
        c.update(props);
        configurations.add(c);
    }

    /** From now on, the marks (first data byte) of the compress jobs each hardware queue receives. */
    private Map<Object, Set<Integer>> recordMarks() {
        Map<Object, Set<Integer>> marks = new ConcurrentHashMap<>();
        hardware.onSend = (queue, job) -> {
            if (job.operation() == Operation.COMPRESS) {
                ByteBuffer b = job.source().get(0);
                marks.computeIfAbsent(queue, q -> ConcurrentHashMap.newKeySet()).add((int) b.get(b.position()));
            }
        };
        return marks;
    }

    /**
     * Threads of one context, each keeping 4 requests in flight (the queues have room for one
     * each: the rest waits), every request checked: completed once, OK, output = input (the
     * fake hardware copies).
     */
    private static List<Thread> markedLoad(Compressor c, String tag, int mark, int threads, int perThread,
            List<String> problems) {
        List<Thread> list = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                Semaphore window = new Semaphore(4);
                AtomicLong completed = new AtomicLong();
                Map<Integer, AtomicInteger> times = new ConcurrentHashMap<>();
                try (Session s = c.openSession(SessionSpec.of(Algorithm.GZIP).withContextTag(tag)
                        .withTimeout(Duration.ofSeconds(InFramework.TIMEOUT_S)))) {
                    for (int i = 0; i < perThread; i++) {
                        byte[] data = new byte[512];
                        Arrays.fill(data, (byte) i);
                        data[0] = (byte) mark;
                        ByteBuffer out = ByteBuffer.allocate(1024);
                        times.put(i, new AtomicInteger());
                        final int id = i;
                        window.acquireUninterruptibly();
                        s.submit(s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data))
                                .destination(out), r -> {
                                    if (times.get(id).incrementAndGet() != 1) {
                                        problems.add("request " + id + " completed twice");
                                    }
                                    if (r.status() != WdStatus.OK || !Arrays.equals(data,
                                            Arrays.copyOf(out.array(), out.position()))) {
                                        problems.add("request " + id + ": " + r.status() + " " + r.error());
                                    }
                                    completed.incrementAndGet();
                                    window.release();
                                });
                    }
                    window.acquireUninterruptibly(4);
                } catch (RuntimeException e) {
                    problems.add(tag + ": " + e);
                }
                if (completed.get() != perThread) {
                    problems.add(tag + ": " + completed.get() + " of " + perThread + " completed");
                }
            }, "load-" + tag + "-" + t);
            th.start();
            list.add(th);
        }
        return list;
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(InFramework.TIMEOUT_S * 4));
            assertTrue(t.getName() + " finished", !t.isAlive());
        }
    }

    /** The Compressor a made-up consumer bundle gets (bundle scope: the platform sees that bundle). */
    private static Compressor compressorOf(Bundle b) {
        BundleContext bc = b.getBundleContext();
        ServiceReference<Compressor> ref = bc.getServiceReference(Compressor.class);
        return bc.getService(ref);
    }

    private long count(String fragment) {
        return logged.stream().filter(e -> e.getMessage().contains(fragment)).count();
    }

    private void awaitLogged(String fragment) {
        await("the hypervisor logged '" + fragment + "' (logged: " + logged.stream().map(LogEntry::getMessage).toList()
                + ")", () -> count(fragment) > 0);
    }

    private void awaitActive(String name) {
        await("policy " + name + " active", () -> {
            List<SchedulerInfo> list = platform.schedulers();
            return !list.isEmpty() && list.get(0).active() && list.get(0).name().equals(name);
        });
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(InFramework.TIMEOUT_S);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
