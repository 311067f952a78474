package io.warpdrive.reliability.churn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.driver.hisi_zip.UacceDriver;
import io.warpdrive.driver.soft.SoftDriver;
import io.warpdrive.reliability.Figures;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.kit.ProcessResources;
import io.warpdrive.testing.platform.TestPlatform;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Stops and starts the core (the engine), the soft driver and the hisi_zip driver over a
 * fresh emulator, cycle after cycle, under light load (a thread round-tripping requests
 * through an AUTO session while the drivers go away under it), as their bundles stopping and
 * starting would. Nothing may leak: threads, open descriptors, the emulator's live queues, the
 * JVM's direct buffers (count and bytes: a closed queue's bounce buffers are freed at its close,
 * not by the collector) and the resident memory after a {@code malloc_trim} (with the heap fixed
 * and pre-touched, so that it measures native memory) are compared first cycle to last (mapped
 * regions are reported).
 *
 * <p>{@code warpdrive.churn.cycles} sets the number of cycles: 100 in {@code mvn verify},
 * 1000 for the long form (see the README's Reliability section). Figures go to
 * {@code target/churn-figures.txt}.
 */
class DriverAndCoreChurnTest {
    /** Growth allowed in counts, first cycle to last: lazily started JVM threads, a jar opened late. */
    private static final int SLACK = 3;
    /**
     * Direct buffers a cycle may leave for the collector: the drivers' and the calibration's own
     * small ones (freed when the collector runs), not the queues' bounce buffers.
     */
    private static final long DIRECT_BYTES_SLACK = 4L << 20;
    private static final long DIRECT_COUNT_SLACK = 16;
    /**
     * Resident memory growth allowed first cycle to last, with the heap fixed and touched from the
     * start (this module's surefire settings; else RSS is reported only): JIT code, metaspace.
     */
    private static final long NATIVE_RSS_SLACK_KIB = 64L << 10;
    private static final byte[] DATA = "churn churn churn of drivers and core, nothing lost ".repeat(200).getBytes();

    @Test
    void stoppingAndStartingDriversAndCoreLeaksNothing() throws Exception {
        int cycles = Integer.getInteger("warpdrive.churn.cycles", 100);
        ProcessResources first = null;
        long liveWhileBound = 0;
        AtomicLong served = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        for (int cycle = 0; cycle < cycles; cycle++) {
            liveWhileBound = Math.max(liveWhileBound, cycle(served, refused));
            if (cycle == 0) {
                first = ProcessResources.now();
            }
        }
        ProcessResources last = ProcessResources.now();
        Figures.report("churn-figures.txt", String.format("%d cycles (engine, soft, hisi_zip over a fresh emulator):"
                + " first %s; last %s; emulator live queues while bound %d, after each cycle 0; light load %d"
                + " requests served, %d refused with a typed error", cycles, first, last, liveWhileBound, served.get(),
                refused.get()));
        assertTrue(last.threads() <= first.threads() + SLACK, "threads grew: " + first + " -> " + last);
        assertTrue(last.fds() <= first.fds() + SLACK, "descriptors grew: " + first + " -> " + last);
        assertTrue(last.directBuffers() <= first.directBuffers() + DIRECT_COUNT_SLACK
                && last.directBytes() <= first.directBytes() + DIRECT_BYTES_SLACK,
                "direct buffers grew: " + first + " -> " + last);
        if (ProcessResources.heapPreTouched()) {
            assertTrue(last.rssKib() <= first.rssKib() + NATIVE_RSS_SLACK_KIB,
                    "resident memory grew: " + first + " -> " + last);
        }
        assertTrue(served.get() > 0, "the load was served");
    }

    /** One cycle; returns the emulator's live queues while both drivers were bound. */
    private static long cycle(AtomicLong served, AtomicLong refused) throws Exception {
        StartedDriver<SoftDriver> soft = TestDrivers.soft(Map.of("workers", 1));
        StartedDriver<UacceDriver> uacce = TestDrivers.emulatedHisiZip(1, "api=hisi_qm_v3;depth=64", Map.of());
        TestPlatform platform = TestPlatform.builder().queuesPerDevice(1).waitTimeout(Duration.ofSeconds(5)).build();
        long live;
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread load = null;
        try {
            platform.bind(soft.driver());
            platform.bind(uacce.driver());
            assertTrue(platform.platform().awaitQueue(Algorithm.GZIP, Operation.DECOMPRESS, FallbackPolicy.HARDWARE_ONLY,
                    Duration.ofSeconds(20)), "a hisi_zip queue");
            assertTrue(platform.platform().awaitQueue(Algorithm.GZIP, Operation.COMPRESS, FallbackPolicy.SOFTWARE_ONLY,
                    Duration.ofSeconds(20)), "a soft queue");
            Session session = platform.compressorFor("io.warpdrive.reliability.churn")
                    .openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1));
            AtomicLong mine = new AtomicLong();
            load = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        byte[] packed = session.compress(DATA);
                        if (!java.util.Arrays.equals(DATA, session.decompress(packed))) {
                            problems.add("a round trip came back different");
                        }
                        served.incrementAndGet();
                        mine.incrementAndGet();
                    } catch (WdException e) {
                        refused.incrementAndGet(); // a driver or the platform went away under it: typed, fine
                    } catch (RuntimeException e) {
                        problems.add("not a WdException: " + e);
                    }
                }
            }, "churn-load");
            load.start();
            TestPlatform.await("a few requests served", () -> mine.get() >= 3 || !problems.isEmpty());
            live = uacce.driver().emulator().liveQueues();
            platform.unbind(uacce.driver()); // the driver bundle stops under load
            TestPlatform.await("hisi_zip queues released", () -> uacce.driver().emulator().liveQueues() == 0);
            long before = mine.get();
            TestPlatform.await("served by soft alone", () -> mine.get() > before || !problems.isEmpty());
            platform.unbind(soft.driver());
        } finally {
            stop.set(true);
            if (load != null) {
                load.join(30_000);
                assertFalse(load.isAlive(), "the load thread is stuck");
            }
            platform.close(); // the core bundle stops
            uacce.close(); // fails if a queue is still open at the device
            soft.close();
        }
        assertTrue(problems.isEmpty(), problems.toString());
        assertTrue(live > 0, "queues were open at the device while bound");
        return live;
    }
}
