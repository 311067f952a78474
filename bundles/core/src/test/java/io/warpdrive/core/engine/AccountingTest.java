package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.session.CompressorImpl;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.stats.ConsumerUsage;
import io.warpdrive.stats.DeviceUsage;
import io.warpdrive.stats.QueueUsage;
import io.warpdrive.testing.kit.FakeDriver;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Accounting and queue counts: counters exact under concurrency; queue counts per mode applied live. */
class AccountingTest {

    @Test
    void perConsumerTotalsEqualWhatWasSubmittedAcrossThreeConsumers() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.completionMode = CompletionMode.POLL;
            hw.depth = 4;
            p.add(hw);
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            String[] names = { "app.a", "app.b", "app.c" };
            Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
            Map<String, AtomicLong> bytes = new ConcurrentHashMap<>();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < names.length; c++) {
                CompressorImpl compressor = CompressorImpl.of(p.engine, names[c], "1.0.0", 10 + c);
                String name = names[c];
                requests.put(name, new AtomicLong());
                bytes.put(name, new AtomicLong());
                for (int t = 0; t < 3; t++) {
                    final long seed = c * 10L + t;
                    Thread th = new Thread(() -> {
                        Random rnd = new Random(seed);
                        Session s = compressor.openSession(SessionSpec.of(Algorithm.values()[rnd.nextInt(3)]));
                        for (int i = 0; i < 2000; i++) {
                            int n = rnd.nextInt(2000);
                            Request r = s.newRequest().operation(rnd.nextBoolean() ? Operation.COMPRESS : Operation.DECOMPRESS)
                                    .source(ByteBuffer.allocate(n)).destination(ByteBuffer.allocate(n + 1));
                            s.execute(r);
                            requests.get(name).incrementAndGet();
                            bytes.get(name).addAndGet(n);
                        }
                    });
                    th.start();
                    threads.add(th);
                }
            }
            for (Thread th : threads) {
                th.join();
            }
            for (String name : names) {
                ConsumerUsage u = p.engine.usage().consumers().stream().filter(c -> c.name().equals(name)).findFirst()
                        .orElseThrow();
                assertEquals(requests.get(name).get(), u.total().requests(), name + " requests");
                assertEquals(bytes.get(name).get(), u.total().bytesIn(), name + " bytes in");
                assertEquals(bytes.get(name).get(), u.total().bytesOut(), name + " bytes out (identity codec)");
                assertEquals(u.total().requests(), u.hardwareRequests() + u.cpuRequests());
                long perCell = 0;
                for (Algorithm a : Algorithm.values()) {
                    for (Operation op : Operation.values()) {
                        perCell += u.of(a, op).requests();
                    }
                }
                assertEquals(u.total().requests(), perCell);
                assertTrue(u.serviceNanos() > 0);
                assertTrue(u.errors().isEmpty(), u.errors().toString());
            }
            // Queue and device counters add up to the same totals.
            long queueTotal = p.engine.usage().queues().stream().mapToLong(QueueUsage::requests).sum();
            long deviceTotal = p.engine.usage().devices().stream().mapToLong(DeviceUsage::requests).sum();
            long consumerTotal = requests.values().stream().mapToLong(AtomicLong::get).sum();
            assertEquals(consumerTotal, queueTotal);
            assertEquals(consumerTotal, deviceTotal);
        }
    }

    @Test
    void errorsAreCountedByStatusAndCountersSurviveDriverRestartsUntilReset() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver soft = p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            CompressorImpl c = CompressorImpl.of(p.engine, "app", "2.0", 5);
            Session s = c.openSession(SessionSpec.of(Algorithm.GZIP));
            s.compress(ByteBuffer.allocate(100), ByteBuffer.allocate(200));
            assertThrows(WdException.class, () -> s.compress(ByteBuffer.allocate(100), ByteBuffer.allocate(10)));
            assertThrows(WdException.class, () -> s.execute(s.newRequest()));
            ConsumerUsage u = only(p, "app");
            assertEquals(1, u.total().requests());
            assertEquals(Long.valueOf(1), u.errors().get(WdStatus.OUTPUT_TOO_SMALL));
            assertEquals(Long.valueOf(1), u.errors().get(WdStatus.INVALID_ARGUMENT));
            // The driver restarts: device counters keep what its closed queues did.
            p.remove(soft);
            p.engine.bindDriver(soft);
            s.compress(ByteBuffer.allocate(100), ByteBuffer.allocate(200));
            DeviceUsage d = p.engine.usage().devices().get(0);
            assertEquals(2, d.requests());
            assertEquals(2, only(p, "app").total().requests());
            p.engine.usage().reset();
            assertEquals(0, only(p, "app").total().requests());
            assertEquals(0, p.engine.usage().devices().get(0).requests());
            assertTrue(only(p, "app").errors().isEmpty());
        }
    }

    @Test
    void requestsThatFailedBecauseTheirDriverWentAwayCountAsFailedOnThatDriver() throws Exception {
        Settings.Builder noResume = new Settings.Builder();
        noResume.streamResumeInputLimit = 0;
        try (TestPlatform p = new TestPlatform(noResume.build())) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            CompressorImpl c = CompressorImpl.of(p.engine, "app", "1.0", 7);
            // A decompression stream that keeps no input to resume: it cannot move to another engine.
            io.warpdrive.comp.StreamSession stream = c.openStream(Operation.DECOMPRESS, SessionSpec.of(Algorithm.GZIP));
            stream.process(ByteBuffer.allocate(100), ByteBuffer.allocate(400), io.warpdrive.comp.Flush.NONE);
            hw.hold = true;
            Session pinned = c.openSession(SessionSpec.of(Algorithm.GZIP).withDriver("hw"));
            List<Request> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Request r = pinned.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.allocate(100))
                        .destination(ByteBuffer.allocate(400));
                pinned.submit(r, x -> { });
                held.add(r);
            }
            p.remove(hw); // the held jobs fail as their queues close; the stream cannot go on
            for (Request r : held) {
                TestPlatform.await("held request failed", r::isDone);
            }
            assertEquals(WdStatus.DRIVER_GONE, assertThrows(WdException.class, () -> stream.process(
                    ByteBuffer.allocate(100), ByteBuffer.allocate(400), io.warpdrive.comp.Flush.NONE)).status());
            long consumerErrors = only(p, "app").errors().values().stream().mapToLong(Long::longValue).sum();
            long driverFailed = p.engine.usage().drivers().stream().filter(d -> d.driver().equals("hw")).findFirst()
                    .orElseThrow().failed();
            assertTrue(consumerErrors >= 4, only(p, "app").errors().toString());
            assertEquals(consumerErrors, driverFailed, "every failed request of the consumer failed on hw");
        }
    }

    private static ConsumerUsage only(TestPlatform p, String name) {
        ConsumerUsage u = p.engine.usage().consumers().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElse(null);
        assertNotNull(u, name);
        return u;
    }

    @Test
    void queueCountsPerModeAreAppliedLiveAndSyncQueuesTakeOnlySyncRequests() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(0).build())) {
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            assertEquals(0, p.platform().queues().size());
            p.engine.reconfigure(new Settings.Builder().queuesDefault(0).queueCount("soft:sync=1").build());
            assertEquals(2, p.platform().queues().size());
            for (int i = 0; i < p.platform().queues().size(); i++) {
                assertEquals(QueueMode.SYNC, p.platform().queues().get(i).mode());
            }
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP)
                    .withBackpressure(io.warpdrive.comp.Backpressure.FAIL_FAST));
            s.compress(ByteBuffer.allocate(10), ByteBuffer.allocate(20));
            Request async = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.allocate(10))
                    .destination(ByteBuffer.allocate(20));
            assertEquals(WdStatus.NO_DRIVER, assertThrows(WdException.class, () -> s.submit(async, r -> { })).status());
            p.engine.reconfigure(new Settings.Builder().queuesDefault(0)
                    .queueCount("soft:sync=1").queueCount("soft/soft-0:async=2").build());
            assertEquals(6, p.platform().queues().size());
            s.submit(async).toCompletableFuture().get();
            assertThrows(IllegalArgumentException.class, () -> new Settings.Builder().queueCount("soft:fast=1"));
        }
    }

    @Test
    void settingQueueCountsIsValidated() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver soft = new FakeDriver("soft", CalcType.SOFT, 0);
            soft.instances = 8;
            p.add(soft);
            WdException unknown = assertThrows(WdException.class,
                    () -> p.platform().setQueueCount("nosuch", null, QueueMode.SHARED, 1));
            assertEquals(WdStatus.INVALID_ARGUMENT, unknown.status());
            assertTrue(unknown.getMessage().contains("unknown driver 'nosuch' (present: soft)"), unknown.getMessage());
            assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class,
                    () -> p.platform().setQueueCount("soft", "nope", QueueMode.SHARED, 1)).status());
            assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class,
                    () -> p.platform().setQueueCount("soft", null, QueueMode.SHARED, -1)).status());
            WdException tooMany = assertThrows(WdException.class,
                    () -> p.platform().setQueueCount("soft", "soft-0", QueueMode.SHARED, 5));
            assertTrue(tooMany.getMessage().contains("has 8 instances"), tooMany.getMessage());
            WdException noCm = assertThrows(WdException.class, () -> p.platform().setQueueCount("soft", null, QueueMode.SHARED, 3));
            assertEquals(WdStatus.UNSUPPORTED, noCm.status(), "no Configuration Admin outside a framework");
            assertEquals(2, p.platform().queueCount("soft", "soft-0", QueueMode.SHARED));
        }
    }
}
