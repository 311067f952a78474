package io.warpdrive.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
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
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.data.TestFiles;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * Bundles come and go under load: the soft driver stopped mid-load loses and duplicates
 * nothing (what was in flight fails with a clear status) and serves again when restarted;
 * with the scheduling policy bundle stopped, the built-in pick serves.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DriverChurnIT {
    private static final Set<WdStatus> DRIVER_WENT_AWAY = EnumSet.of(WdStatus.QUEUE_CLOSED, WdStatus.DRIVER_GONE,
            WdStatus.NO_DRIVER);

    @Inject
    private BundleContext context;

    @Inject
    private Compressor compressor;

    @Inject
    private Platform platform;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    private void awaitSoft() {
        assertTrue("the soft driver serves", platform.awaitQueue(Algorithm.GZIP, Operation.COMPRESS, FallbackPolicy.AUTO,
                Duration.ofSeconds(InFramework.TIMEOUT_S)));
    }

    @Test
    public void softDriverStoppedMidLoadLosesNothingAndServesAgainWhenRestarted() throws Exception {
        awaitSoft();
        // The CPU drivers (soft, and isal where libisal is installed): with them gone no driver is left.
        List<Bundle> cpu = InFramework.cpuDrivers(context);
        byte[] data = Arrays.copyOf(TestFiles.file("text"), 256 * 1024);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong submitted = new AtomicLong();
        AtomicLong succeeded = new AtomicLong();
        AtomicLong failedClearly = new AtomicLong();
        List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        Map<Object, AtomicInteger> completions = new ConcurrentHashMap<>();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            final boolean async = t % 2 == 0;
            Thread th = new Thread(() -> {
                try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1))) {
                    AtomicInteger inFlight = new AtomicInteger();
                    while (!stop.get()) {
                        Object id = new Object();
                        completions.put(id, new AtomicInteger());
                        submitted.incrementAndGet();
                        Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data))
                                .destination(ByteBuffer.allocate(data.length));
                        if (async) {
                            inFlight.incrementAndGet();
                            try {
                                s.submit(r, done -> {
                                    account(done, id, data, completions, succeeded, failedClearly, unexpected);
                                    inFlight.decrementAndGet();
                                });
                            } catch (WdException refused) {
                                inFlight.decrementAndGet();
                                classify(refused, id, completions, failedClearly, unexpected);
                            }
                            while (inFlight.get() > 8) {
                                Thread.onSpinWait();
                            }
                        } else {
                            try {
                                s.execute(r);
                                account(r, id, data, completions, succeeded, failedClearly, unexpected);
                            } catch (WdException e) {
                                classify(e, id, completions, failedClearly, unexpected);
                            }
                        }
                    }
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(InFramework.TIMEOUT_S);
                    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                }
            });
            th.start();
            clients.add(th);
        }
        awaitCount(succeeded, 20);
        InFramework.stop(cpu);
        long failedBefore = failedClearly.get();
        awaitCount(failedClearly, failedBefore + 10);
        InFramework.start(cpu);
        awaitSoft();
        long okAfter = succeeded.get();
        awaitCount(succeeded, okAfter + 20);
        stop.set(true);
        for (Thread th : clients) {
            th.join(TimeUnit.SECONDS.toMillis(InFramework.TIMEOUT_S * 2));
            assertFalse("client finished", th.isAlive());
        }
        assertTrue("unexpected outcomes: " + unexpected, unexpected.isEmpty());
        assertEquals("every request completed", submitted.get(), succeeded.get() + failedClearly.get());
        for (AtomicInteger n : completions.values()) {
            assertEquals("completed exactly once", 1, n.get());
        }
    }

    private static void account(Request r, Object id, byte[] data, Map<Object, AtomicInteger> completions,
            AtomicLong succeeded, AtomicLong failedClearly, List<String> unexpected) {
        completions.get(id).incrementAndGet();
        if (r.error() == null) {
            ByteBuffer out = r.destination().get(0);
            byte[] packed = new byte[(int) r.produced()];
            out.duplicate().flip().get(packed);
            if (!Arrays.equals(data, Jdk.decompress(Algorithm.GZIP, packed))) {
                unexpected.add("wrong output");
            }
            succeeded.incrementAndGet();
        } else if (DRIVER_WENT_AWAY.contains(r.status())) {
            failedClearly.incrementAndGet();
        } else {
            unexpected.add(r.error().getMessage());
        }
    }

    private static void classify(WdException e, Object id, Map<Object, AtomicInteger> completions,
            AtomicLong failedClearly, List<String> unexpected) {
        completions.get(id).incrementAndGet();
        if (DRIVER_WENT_AWAY.contains(e.status())) {
            failedClearly.incrementAndGet();
        } else {
            unexpected.add(e.getMessage());
        }
    }

    private static void awaitCount(AtomicLong counter, long atLeast) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(InFramework.TIMEOUT_S * 2);
        while (counter.get() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("counter stayed at " + counter.get() + ", expected " + atLeast);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    public void withThePolicyBundleStoppedTheBuiltInPickServes() throws Exception {
        awaitSoft();
        Bundle policy = InFramework.bundle(context, "io.warpdrive.sched.priority");
        assertNotNull(policy);
        byte[] data = "built-in pick ".repeat(1000).getBytes();
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.ZLIB))) {
            assertEquals("priority", platform.schedulers().get(0).name());
            policy.stop();
            assertTrue("no policy present", platform.schedulers().isEmpty());
            long before = platform.builtinPicks();
            for (int i = 0; i < 50; i++) {
                assertArrayEquals(data, s.decompress(s.compress(data)));
            }
            assertTrue("built-in picks counted", platform.builtinPicks() >= before + 100);
            policy.start();
            assertEquals("priority", platform.schedulers().get(0).name());
            assertTrue(platform.schedulers().get(0).active());
            long picks = platform.schedulers().get(0).picks();
            assertArrayEquals(data, s.decompress(s.compress(data)));
            assertTrue("the policy serves again", platform.schedulers().get(0).picks() >= picks + 2);
        }
    }

    @Test
    public void randomSizesIncludingEmptyRoundTrip() {
        awaitSoft();
        Random rnd = new Random(5);
        byte[] pool = TestFiles.file("xml");
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1))) {
            for (int i = 0; i < 50; i++) {
                int n = i == 0 ? 0 : rnd.nextInt(200_000);
                int off = rnd.nextInt(pool.length - n);
                byte[] data = Arrays.copyOfRange(pool, off, off + n);
                assertArrayEquals(data, Jdk.decompress(Algorithm.GZIP, s.compress(data)));
            }
        }
    }
}
