package io.warpdrive.driver.hisi_zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.driver.soft.SoftDriver;
import io.warpdrive.driver.hisi_zip.emulator.Emulator;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.testing.conformance.JdkZip;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.conformance.TestOutcome;
import io.warpdrive.testing.data.TestFiles;
import io.warpdrive.testing.platform.TestPlatform;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults of the emulated hardware under the real engine, with the soft driver present as
 * the CPU: a device error under AUTO is served by the CPU and under HARDWARE_ONLY is a
 * clear error; a stuck queue times out and is released and replaced; a device removed
 * with requests in flight loses none; with every instance taken AUTO work goes to the CPU
 * at once while HARDWARE_ONLY work waits and proceeds when an instance frees; the driver
 * stopping under load loses nothing and leaves no queue open.
 */
@ExtendWith(TestOutcome.class)
class UacceFaultTest {
    private UacceDriverUnderTest hardware;
    private StartedDriver<SoftDriver> cpu;
    private TestPlatform platform;
    private Compressor compressor;

    private void start(String emulatorOptions, Map<String, ?> driverConfig, TestPlatform.Builder settings,
            Runnable beforeBinding) {
        hardware = UacceDriverUnderTest.emulating(emulatorOptions.startsWith("devices=2") ? 2 : 1,
                emulatorOptions.replace("devices=2;", ""), driverConfig);
        cpu = StartedDriver.start(SoftDriver.NAME, log -> SoftDriver.startOutsideFramework(log, Map.of()),
                SoftDriver::stop);
        beforeBinding.run();
        platform = settings.build();
        platform.bind(cpu.driver());
        platform.bind(hardware.driver());
        compressor = platform.compressorFor("fault-test");
    }

