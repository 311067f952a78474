package io.warpdrive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.lib.Driver;
import io.warpdrive.sched.QueueView;
import io.warpdrive.testing.kit.FakeDriver;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Contention: 64 hardware instances and 110 consumer threads issuing AUTO requests.
 * Every consumer makes progress, none waits for hardware while a CPU queue has room; then
 * HARDWARE_ONLY consumers join and are all served by hardware as instances free.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SaturationIT {
    /** The name of the fixed-speed hardware fake (the test kit's FakeDriver) this test deploys. */
    private static final String FAKE_HW = "fakehw";

    private static final int INSTANCES = 64;
    private static final int AUTO_CONSUMERS = 110;
    private static final int REQUESTS_EACH = 30;

    @Inject
    private BundleContext context;

    @Inject
    private Compressor compressor;

    @Inject
    private Platform platform;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    @Test
    public void autoNeverWaitsForHardwareAndHardwareOnlyIsServedByHardware() throws Exception {
        // All 64 instances as queues: 32 per direction. Hardware first, as the scheduler concerns have it: the
        // administrator's override of the pick by finish time (the CPU finishes these requests sooner
        // than this 2 ms device). No calibration: this fake copies, its self-test would refuse it.
        org.osgi.service.cm.Configuration engine = configAdmin.getConfiguration("io.warpdrive.engine", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("queues", new String[] { FAKE_HW + "=" + INSTANCES / 2 });
        props.put("pick", "PRIORITY");
        props.put("calibrate", false);
        props.put("verify.percent", 0.0); // nor compress-and-verify: the fake's output is not gzip
        engine.update(props);
        InFramework.await("the engine configuration applied",
                () -> platform.queueCount(FAKE_HW, null, io.warpdrive.lib.QueueMode.SHARED) == INSTANCES / 2);
        FakeDriver hw = FakeDriver.fixedSpeedHardware(FAKE_HW, INSTANCES, TimeUnit.MILLISECONDS.toNanos(2));
        ServiceRegistration<Driver> reg = context.registerService(Driver.class, hw, null);
        try {
            awaitHardwareQueues(INSTANCES);
            assertEquals(0, hw.devices.get(0).availableInstances());

            long waitsBefore = platform.capacityWaits();
            AtomicLong byHardware = new AtomicLong();
            AtomicLong byCpu = new AtomicLong();
            List<String> problems = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < AUTO_CONSUMERS; t++) {
                threads.add(consumer("picture-" + t, FallbackPolicy.AUTO, byHardware, byCpu, problems));
            }
            join(threads);
            assertTrue("problems: " + problems, problems.isEmpty());
            assertEquals("every consumer completed every request", AUTO_CONSUMERS * REQUESTS_EACH,
                    byHardware.get() + byCpu.get());
            assertTrue("hardware was used", byHardware.get() > 0);
            assertTrue("hardware saturated, the CPU took the rest", byCpu.get() > 0);
            assertEquals("no AUTO request waited for capacity", waitsBefore, platform.capacityWaits());

            // HARDWARE_ONLY consumers alongside AUTO ones: all theirs on hardware, none fails.
            AtomicLong hwOnlyOnHardware = new AtomicLong();
            AtomicLong hwOnlyElsewhere = new AtomicLong();
            threads.clear();
            for (int t = 0; t < 10; t++) {
                threads.add(consumer("video-" + t, FallbackPolicy.HARDWARE_ONLY, hwOnlyOnHardware, hwOnlyElsewhere,
                        problems));
            }
            for (int t = 0; t < AUTO_CONSUMERS; t++) {
                threads.add(consumer("picture-" + t, FallbackPolicy.AUTO, byHardware, byCpu, problems));
            }
            join(threads);
            assertTrue("problems: " + problems, problems.isEmpty());
            assertEquals(10 * REQUESTS_EACH, hwOnlyOnHardware.get());
            assertEquals(0, hwOnlyElsewhere.get());
        } finally {
            reg.unregister();
            hw.shutdown();
        }
    }

    private Thread consumer(String name, FallbackPolicy policy, AtomicLong onHardware, AtomicLong elsewhere,
            List<String> problems) {
        Thread t = new Thread(() -> {
            byte[] data = new byte[4096];
            try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP).withFallback(policy)
                    .withTimeout(Duration.ofSeconds(60)))) {
                for (int i = 0; i < REQUESTS_EACH; i++) {
                    Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data))
                            .destination(ByteBuffer.allocate(8192));
                    s.execute(r);
                    (r.servedByHardware() ? onHardware : elsewhere).incrementAndGet();
                }
            } catch (WdException e) {
                problems.add(name + ": " + e.getMessage());
            }
        }, name);
        t.start();
        return t;
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(120));
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " made no progress");
            }
        }
    }

    private void awaitHardwareQueues(int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(InFramework.TIMEOUT_S);
        while (true) {
            QueueView v = platform.queues();
            int count = 0;
            for (int i = 0; i < v.size(); i++) {
                if (v.get(i).driver().equals(FAKE_HW)) {
                    count++;
                }
            }
            if (count == n) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " hardware queues open, expected " + n);
            }
            Thread.onSpinWait();
        }
    }
}
