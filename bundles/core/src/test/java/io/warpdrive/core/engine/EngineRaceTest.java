package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.session.CompressorImpl;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.testing.kit.FakeDriver;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many threads, thousands of mixed requests, drivers failing and leaving and coming
 * back: every request must complete exactly once, and every success must carry the
 * right bytes.
 */
class EngineRaceTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 2500;
    private static final java.util.Queue<String> FAILURES = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Test
    void everyRequestIsAccountedForExactlyOnce() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(2).build())) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.completionMode = CompletionMode.POLL;
            hw.depth = 4;
            FakeDriver soft = new FakeDriver("soft", CalcType.SOFT, 0);
            soft.depth = 16;
            p.add(hw);
            p.add(soft);
            CompressorImpl c = p.compressor("race");

            AtomicLong submitted = new AtomicLong();
            AtomicLong succeeded = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            AtomicInteger duplicates = new AtomicInteger();
            AtomicInteger corrupt = new AtomicInteger();
            ConcurrentHashMap<Object, Boolean> completedIds = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();

            // churn: the hardware driver fails now and then, goes away and comes back
            Thread churn = new Thread(() -> {
                Random rnd = new Random(7);
                while (!stop.get()) {
                    int action = rnd.nextInt(3);
                    if (action == 0) {
                        p.remove(hw);
                        Thread.yield();
                        p.engine.bindDriver(hw);
                    } else if (action == 1) {
                        hw.failWith = WdStatus.DEVICE_ERROR;
                        Thread.yield();
                        hw.failWith = null;
                    }
                    Thread.yield();
                }
            }, "churn");
            churn.start();

            CountDownLatch done = new CountDownLatch(THREADS);
            List<Throwable> unexpected = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int seed = t;
                new Thread(() -> {
                    try {
                        runClient(c, new Random(seed), submitted, succeeded, failed, duplicates, corrupt, completedIds);
                    } catch (Throwable e) {
                        synchronized (unexpected) {
                            unexpected.add(e);
                        }
                    } finally {
                        done.countDown();
                    }
                }, "client-" + t).start();
            }
            assertTrue(done.await(120, TimeUnit.SECONDS), "clients finished");
            stop.set(true);
            churn.join();
            try {
                TestPlatform.await("all async completions", () -> succeeded.get() + failed.get() == submitted.get());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ": submitted=" + submitted + " succeeded=" + succeeded
                        + " failed=" + failed + p.describe());
            }

            assertTrue(unexpected.isEmpty(), () -> "unexpected: " + unexpected);
            assertEquals(THREADS * PER_THREAD, submitted.get());
            assertEquals(submitted.get(), succeeded.get() + failed.get());
            assertEquals(0, duplicates.get(), "duplicate completions");
            assertEquals(0, corrupt.get(), "wrong output");
            assertEquals(submitted.get(), completedIds.size());
            // with a CPU driver always present, AUTO stateless requests never fail
            for (Throwable t : FakeDriver.WORKER_ERRORS) {
                t.printStackTrace();
            }
            assertEquals(0, failed.get(), () -> "failed requests: " + FAILURES);
            assertEquals(0, c.consumer.hardwareInFlight(), "hardware instances held after every request completed");
        }
    }

    private static void runClient(CompressorImpl c, Random rnd, AtomicLong submitted, AtomicLong succeeded,
            AtomicLong failed, AtomicInteger duplicates, AtomicInteger corrupt,
            ConcurrentHashMap<Object, Boolean> completedIds) throws InterruptedException {
        Session session = c.openSession(SessionSpec.of(Algorithm.GZIP));
        AtomicInteger inFlight = new AtomicInteger();
        for (int i = 0; i < PER_THREAD; i++) {
            byte[] data = new byte[rnd.nextInt(4096)];
            rnd.nextBytes(data);
            Object id = new Object();
            int kind = rnd.nextInt(3);
            submitted.incrementAndGet();
            if (kind == 0) {
                ByteBuffer out = ByteBuffer.allocate(data.length + 1);
                Request r = session.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data))
                        .destination(rnd.nextBoolean() ? out : ByteBuffer.allocateDirect(data.length + 1));
                try {
                    session.execute(r);
                    check(r, data, corrupt);
                    record(id, completedIds, duplicates);
                    succeeded.incrementAndGet();
                } catch (WdException e) {
                    FAILURES.add("sync: " + e.getMessage());
                    record(id, completedIds, duplicates);
                    failed.incrementAndGet();
                }
            } else if (kind == 1) {
                Request r = session.newRequest().operation(Operation.DECOMPRESS).source(ByteBuffer.wrap(data))
                        .destination(ByteBuffer.allocate(data.length));
                inFlight.incrementAndGet();
                session.submit(r, x -> {
                    record(id, completedIds, duplicates);
                    if (x.error() == null) {
                        check(x, data, corrupt);
                        succeeded.incrementAndGet();
                    } else {
                        FAILURES.add("async: " + x.error().getMessage());
                        failed.incrementAndGet();
                    }
                    inFlight.decrementAndGet();
                });
            } else {
                // streams are bound to their driver: when it goes away they fail cleanly, which is allowed
                try (StreamSession st = c.openStream(Operation.COMPRESS, SessionSpec.of(Algorithm.ZLIB)
                        .withFallback(io.warpdrive.comp.FallbackPolicy.SOFTWARE_ONLY))) {
                    ByteBuffer out = ByteBuffer.allocate(data.length);
                    st.process(ByteBuffer.wrap(data), out, Flush.FINISH);
                    assertTrue(st.isFinished());
                    if (!Arrays.equals(data, Arrays.copyOf(out.array(), out.position()))) {
                        corrupt.incrementAndGet();
                    }
                    record(id, completedIds, duplicates);
                    succeeded.incrementAndGet();
                } catch (WdException e) {
                    FAILURES.add("stream: " + e.getMessage());
                    record(id, completedIds, duplicates);
                    failed.incrementAndGet();
                }
            }
            while (inFlight.get() > 32) {
                Thread.onSpinWait();
            }
        }
    }

    private static void check(Request r, byte[] expected, AtomicInteger corrupt) {
        ByteBuffer out = r.destination().get(0);
        byte[] got = new byte[(int) r.produced()];
        out.duplicate().flip().get(got);
        if (r.consumed() != expected.length || !Arrays.equals(expected, got)) {
            corrupt.incrementAndGet();
        }
    }

    private static void record(Object id, ConcurrentHashMap<Object, Boolean> ids, AtomicInteger duplicates) {
        if (ids.putIfAbsent(id, Boolean.TRUE) != null) {
            duplicates.incrementAndGet();
        }
    }

    @Test
    void policySwapUnderLoadLosesNothing() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            CompressorImpl c = p.compressor("swap");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong ok = new AtomicLong();
            AtomicLong bad = new AtomicLong();
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    Session s = c.openSession(SessionSpec.of(Algorithm.GZIP));
                    byte[] data = new byte[512];
                    while (!stop.get()) {
                        try {
                            byte[] out = s.compress(data);
                            if (out.length == data.length) {
                                ok.incrementAndGet();
                            } else {
                                bad.incrementAndGet();
                            }
                        } catch (WdException e) {
                            bad.incrementAndGet();
                        }
                    }
                });
                th.start();
                clients.add(th);
            }
            TestPlatform.await("traffic", () -> ok.get() > 100);
            for (int i = 0; i < 200; i++) {
                io.warpdrive.sched.Scheduler s = new FirstFitScheduler("first-fit-" + i);
                p.addScheduler(s, 10 + i);
                p.engine.unbindScheduler(s);
            }
            long before = ok.get();
            TestPlatform.await("traffic after swaps", () -> ok.get() > before + 100);
            stop.set(true);
            for (Thread th : clients) {
                th.join();
            }
            assertEquals(0, bad.get());
        }
    }

    /** A trivial policy: the first queue that can take the request. */
    static final class FirstFitScheduler implements io.warpdrive.sched.Scheduler {
        private final String name;

        FirstFitScheduler(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public io.warpdrive.sched.QueueInfo pick(io.warpdrive.sched.SchedKey key, io.warpdrive.sched.QueueView view) {
            for (int i = 0; i < view.size(); i++) {
                if (view.get(i).canTake(key)) {
                    return view.get(i);
                }
            }
            return null;
        }
    }

    @Test
    void sameBytesAfterManyReusesOfOneRequest() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            Session s = p.compressor("reuse").openSession(SessionSpec.of(Algorithm.DEFLATE));
            Request r = s.newRequest().operation(Operation.COMPRESS);
            ByteBuffer in = ByteBuffer.allocateDirect(1000);
            ByteBuffer out = ByteBuffer.allocateDirect(1000);
            for (int i = 0; i < 10_000; i++) {
                in.clear();
                in.put(0, (byte) i);
                out.clear();
                s.execute(r.source(in).destination(out));
                assertEquals(1000, r.produced());
                assertEquals((byte) i, out.get(0));
            }
        }
    }
}