    private void start(String emulatorOptions) {
        start(emulatorOptions, Map.of(), TestPlatform.builder().queuesPerDevice(2), () -> { });
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (platform != null) {
                platform.close();
            }
            if (hardware != null && hardware.emulator() != null && !TestOutcome.aborted()) {
                assertEquals(0, hardware.emulator().liveQueues(), "every queue released when the platform stopped");
            }
        } finally {
            if (hardware != null) {
                hardware.close();
            }
            if (cpu != null) {
                cpu.close();
            }
        }
    }

    private Emulator emulator() {
        return hardware.emulator();
    }

    private int hardwareQueues() {
        QueueView v = platform.platform().queues();
        int n = 0;
        for (int i = 0; i < v.size(); i++) {
            n += v.get(i).driver().equals(UacceDriver.NAME) ? 1 : 0;
        }
        return n;
    }

    private Set<Long> hardwareQueueIds(Operation op) {
        QueueView v = platform.platform().queues();
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < v.size(); i++) {
            QueueInfo q = v.get(i);
            if (q.driver().equals(UacceDriver.NAME) && q.operation() == op) {
                ids.add(q.id());
            }
        }
        return ids;
    }

    private static Request compressRequest(Session s, byte[] data) {
        return s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data))
                .destination(ByteBuffer.allocate(data.length + 1024));
    }

    private static void assertRestores(Request r, byte[] data) throws Exception {
        ByteBuffer out = r.destination().get(0);
        byte[] packed = new byte[(int) r.produced()];
        out.duplicate().flip().get(packed);
        assertArrayEquals(data, JdkZip.decompress(Algorithm.GZIP, packed));
    }

    @Test
    void aDeviceErrorUnderAutoIsServedByTheCpu() throws Exception {
        start("depth=64");
        byte[] data = TestFiles.sample("text", 100_000);
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP))) {
            Request warm = compressRequest(s, data);
            s.execute(warm);
            assertEquals(UacceDriver.NAME, warm.servedBy(), "hardware first");
            emulator().inject("hisi_zip-0", "error_status", 1);
            Request r = compressRequest(s, data);
            s.execute(r);
            assertEquals(WdStatus.OK, r.status());
            assertEquals("soft", r.servedBy(), "retried on the CPU after the device error");
            assertRestores(r, data);
            assertEquals(1, emulator().stat("hisi_zip-0", "errors"));
        }
    }

    @Test
    void aDeviceErrorUnderHardwareOnlyIsAClearError() throws Exception {
        start("depth=64");
        byte[] data = TestFiles.sample("xml", 50_000);
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP)
                .withFallback(FallbackPolicy.HARDWARE_ONLY))) {
            emulator().inject("hisi_zip-0", "error_status", 1);
            Request r = compressRequest(s, data);
            WdException e = assertThrows(WdException.class, () -> s.execute(r));
            assertEquals(WdStatus.DEVICE_ERROR, e.status());
            assertTrue(e.getMessage().contains("hardware error (hisi_zip status 0x1f)"), e.getMessage());
            assertTrue(e.getMessage().contains("hisi_zip-0"), e.getMessage());
            Request again = compressRequest(s, data);
            s.execute(again);
            assertEquals(UacceDriver.NAME, again.servedBy(), "the device serves again");
            assertRestores(again, data);
        }
    }

    @Test
    void aStuckQueueTimesOutAndIsReleasedAndReplaced() throws Exception {
        start("depth=64", Map.of(), TestPlatform.builder().queuesPerDevice(1).jobTimeout(Duration.ofMillis(300))
                .retries(20), () -> { });
        byte[] data = TestFiles.sample("rows", 80_000);
        Set<Long> before = hardwareQueueIds(Operation.COMPRESS);
        assertEquals(1, before.size());
        int liveBefore = emulator().liveQueues();
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP)
                .withFallback(FallbackPolicy.HARDWARE_ONLY))) {
            emulator().inject("hisi_zip-0", "stuck", 1);
            CompletableFuture<Request> done = s.submit(compressRequest(s, data)).toCompletableFuture();
            TestPlatform.await("the stuck queue released and replaced", () -> {
                Set<Long> now = hardwareQueueIds(Operation.COMPRESS);
                return !now.isEmpty() && !now.containsAll(before);
            }, Duration.ofSeconds(20));
            assertFalse(done.isDone(), "the device is still stuck");
            emulator().inject("hisi_zip-0", "stuck", 0);
            Request r = done.get(20, TimeUnit.SECONDS);
            assertEquals(WdStatus.OK, r.status());
            assertEquals(UacceDriver.NAME, r.servedBy(), "served by the replacement queue");
            assertRestores(r, data);
        }
        assertEquals(liveBefore, emulator().liveQueues(), "the replaced queue was released, not leaked");
    }

    @Test
    void withEveryDeviceGoneAStreamCannotStartAndSaysWhy() throws Exception {
        start("depth=64");
        emulator().inject("hisi_zip-0", "remove", 0);
        hardware.driver().rescan();
        WdException e = assertThrows(WdException.class, () -> hardware.driver().openStream(Algorithm.GZIP,
                Operation.COMPRESS, 6, io.warpdrive.comp.WindowSize.W32K));
        assertEquals(WdStatus.DEVICE_ERROR, e.status(), "a device fault, not an unsupported algorithm");
        assertTrue(e.getMessage().contains("no hisi_zip device is present"), e.getMessage());
        try (StreamSession st = compressor.openStream(Operation.COMPRESS, SessionSpec.of(Algorithm.GZIP))) {
            byte[] data = TestFiles.sample("xml", 10_000);
            ByteBuffer out = ByteBuffer.allocate(20_000);
            Request r = st.newRequest().source(ByteBuffer.wrap(data)).destination(out).flush(Flush.FINISH);
            st.execute(r);
            assertEquals("soft", r.servedBy(), "under AUTO the CPU starts the stream");
        }
    }

    @Test
    void aDeviceRemovedWithRequestsInFlightLosesNone() throws Exception {
        start("devices=2;depth=64;latency_ns=200000", Map.of("rescan.interval.ms", 50L),
                TestPlatform.builder().queuesPerDevice(2), () -> { });
        byte[] data = TestFiles.sample("text", 64 * 1024);
        int total = 400;
        AtomicInteger ok = new AtomicInteger();
        List<String> wrong = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger completions = new AtomicInteger();
        List<CompletableFuture<Request>> all = new ArrayList<>();
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1))) {
            for (int i = 0; i < total; i++) {
                if (i == total / 4) {
                    TestPlatform.await("requests in flight on hisi_zip-1",
                            () -> emulator().stat("hisi_zip-1", "completed") > 0);
                    emulator().inject("hisi_zip-1", "remove", 0);
                }
                CompletableFuture<Request> f = s.submit(compressRequest(s, data)).toCompletableFuture();
                all.add(f.whenComplete((r, t) -> {
                    completions.incrementAndGet();
                    if (t != null) {
                        wrong.add(t.toString());
                        return;
                    }
                    try {
                        assertRestores(r, data);
                        ok.incrementAndGet();
                    } catch (Throwable e) {
                        wrong.add("wrong bytes: " + e);
                    }
                }));
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        }
        assertTrue(wrong.isEmpty(), () -> "lost or wrong: " + wrong);
        assertEquals(total, ok.get());
        assertEquals(total, completions.get(), "each exactly once");
        TestPlatform.await("the rescan noticed the removal",
                () -> hardware.driver().devices().stream().noneMatch(d -> d.name().equals("hisi_zip-1")));
        assertTrue(hardware.log().messages("warn").stream().anyMatch(m -> m.contains("hisi_zip-1 disappeared")));
    }

    @Test
    void withEveryInstanceTakenAutoGoesToTheCpuAndHardwareOnlyWaitsForAFreeInstance() throws Exception {
        List<Integer> taken = new ArrayList<>();
        start("depth=64", Map.of("rescan.interval.ms", 50L), TestPlatform.builder().queuesPerDevice(1)
                .waitTimeout(Duration.ofSeconds(30)), () -> {
                    // another process holds all 64 queue pairs of the device
                    HisiZipDevice d = (HisiZipDevice) hardware.driver().devices().get(0);
                    String path = d.info().charDevice().toString();
                    for (int i = 0; i < 64; i++) {
                        int fd = emulator().seam().open(path);
                        assertTrue(fd >= 0, "fd " + fd);
                        taken.add(fd);
                    }
                    assertEquals(0, d.availableInstances());
                });
        try {
            assertEquals(0, hardwareQueues(), "no instance: no hardware queue");
            byte[] data = TestFiles.sample("binary", 60_000);
            try (Session auto = compressor.openSession(SessionSpec.of(Algorithm.GZIP));
                    Session hwOnly = compressor.openSession(SessionSpec.of(Algorithm.GZIP)
                            .withFallback(FallbackPolicy.HARDWARE_ONLY))) {
                Request r = compressRequest(auto, data);
                auto.execute(r);
                assertEquals("soft", r.servedBy(), "AUTO does not wait for hardware");
                assertRestores(r, data);

                // a sync HARDWARE_ONLY caller on its own thread: it waits in line for hardware
                Request hw = compressRequest(hwOnly, data);
                CompletableFuture<Request> waiting = CompletableFuture.supplyAsync(() -> {
                    hwOnly.execute(hw);
                    return hw;
                });
                TestPlatform.await("the HARDWARE_ONLY request waits in line", () -> platform.waitingForCapacity() == 1);
                assertFalse(waiting.isDone(), "HARDWARE_ONLY waits: no hardware queue exists");
                assertEquals(0, emulator().seam().close(taken.remove(0)), "an instance frees");
                Request served;
                try {
                    served = waiting.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    throw new AssertionError("the HARDWARE_ONLY request did not get hardware (" + e + "); free instances "
                            + hardware.driver().devices().get(0).availableInstances() + platform.describe(), e);
                }
                assertEquals(UacceDriver.NAME, served.servedBy());
                assertRestores(served, data);
            }
            assertTrue(hardware.log().loud().isEmpty(), () -> "EBUSY is not worth a warning: " + hardware.log().loud());
        } finally {
            for (int fd : taken) {
                emulator().seam().close(fd);
            }
        }
    }

    @Test
    void theDriverGoingAwayUnderLoadReleasesEveryQueueAndLosesNothing() throws Exception {
        start("devices=2;depth=64;latency_ns=100000");
        Emulator e = emulator();
        int total = underLoad(() -> {
            platform.unbind(hardware.driver()); // its service goes away: the platform closes its queues
            assertEquals(0, e.liveQueues(), "every queue pair released: PUT_Q, unmap, close");
        });
        assertEquals(300, total);
    }

    @Test
    void theDriverStoppingWhileItsQueuesAreInUseLosesNothing() throws Exception {
        start("devices=2;depth=64;latency_ns=100000");
        int total = underLoad(() -> hardware.driver().stop()); // its bundle stops while requests are in flight
        assertEquals(300, total);
        assertTrue(hardware.driver().devices().isEmpty());
        hardware = null; // stopped already, its emulator with it
    }

    /** 300 async AUTO requests; {@code fault} happens while a third are sent; returns the ones that succeeded. */
    private int underLoad(Runnable fault) throws Exception {
        byte[] data = TestFiles.sample("xml", 32 * 1024);
        int total = 300;
        List<CompletableFuture<Request>> all = new ArrayList<>();
        AtomicInteger ok = new AtomicInteger();
        Emulator e = emulator();
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1))) {
            for (int i = 0; i < total; i++) {
                if (i == total / 3) {
                    TestPlatform.await("hardware busy", () -> e.stat("hisi_zip-0", "completed") > 0);
                    fault.run();
                }
                all.add(s.submit(compressRequest(s, data)).toCompletableFuture().thenApply(r -> {
                    try {
                        assertRestores(r, data);
                        ok.incrementAndGet();
                    } catch (Exception x) {
                        throw new AssertionError(x);
                    }
                    return r;
                }));
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        }
        return ok.get();
    }
}
