package io.warpdrive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.stats.ConsumerUsage;
import io.warpdrive.stats.UsageStats;
import io.warpdrive.testing.data.TestFiles;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import javax.management.MBeanServer;
import javax.management.ObjectName;
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

/**
 * Accounting: per-consumer accounting is exact under concurrency across three consumer
 * bundles (each with its own bundle-scoped Compressor), and the JMX MBeans show the same
 * figures as the service.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccountingIT {
    private static final int THREADS_PER_CONSUMER = 3;
    private static final int REQUESTS_PER_THREAD = 300;

    @Inject
    private BundleContext context;

    @Inject
    private UsageStats stats;

    @Inject
    private Platform platform;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    @Test
    public void perConsumerTotalsEqualWhatEachBundleSubmittedAndJmxAgrees() throws Exception {
        assertTrue(platform.awaitQueue(Algorithm.GZIP, Operation.COMPRESS, FallbackPolicy.AUTO,
                Duration.ofSeconds(InFramework.TIMEOUT_S)));
        byte[] pool = TestFiles.file("xml");
        String[] names = { "com.example.pictures", "com.example.video", "com.example.backup" };
        ServiceReference<Compressor> ref = context.getServiceReference(Compressor.class);
        List<Thread> threads = new ArrayList<>();
        AtomicLong[] requests = new AtomicLong[names.length];
        AtomicLong[] bytesIn = new AtomicLong[names.length];
        AtomicLong[] bytesOut = new AtomicLong[names.length];
        for (int c = 0; c < names.length; c++) {
            Bundle consumer = ConsumerBundles.install(context, names[c], "1.2.3");
            Compressor compressor = consumer.getBundleContext().getService(ref);
            requests[c] = new AtomicLong();
            bytesIn[c] = new AtomicLong();
            bytesOut[c] = new AtomicLong();
            for (int t = 0; t < THREADS_PER_CONSUMER; t++) {
                final int ci = c;
                final long seed = c * 100L + t;
                Thread th = new Thread(() -> {
                    Random rnd = new Random(seed);
                    try (Session s = compressor.openSession(SessionSpec.of(Jdk.ALGORITHMS[ci]).withLevel(1))) {
                        for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                            int n = rnd.nextInt(32 * 1024);
                            int off = rnd.nextInt(pool.length - n);
                            ByteBuffer out = ByteBuffer.allocate(n + 1024);
                            int produced = s.compress(ByteBuffer.wrap(pool, off, n), out);
                            requests[ci].incrementAndGet();
                            bytesIn[ci].addAndGet(n);
                            bytesOut[ci].addAndGet(produced);
                        }
                    }
                });
                th.start();
                threads.add(th);
            }
        }
        for (Thread th : threads) {
            th.join(TimeUnit.SECONDS.toMillis(InFramework.TIMEOUT_S * 4));
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (int c = 0; c < names.length; c++) {
            ConsumerUsage u = usage(names[c]);
            assertNotNull(names[c], u);
            assertEquals(names[c] + " requests", requests[c].get(), u.total().requests());
            assertEquals(names[c] + " bytes in", bytesIn[c].get(), u.total().bytesIn());
            assertEquals(names[c] + " bytes out", bytesOut[c].get(), u.total().bytesOut());
            assertEquals(names[c] + " all in its algorithm", requests[c].get(),
                    u.of(Jdk.ALGORITHMS[c], Operation.COMPRESS).requests());
            assertEquals(u.total().requests(), u.hardwareRequests() + u.cpuRequests());
            assertTrue(names[c] + " CPU time charged", u.cpuNanos() > 0);
            // The MBean of the consumer reads the same numbers.
            ObjectName mbean = new ObjectName("io.warpdrive:type=Consumer,name=" + ObjectName.quote(names[c])
                    + ",version=" + ObjectName.quote("1.2.3"));
            awaitRegistered(server, mbean);
            assertEquals(u.total().requests(), server.getAttribute(mbean, "Requests"));
            assertEquals(u.total().bytesIn(), server.getAttribute(mbean, "BytesIn"));
            assertEquals(u.total().bytesOut(), server.getAttribute(mbean, "BytesOut"));
            assertEquals(u.hardwareShare(), (Double) server.getAttribute(mbean, "HardwareShare"), 0.0);
        }
        ObjectName platformBean = new ObjectName("io.warpdrive:type=Platform");
        assertEquals(platform.schedulers().get(0).name(), server.getAttribute(platformBean, "ActivePolicy"));
        assertEquals(platform.queues().size(), server.getAttribute(platformBean, "OpenQueues"));
        awaitRegistered(server, new ObjectName("io.warpdrive:type=Driver,name=" + ObjectName.quote("soft")));
        long driverRequests = 0;
        for (ObjectName driver : server.queryNames(new ObjectName("io.warpdrive:type=Driver,*"), null)) {
            driverRequests += (Long) server.getAttribute(driver, "Requests");
        }
        long expected = Arrays.stream(requests).mapToLong(AtomicLong::get).sum();
        assertTrue("the drivers (soft, or isal where libisal is installed) served at least the consumers' requests",
                driverRequests >= expected);
        // Reset through JMX: counters start again from zero.
        server.invoke(platformBean, "resetCounters", new Object[0], new String[0]);
        assertEquals(0, usage(names[0]).total().requests());
    }

    private ConsumerUsage usage(String name) {
        for (ConsumerUsage u : stats.consumers()) {
            if (u.name().equals(name)) {
                return u;
            }
        }
        return null;
    }

    private static void awaitRegistered(MBeanServer server, ObjectName name) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(InFramework.TIMEOUT_S);
        while (!server.isRegistered(name)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("MBean " + name + " not registered");
            }
            Thread.onSpinWait();
        }
    }
}
