package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Backpressure;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.session.AbstractSession;
import io.warpdrive.core.engine.session.CompressorImpl;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.lib.DeviceHealth;
import io.warpdrive.testing.kit.FakeDriver;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EngineTest {
    private static final byte[] DATA = "the quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);

    private static ByteBuffer out(int n) {
        return ByteBuffer.allocate(n);
    }

    @Test
    void duringTheStartupGraceARequestWaitsForAFirstDriverInsteadOfFailing() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            CompletableFuture<Request> served = CompletableFuture.supplyAsync(() -> {
                Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                        .destination(out(100));
                s.execute(r);
                return r;
            });
            TestPlatform.await("the request waits for a driver", () -> p.engine.line().waiting() == 1);
            Session failFast = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP)
                    .withBackpressure(Backpressure.FAIL_FAST));
            assertEquals(WdStatus.NO_DRIVER, assertThrows(WdException.class, () -> compressOnce(failFast)).status(),
                    "a caller that does not wait fails at once");
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            Request r = served.get(30, TimeUnit.SECONDS);
            assertEquals(WdStatus.OK, r.status());
            assertEquals("soft", r.servedBy());
        }
    }

    @Test
    void withoutAStartupGraceOrOnceADriverWasSeenNoDriverFailsAtOnce() throws Exception {
        Settings.Builder noGrace = new Settings.Builder();
        noGrace.startupGraceNanos = 0;
        try (TestPlatform p = new TestPlatform(noGrace.build())) {
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            assertEquals(WdStatus.NO_DRIVER, assertThrows(WdException.class, () -> compressOnce(s)).status());
        }
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver soft = p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            p.remove(soft);
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            assertEquals(WdStatus.NO_DRIVER, assertThrows(WdException.class, () -> compressOnce(s)).status());
            assertEquals(0, p.platform().capacityWaits());
        }
    }

    @Test
    void overrunsWhileAPolicyWarmsUpAreForgivenThenCountedUntilItIsDemoted() throws Exception {
        Settings.Builder tight = new Settings.Builder();
        tight.schedulerBudgetNanos = 1; // every pick overruns
        try (TestPlatform p = new TestPlatform(tight.build())) {
            java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
            p.engine.log().use(RecordingLogger.keeping("warn", warnings));
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            p.addScheduler(new EngineRaceTest.FirstFitScheduler("slow"), 100);
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            for (int i = 0; i < 500; i++) {
                compressOnce(s);
            }
            io.warpdrive.admin.SchedulerInfo slow = p.platform().schedulers().get(0);
            assertEquals("slow", slow.name());
            assertEquals(0, slow.faults(), "overruns of a policy still warming up are not faults");
            assertEquals(500, slow.picks());
            for (int i = 0; i < 10_000 && !slow.demoted(); i++) {
                compressOnce(s);
            }
            assertTrue(slow.demoted(), "demoted once warm and still over budget (one pick in 8 is timed)");
            assertEquals(16, slow.faults());
            assertTrue(slow.picks() >= 1000, "picks " + slow.picks());
            // One overrun alone is mostly the host preempting the picking thread: the warning waits for three in a row.
            java.util.List<String> overruns = warnings.stream().filter(w -> w.contains("in a row over budget")).toList();
            assertEquals(1, overruns.size(), "warnings: " + warnings);
            assertTrue(overruns.get(0).contains(": 3 timed picks in a row"), overruns.get(0));
        }
    }

    @Test
    void aQueueThatFilledSinceThePolicyReadItIsARaceNotAFault() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(1).build())) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.depth = 1;
            p.add(hw);
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            // As if every pick read the hardware queue just before another thread took its last slot.
            p.addScheduler(new io.warpdrive.sched.Scheduler() {
                @Override
                public String name() {
                    return "stale";
                }

                @Override
                public io.warpdrive.sched.QueueInfo pick(io.warpdrive.sched.SchedKey key, io.warpdrive.sched.QueueView view) {
                    for (int i = 0; i < view.size(); i++) {
                        if (view.get(i).calcType() == CalcType.HW && view.get(i).operation() == key.operation()) {
                            return view.get(i);
                        }
                    }
                    return null;
                }
            }, 100);
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            hw.hold = true;
            s.submit(s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(100)),
                    x -> { });
            TestPlatform.await("the hardware queue full", () -> hw.held.size() == 1);
            for (int i = 0; i < 40; i++) {
                assertEquals("soft", compressOnce(s).servedBy(), "the platform takes room elsewhere");
            }
            io.warpdrive.admin.SchedulerInfo stale = p.platform().schedulers().get(0);
            assertEquals(0, stale.faults());
            assertFalse(stale.demoted());
            hw.hold = false;
            hw.releaseHeld();
        }
    }

    @Test
    void syncRequestIsServedAndPositionsAdvance() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            ByteBuffer src = ByteBuffer.wrap(DATA);
            ByteBuffer dst = out(100);
            Request r = s.newRequest().operation(Operation.COMPRESS).source(src).destination(dst);
            s.execute(r);
            assertTrue(r.isDone());
            assertEquals(WdStatus.OK, r.status());
            assertEquals(DATA.length, r.consumed());
            assertEquals(DATA.length, r.produced());
            assertEquals("soft", r.servedBy());
            assertFalse(r.servedByHardware());
            assertEquals(DATA.length, src.position());
            assertEquals(DATA.length, dst.position());
            assertArrayEquals(DATA, java.util.Arrays.copyOf(dst.array(), DATA.length));
            // the same request object is reusable
            src.rewind();
            dst.clear();
            s.execute(r);
            assertEquals(DATA.length, r.produced());
        }
    }

    @Test
    void asyncCallbackAndCompletionStage() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.ZLIB));
            CompletableFuture<Request> viaCallback = new CompletableFuture<>();
            Request r1 = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64));
            s.submit(r1, viaCallback::complete);
            assertEquals(DATA.length, viaCallback.get(10, TimeUnit.SECONDS).produced());
            Request r2 = s.newRequest().operation(Operation.DECOMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64));
            Request done = s.submit(r2).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(DATA.length, done.produced());
        }
    }

    @Test
    void scatterGatherIsBouncedForFlatDirectOnlyDrivers() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver d = p.add(new FakeDriver("hw", CalcType.HW, 100));
            d.scatterGather = false;
            d.directOnly = true;
            p.remove(d);
            p.add(d);
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.DEFLATE));
            SgList src = SgList.of(ByteBuffer.wrap(DATA, 0, 10), ByteBuffer.wrap(DATA, 10, 7),
                    ByteBuffer.wrap(DATA, 17, DATA.length - 17));
            ByteBuffer a = out(5);
            ByteBuffer b = out(100);
            SgList dst = SgList.of(a, b);
            long produced = s.compress(src, dst);
            assertEquals(DATA.length, produced);
            assertFalse(src.hasRemaining());
            assertEquals(5, a.position());
            assertEquals(DATA.length - 5, b.position());
            byte[] joined = new byte[DATA.length];
            System.arraycopy(a.array(), 0, joined, 0, 5);
            System.arraycopy(b.array(), 0, joined, 5, DATA.length - 5);
            assertArrayEquals(DATA, joined);
        }
    }

    @Test
    void autoPrefersHardwareAndFallsBackToCpuAtOnceWhenHardwareIsFull() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(1).build())) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.depth = 4; // no more than a device new to the request takes at once while it learns (six)
            p.add(hw);
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            assertEquals("hw", compressOnce(s).servedBy());
            // fill the one hardware compress queue
            hw.hold = true;
            Request[] held = new Request[hw.depth];
            for (int i = 0; i < held.length; i++) {
                held[i] = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64));
                s.submit(held[i], r -> { });
            }
            TestPlatform.await("hardware queue full", () -> hw.held.size() == hw.depth);
            // AUTO goes to the CPU at once
            assertEquals("soft", compressOnce(s).servedBy());
            // SOFTWARE_ONLY never touches hardware even when it has room
            hw.releaseHeld();
            hw.hold = false;
            Session sw = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP).withFallback(FallbackPolicy.SOFTWARE_ONLY));
            assertEquals("soft", compressOnce(sw).servedBy());
        }
    }

    private static Request compressOnce(Session s) {
        Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64));
        s.execute(r);
        return r;
    }

    @Test
    void hardwareOnlyWaitsForAFreeSlotThenProceeds() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(1).build())) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            hw.depth = 1;
            p.remove(hw);
            p.add(hw);
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP)
                    .withFallback(FallbackPolicy.HARDWARE_ONLY).withTimeout(Duration.ofSeconds(30)));
            hw.hold = true;
            Request first = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64));
            s.submit(first, r -> { });
            TestPlatform.await("first held", () -> hw.held.size() == 1);
            CompletableFuture<Request> second = CompletableFuture.supplyAsync(() -> compressOnce(s));
            TestPlatform.await("second waiting in line", () -> p.engine.line().waiting() == 1);
            assertFalse(second.isDone());
            hw.hold = false;
            hw.releaseHeld();
            Request r = second.get(10, TimeUnit.SECONDS);
            assertEquals("hw", r.servedBy());
        }
    }

    @Test
    void hardwareOnlyTimesOutWithAClearError() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP)
                    .withFallback(FallbackPolicy.HARDWARE_ONLY).withTimeout(Duration.ofMillis(50)));
            WdException e = assertThrows(WdException.class, () -> compressOnce(s));
            assertEquals(WdStatus.TIMEOUT, e.status());
            assertTrue(e.getMessage().contains("no hardware queue serves gzip compress"), e.getMessage());
        }
    }

    @Test
    void failFastBackpressureGivesBusy() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(1).build())) {
            FakeDriver soft = p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            soft.hold = true;
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP).withBackpressure(Backpressure.FAIL_FAST));
            for (int i = 0; i < soft.depth; i++) {
                s.submit(s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64)), r -> { });
            }
            Request extra = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64));
            AtomicInteger called = new AtomicInteger();
            WdException e = assertThrows(WdException.class, () -> s.submit(extra, r -> called.incrementAndGet()));
            assertEquals(WdStatus.BUSY, e.status());
            assertEquals(0, called.get(), "a refused submission must not call its completion");
            soft.hold = false;
            soft.releaseHeld();
        }
    }

    @Test
    void unknownParametersAndBadRequestsGiveTypedErrors() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver soft = p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            soft.devices.get(0).smallWindowCompress = false;
            p.remove(soft);
            p.add(soft);
            CompressorImpl c = p.compressor("c");
            Session s = c.openSession(SessionSpec.of(Algorithm.GZIP));
            assertEquals(WdStatus.INVALID_ARGUMENT,
                    assertThrows(WdException.class, () -> s.execute(s.newRequest().source(ByteBuffer.wrap(DATA)).destination(out(64)))).status());
            assertEquals(WdStatus.INVALID_ARGUMENT,
                    assertThrows(WdException.class, () -> s.execute(s.newRequest().operation(Operation.COMPRESS).destination(out(64)))).status());
            assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class, () -> s.compress(ByteBuffer.wrap(DATA),
                    ByteBuffer.allocate(64).asReadOnlyBuffer())).status());
            Session other = c.openSession(SessionSpec.of(Algorithm.GZIP));
            Request foreign = other.newRequest();
            assertEquals(WdStatus.ACCESS_DENIED, assertThrows(WdException.class, () -> s.execute(foreign)).status());
            Session small = c.openSession(SessionSpec.of(Algorithm.GZIP).withWindow(WindowSize.W4K));
            WdException noDriver = assertThrows(WdException.class, () -> compressOnce(small));
            assertEquals(WdStatus.NO_DRIVER, noDriver.status());
            assertTrue(noDriver.getMessage().contains("4K window"), noDriver.getMessage());
            assertEquals(WdStatus.OUTPUT_TOO_SMALL,
                    assertThrows(WdException.class, () -> s.compress(ByteBuffer.wrap(DATA), out(3))).status());
            s.close();
            assertTrue(s.isClosed());
            assertEquals(WdStatus.SESSION_CLOSED, assertThrows(WdException.class, () -> compressOnce(s)).status());
            s.close(); // idempotent
            assertEquals(WdStatus.UNSUPPORTED, assertThrows(WdException.class, () -> Algorithm.fromName("brotli")).status());
        }
    }

    @Test
    void aRequestCannotBeInFlightTwice() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver soft = p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            soft.hold = true;
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64));
            s.submit(r, x -> { });
            assertEquals(WdStatus.INVALID_STATE, assertThrows(WdException.class, () -> s.submit(r, x -> { })).status());
            assertEquals(WdStatus.INVALID_STATE, assertThrows(WdException.class, () -> r.source(ByteBuffer.allocate(1))).status());
            soft.hold = false;
            soft.releaseHeld();
            TestPlatform.await("done", r::isDone);
        }
    }

    @Test
    void driverRemovalResendsStatelessAutoRequestsElsewhere() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            hw.hold = true;
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            AtomicInteger completions = new AtomicInteger();
            AtomicReference<Request> seen = new AtomicReference<>();
            Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64));
            s.submit(r, x -> {
                seen.set(x);
                completions.incrementAndGet();
            });
            TestPlatform.await("held on hardware", () -> hw.held.size() == 1);
            p.remove(hw);
            TestPlatform.await("completed", () -> completions.get() == 1);
            assertNull(seen.get().error());
            assertEquals("soft", seen.get().servedBy());
            assertEquals(DATA.length, seen.get().produced());
            // late completion by the departed driver is ignored, not delivered twice
            hw.hold = false;
            hw.releaseHeld();
            assertEquals(1, completions.get());
        }
    }

    @Test
    void driverRemovalWithNowhereElseFailsWithAClearStatus() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver soft = p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            soft.hold = true;
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            CompletableFuture<Request> f = new CompletableFuture<>();
            s.submit(s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64)), f::complete);
            TestPlatform.await("held", () -> soft.held.size() == 1);
            p.remove(soft);
            Request r = f.get(10, TimeUnit.SECONDS);
            assertTrue(r.status() == WdStatus.QUEUE_CLOSED || r.status() == WdStatus.DRIVER_GONE, r.status().toString());
            assertTrue(r.error().getMessage().contains("soft"), r.error().getMessage());
            assertEquals(WdStatus.NO_DRIVER, assertThrows(WdException.class, () -> compressOnce(s)).status());
        }
    }

    @Test
    void deviceErrorUnderAutoIsRetriedOnTheCpuButNotUnderHardwareOnly() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            hw.failWith = WdStatus.DEVICE_ERROR;
            Session auto = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            Request r = compressOnce(auto);
            assertEquals("soft", r.servedBy());
            Session hwOnly = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP).withFallback(FallbackPolicy.HARDWARE_ONLY));
            WdException e = assertThrows(WdException.class, () -> compressOnce(hwOnly));
            assertEquals(WdStatus.DEVICE_ERROR, e.status());
            assertTrue(e.getMessage().contains("hw"), e.getMessage());
        }
    }

    @Test
    void polledQueuesAreReapedByTheManagedPoller() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.completionMode = CompletionMode.POLL;
            p.add(hw);
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            CompletableFuture<Request> f = new CompletableFuture<>();
            s.submit(s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64)), f::complete);
            assertEquals("hw", f.get(10, TimeUnit.SECONDS).servedBy());
            assertEquals("hw", compressOnce(s).servedBy());
        }
    }

    @Test
    void callerPollingDeliversCallbacksOnlyInPoll() throws Exception {
        Settings st = new Settings.Builder().completion("CALLER").build();
        try (TestPlatform p = new TestPlatform(st)) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.completionMode = CompletionMode.POLL;
            p.add(hw);
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            CompressorImpl c = p.compressor("c");
            Session s = c.openSession(SessionSpec.of(Algorithm.GZIP));
            Thread caller = Thread.currentThread();
            AtomicInteger onCaller = new AtomicInteger();
            int n = 20;
            for (int i = 0; i < n; i++) {
                s.submit(s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64)), r -> {
                    if (Thread.currentThread() == caller && r.error() == null) {
                        onCaller.incrementAndGet();
                    }
                });
            }
            int delivered = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (delivered < n && System.nanoTime() < deadline) {
                delivered += c.poll(64, TimeUnit.MILLISECONDS.toNanos(100));
            }
            assertEquals(n, delivered);
            assertEquals(n, onCaller.get());
            // sync requests on a polled queue are reaped by their own caller (pinned: the soft driver may be
            // predicted faster)
            Session onHw = c.openSession(SessionSpec.of(Algorithm.GZIP).withDriver("hw"));
            assertEquals("hw", compressOnce(onHw).servedBy());
        }
    }

    /** A caller's poll reaps the rings it names (drivers, devices, queues) and leaves the others alone. */
    @Test
    void callerPollingReapsOnlyTheQueuesItNames() throws Exception {
        Settings st = new Settings.Builder().completion("CALLER").queuesDefault(1).build();
        try (TestPlatform p = new TestPlatform(st)) {
            FakeDriver a = new FakeDriver("hwa", CalcType.HW, 100);
            FakeDriver b = new FakeDriver("hwb", CalcType.HW, 100);
            a.completionMode = CompletionMode.POLL;
            b.completionMode = CompletionMode.POLL;
            p.add(a);
            p.add(b);
            CompressorImpl c = p.compressor("c");
            Session onA = c.openSession(SessionSpec.of(Algorithm.GZIP).withDriver("hwa"));
            Session onB = c.openSession(SessionSpec.of(Algorithm.GZIP).withDriver("hwb"));
            AtomicInteger doneA = new AtomicInteger();
            AtomicInteger doneB = new AtomicInteger();
            int n = 5;
            for (int i = 0; i < n; i++) {
                onA.submit(onA.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64)),
                        r -> doneA.incrementAndGet());
                onB.submit(onB.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64)),
                        r -> doneB.incrementAndGet());
            }
            io.warpdrive.comp.PollTarget onlyA = io.warpdrive.comp.PollTarget.drivers("hwa");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (doneA.get() < n && System.nanoTime() < deadline) {
                c.poll(64, TimeUnit.MILLISECONDS.toNanos(10), onlyA);
            }
            assertEquals(n, doneA.get());
            assertEquals(0, doneB.get(), "hwb's ring was not polled");
            EngineQueue bQueue = null;
            for (EngineQueue q : p.engine.views().view().asArray()) {
                if (q.driver().equals("hwb") && q.operation() == Operation.COMPRESS) {
                    bQueue = q;
                }
            }
            assertEquals(n, bQueue.inFlight(), "its jobs wait in its ring");
            assertEquals(0, c.poll(64, 0, io.warpdrive.comp.PollTarget.devices("no-such-device")));
            io.warpdrive.comp.PollTarget onlyB = io.warpdrive.comp.PollTarget.queues(bQueue.id());
            while (doneB.get() < n && System.nanoTime() < deadline) {
                c.poll(64, TimeUnit.MILLISECONDS.toNanos(10), onlyB);
            }
            assertEquals(n, doneB.get());
            assertEquals(WdStatus.INVALID_ARGUMENT,
                    assertThrows(WdException.class, () -> io.warpdrive.comp.PollTarget.drivers()).status());
        }
    }

    @Test
    void stuckQueueTimesOutIsReplacedAndItsRequestResent() throws Exception {
        Settings st = new Settings.Builder().build();
        Settings fast = copyWithJobTimeout(st, TimeUnit.MILLISECONDS.toNanos(100));
        try (TestPlatform p = new TestPlatform(fast)) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.completionMode = CompletionMode.POLL;
            p.add(hw);
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            for (FakeDriver.FakeQueue q : hw.queues) {
                q.stuck = true;
            }
            int before = hw.queues.size();
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            CompletableFuture<Request> f = new CompletableFuture<>();
            s.submit(s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64)), f::complete);
            Request r = f.get(10, TimeUnit.SECONDS);
            assertNull(r.error(), () -> String.valueOf(r.error()));
            assertEquals(DATA.length, r.produced());
            TestPlatform.await("replacement opened", () -> hw.queues.size() > before);
        }
    }

    /**
     * A queue closed while a job was handed to it, by a driver that does not fail that job
     * itself: the engine sweeps it a little later. The platform stopping right then must not
     * drop the sweep with its admin thread (seen reading the stop path while writing
     * BundleChurnIT; before the fix this request never came back).
     */
    @Test
    void aJobStrandedOnAClosedQueueCompletesWhenThePlatformStopsBeforeItsSweep() throws Exception {
        TestPlatform p = new TestPlatform();
        CompletableFuture<Request> f = new CompletableFuture<>();
        try {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.completionMode = CompletionMode.POLL;
            p.add(hw);
            hw.onSend = (q, job) -> {
                q.stuck = true; // accepted, never completed, not failed by the close
                p.remove(hw); // the driver goes away while the job is handed over
            };
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            s.submit(s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out(64)),
                    f::complete);
        } finally {
            p.close(); // the platform stops before the sweep's grace period is over
        }
        Request r = f.get(10, TimeUnit.SECONDS);
        assertEquals(WdStatus.DRIVER_GONE, r.status(), () -> String.valueOf(r.error()));
    }

    private static Settings copyWithJobTimeout(Settings s, long nanos) {
        Settings.Builder b = new Settings.Builder();
        b.jobTimeoutNanos = nanos;
        return b.build();
    }

    @Test
    void isolatedDeviceTakesNoNewWork() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            assertEquals("hw", compressOnce(s).servedBy());
            hw.devices.get(0).health = DeviceHealth.ISOLATED;
            hw.fireDevicesChanged();
            TestPlatform.await("hw queues unavailable", () -> {
                for (int i = 0; i < p.platform().queues().size(); i++) {
                    if (p.platform().queues().get(i).driver().equals("hw")) {
                        return false;
                    }
                }
                return true;
            });
            assertEquals("soft", compressOnce(s).servedBy());
        }
    }

    @Test
    void streamStaysOnItsDriverAndFailsCleanlyWhenItGoes() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            StreamSession st = p.compressor("c").openStream(Operation.COMPRESS, SessionSpec.of(Algorithm.GZIP));
            Request r = st.newRequest().source(ByteBuffer.wrap(DATA)).destination(out(64))
                    .flush(io.warpdrive.comp.Flush.FINISH);
            st.execute(r);
            assertEquals("hw", r.servedBy());
            assertEquals(1, hw.streamsOpened.get());
            assertTrue(st.isFinished());
            assertEquals(WdStatus.INVALID_STATE, assertThrows(WdException.class,
                    () -> st.process(ByteBuffer.wrap(DATA), out(64), io.warpdrive.comp.Flush.NONE)).status());
            st.reset();
            assertEquals(1, hw.streamsClosed.get());
            st.process(ByteBuffer.wrap(DATA), out(64), io.warpdrive.comp.Flush.NONE);
            StreamSession decompression = p.compressor("c").openStream(Operation.DECOMPRESS,
                    SessionSpec.of(Algorithm.DEFLATE));
            decompression.process(ByteBuffer.wrap(DATA), out(64), io.warpdrive.comp.Flush.NONE);
            p.remove(hw);
            // Both streams move to the next engine: the decompression stream resumes from its start.
            Request moved = st.newRequest().source(ByteBuffer.wrap(DATA)).destination(out(64))
                    .flush(io.warpdrive.comp.Flush.NONE);
            st.execute(moved);
            assertEquals("soft", moved.servedBy());
            ByteBuffer resumedOutput = out(64);
            Request resumed = decompression.newRequest().source(ByteBuffer.wrap(DATA)).destination(resumedOutput)
                    .flush(io.warpdrive.comp.Flush.NONE);
            decompression.execute(resumed);
            assertEquals("soft", resumed.servedBy());
            assertEquals(DATA.length, resumed.produced(), "the output delivered before is not delivered again");
            assertArrayEquals(DATA, java.util.Arrays.copyOf(resumedOutput.array(), DATA.length));
            st.reset();
            st.process(ByteBuffer.wrap(DATA), out(64), io.warpdrive.comp.Flush.NONE);
            st.close();
            st.close();
            assertEquals(WdStatus.SESSION_CLOSED, assertThrows(WdException.class, st::reset).status());
        }
    }

    @Test
    void aStreamTheHardwareCannotStartStartsOnTheCpuUnderAutoOnly() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            FakeDriver soft = p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            hw.refuseStreams = WdStatus.DEVICE_ERROR; // its devices went away between the pick and the start
            StreamSession auto = p.compressor("c").openStream(Operation.COMPRESS, SessionSpec.of(Algorithm.GZIP));
            Request r = auto.newRequest().source(ByteBuffer.wrap(DATA)).destination(out(64))
                    .flush(io.warpdrive.comp.Flush.FINISH);
            auto.execute(r);
            assertEquals("soft", r.servedBy(), "nothing was sent: the CPU starts the stream");
            assertEquals(1, soft.streamsOpened.get());
            StreamSession hwOnly = p.compressor("c").openStream(Operation.COMPRESS,
                    SessionSpec.of(Algorithm.GZIP).withFallback(FallbackPolicy.HARDWARE_ONLY));
            WdException e = assertThrows(WdException.class, () -> hwOnly.process(ByteBuffer.wrap(DATA), out(64),
                    io.warpdrive.comp.Flush.FINISH));
            assertEquals(WdStatus.DEVICE_ERROR, e.status(), "HARDWARE_ONLY gets the hardware's answer");
            StreamSession pinned = p.compressor("c").openStream(Operation.COMPRESS,
                    SessionSpec.of(Algorithm.GZIP).withDriver("hw"));
            assertEquals(WdStatus.DEVICE_ERROR, assertThrows(WdException.class, () -> pinned.process(
                    ByteBuffer.wrap(DATA), out(64), io.warpdrive.comp.Flush.FINISH)).status(), "pinned to the hardware");
        }
    }

    @Test
    void oneOutstandingRequestPerStream() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver soft = p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            soft.hold = true;
            StreamSession st = p.compressor("c").openStream(Operation.COMPRESS, SessionSpec.of(Algorithm.GZIP));
            Request a = st.newRequest().source(ByteBuffer.wrap(DATA)).destination(out(64));
            Request b = st.newRequest().source(ByteBuffer.wrap(DATA)).destination(out(64));
            st.submit(a, x -> { });
            assertEquals(WdStatus.INVALID_STATE, assertThrows(WdException.class, () -> st.submit(b, x -> { })).status());
            assertEquals(WdStatus.INVALID_STATE, assertThrows(WdException.class, st::reset).status());
            soft.hold = false;
            soft.releaseHeld();
            TestPlatform.await("a done", a::isDone);
            st.submit(b, x -> { });
            TestPlatform.await("b done", b::isDone);
        }
    }

    @Test
    void consumerIdentityDecidesThePriorityClass() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().systemBundles("io.warpdrive.*").build())) {
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            AbstractSession sys = (AbstractSession) p.compressor("io.warpdrive.shell")
                    .openSession(SessionSpec.of(Algorithm.GZIP).withPriority(io.warpdrive.comp.Priority.HIGH));
            AbstractSession third = (AbstractSession) p.compressor("com.example.app")
                    .openSession(SessionSpec.of(Algorithm.GZIP).withPriority(io.warpdrive.comp.Priority.HIGH));
            assertEquals(io.warpdrive.sched.PriorityLevel.SYSTEM_HIGH, sys.level());
            assertEquals(io.warpdrive.sched.PriorityLevel.THIRD_PARTY_HIGH, third.level());
        }
    }

    @Test
    void configurationChangesOpenAndDrainQueuesLive() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(2).build())) {
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            assertEquals(4, p.platform().queues().size());
            p.engine.reconfigure(new Settings.Builder().queuesDefault(2).queueCount("soft=3").build());
            assertEquals(6, p.platform().queues().size());
            p.engine.reconfigure(new Settings.Builder().queueCount("soft/soft-0=1").build());
            assertEquals(2, p.platform().queues().size());
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP));
            assertEquals("soft", compressOnce(s).servedBy());
            assertThrows(IllegalArgumentException.class, () -> new Settings.Builder().queueCount("soft=-1"));
            assertThrows(IllegalArgumentException.class, () -> new Settings.Builder().queueCount("soft"));
        }
    }

    @Test
    void oneShotArrayHelpers() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            CompressorImpl c = p.compressor("c");
            assertArrayEquals(DATA, c.compress(Algorithm.GZIP, DATA));
            byte[] big = new byte[300_000];
            new java.util.Random(1).nextBytes(big);
            assertArrayEquals(big, c.decompress(Algorithm.GZIP, big));
            assertTrue(c.maxCompressedLength(Algorithm.GZIP, 1000) > 1000);
            assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class, () -> c.maxCompressedLength(Algorithm.GZIP, -1)).status());
        }
    }
}
