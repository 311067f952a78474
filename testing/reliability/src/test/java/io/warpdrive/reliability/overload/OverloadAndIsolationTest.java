package io.warpdrive.reliability.overload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Backpressure;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.driver.soft.SoftDriver;
import io.warpdrive.reliability.Figures;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.platform.TestPlatform;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ten times the platform's capacity offered at once, through async submission: memory stays
 * bounded because the engine applies back-pressure instead of queueing without limit. Under
 * {@link Backpressure#FAIL_FAST} a request without a free slot is refused with BUSY at once
 * (it never waits in the capacity line); under {@link Backpressure#WAIT} the submitter waits
 * and nothing is refused. Either way requests in flight never exceed the queues' slots and
 * every request is accounted exactly once: accepted and completed once, or refused once.
 *
 * <p>Isolation: a flooding consumer does not starve another (the built-in pick serves the
 * capacity line in arrival order), and a consumer cannot drive another's requests or
 * receive another's completions.
 */
class OverloadAndIsolationTest {
    private static final int DEPTH = 4;
    private static final int QUEUES = 2;
    private static final byte[] DATA = new byte[16 * 1024];

    private StartedDriver<SoftDriver> soft;
    private TestPlatform platform;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peakHeap = new AtomicLong();

    static {
        for (int i = 0; i < DATA.length; i++) {
            DATA[i] = (byte) ("overload " + (i % 97)).charAt(i % 9);
        }
    }

    @BeforeEach
    void start() {
        // One worker for the whole driver, which runs sync jobs too: the flood is far faster than the service.
        soft = TestDrivers.soft(Map.of("depth", DEPTH, "workers", 1, "sync.on.caller", false));
        platform = TestPlatform.builder().queuesPerDevice(QUEUES).waitTimeout(Duration.ofSeconds(60)).build();
        platform.bind(soft.driver());
        assertTrue(platform.platform().awaitQueue(Algorithm.DEFLATE, Operation.COMPRESS, FallbackPolicy.AUTO,
                Duration.ofSeconds(20)));
    }

    @AfterEach
    void stop() throws Exception {
        platform.close();
        soft.close();
    }

    /** Slots of the queues that compress: the most requests that can be in flight. */
    private int capacity() {
        QueueView v = platform.platform().queues();
        int slots = 0;
        for (int i = 0; i < v.size(); i++) {
            if (v.get(i).operation() == Operation.COMPRESS) {
                slots += v.get(i).depth();
            }
        }
        return slots;
    }

    private int inFlightNow() {
        QueueView v = platform.platform().queues();
        int n = 0;
        for (int i = 0; i < v.size(); i++) {
            QueueInfo q = v.get(i);
            if (q.operation() == Operation.COMPRESS) {
                n += q.inFlight();
            }
        }
        return n;
    }

    private void sampleHeap() {
        long used = memory.getHeapMemoryUsage().getUsed();
        peakHeap.accumulateAndGet(used, Math::max);
    }

    /** What one flood saw. */
    private static final class Tally {
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger busy = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger outstanding = new AtomicInteger();
        final AtomicInteger maxOutstanding = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    }

    /**
     * {@code threads} submitters each offering {@code perThread} async requests back to back,
     * never waiting for completions; every request has its own completion counter.
     */
    private Tally flood(Backpressure backpressure, int threads, int perThread) throws Exception {
        Compressor c = platform.compressorFor("io.warpdrive.reliability.flood");
        Session s = c.openSession(SessionSpec.of(Algorithm.DEFLATE).withLevel(1).withBackpressure(backpressure));
        Tally t = new Tally();
        int total = threads * perThread;
        AtomicLongArray calls = new AtomicLongArray(total);
        CountDownLatch allDone = new CountDownLatch(total);
        List<Thread> submitters = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
            int first = k * perThread;
            Thread th = new Thread(() -> {
                for (int i = first; i < first + perThread; i++) {
                    int id = i;
                    Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                            .destination(ByteBuffer.allocate(DATA.length + 1024)).attach(id);
                    t.maxOutstanding.accumulateAndGet(t.outstanding.incrementAndGet(), Math::max);
                    try {
                        s.submit(r, done -> {
                            if (calls.incrementAndGet((Integer) done.attachment()) != 1) {
                                t.problems.add("request " + done.attachment() + " completed twice");
                            }
                            if (done.error() == null) {
                                t.completed.incrementAndGet();
                            } else {
                                t.failed.incrementAndGet();
                                t.problems.add("request " + id + ": " + done.error().getMessage());
                            }
                            t.outstanding.decrementAndGet();
                            allDone.countDown();
                        });
                        t.accepted.incrementAndGet();
                    } catch (WdException e) {
                        t.outstanding.decrementAndGet();
                        if (e.status() == WdStatus.BUSY) {
                            t.busy.incrementAndGet();
                        } else {
                            t.problems.add("request " + id + " refused with " + e.getMessage());
                        }
                        if (calls.incrementAndGet(id) != 1) {
                            t.problems.add("request " + id + " refused after it completed");
                        }
                        allDone.countDown();
                    }
                    t.maxInFlight.accumulateAndGet(inFlightNow(), Math::max);
                    if ((i & 63) == 0) {
                        sampleHeap();
                    }
                }
            }, "flood-" + k);
            submitters.add(th);
            th.start();
        }
        for (Thread th : submitters) {
            th.join();
        }
        TestPlatform.await("every flooded request completed or was refused", () -> allDone.getCount() == 0,
                Duration.ofSeconds(120));
        for (int i = 0; i < total; i++) {
            assertEquals(1, calls.get(i), "request " + i + " accounted once");
        }
        s.close();
        return t;
    }

    @Test
    void failFastRefusesWithBusyAtOnceAndKeepsInFlightBounded() throws Exception {
        int capacity = capacity();
        int threads = 4;
        int perThread = 10 * capacity * 25; // ten times capacity offered, many times over
        long waitsBefore = platform.platform().capacityWaits();
        Tally t = flood(Backpressure.FAIL_FAST, threads, perThread);
        assertTrue(t.problems.isEmpty(), t.problems.toString());
        assertEquals(threads * perThread, t.accepted.get() + t.busy.get(), "each request accepted or refused");
        assertEquals(t.accepted.get(), t.completed.get(), "each accepted request completed");
        assertTrue(t.busy.get() > 0, "ten times the capacity must meet BUSY");
        assertEquals(waitsBefore, platform.platform().capacityWaits(), "FAIL_FAST never waits for capacity");
        assertTrue(t.maxInFlight.get() <= capacity, "in flight " + t.maxInFlight + " > capacity " + capacity);
        // Submitted but not yet completed: the slots, plus a request per submitter between counting and refusal.
        assertTrue(t.maxOutstanding.get() <= capacity + threads, "outstanding " + t.maxOutstanding);
        Figures.report("overload-figures.txt", String.format("FAIL_FAST: capacity %d slots, %d requests offered by %d"
                + " threads: %d accepted, %d BUSY, max in flight %d, max outstanding %d, peak heap %d MiB",
                capacity, threads * perThread, threads, t.accepted.get(), t.busy.get(), t.maxInFlight.get(),
                t.maxOutstanding.get(), peakHeap.get() >> 20));
    }

    @Test
    void waitRefusesNothingAndKeepsOutstandingBounded() throws Exception {
        int capacity = capacity();
        int threads = 10 * capacity; // ten times capacity submitting at once
        int perThread = 50;
        long waitsBefore = platform.platform().capacityWaits();
        Tally t = flood(Backpressure.WAIT, threads, perThread);
        assertTrue(t.problems.isEmpty(), t.problems.toString());
        assertEquals(0, t.busy.get(), "WAIT refuses nothing");
        assertEquals(threads * perThread, t.completed.get());
        assertTrue(platform.platform().capacityWaits() > waitsBefore, "submitters waited for capacity");
        assertTrue(t.maxInFlight.get() <= capacity, "in flight " + t.maxInFlight + " > capacity " + capacity);
        // Waiting submitters hold one request each: memory is bounded by slots + submitters, not by the offer.
        assertTrue(t.maxOutstanding.get() <= capacity + threads, "outstanding " + t.maxOutstanding);
        Figures.report("overload-figures.txt", String.format("WAIT: capacity %d slots, %d requests offered by %d"
                + " threads: %d completed, 0 BUSY, max in flight %d, max outstanding %d, peak heap %d MiB",
                capacity, threads * perThread, threads, t.completed.get(), t.maxInFlight.get(),
                t.maxOutstanding.get(), peakHeap.get() >> 20));
    }

    /**
     * A consumer flooding with ten times the capacity (WAIT, so it queues in the capacity
     * line) does not starve another's sync requests: the other is served in its turn, all its
     * requests succeed within its wait bound while the flood is still going on.
     */
    @Test
    void aFloodingConsumerDoesNotStarveAnother() throws Exception {
        int capacity = capacity();
        Compressor greedy = platform.compressorFor("io.warpdrive.reliability.greedy");
        Compressor modest = platform.compressorFor("io.warpdrive.reliability.modest");
        Session flood = greedy.openSession(SessionSpec.of(Algorithm.DEFLATE).withBackpressure(Backpressure.WAIT));
        Session mine = modest.openSession(SessionSpec.of(Algorithm.DEFLATE).withTimeout(Duration.ofSeconds(30)));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger floodCompleted = new AtomicInteger();
        AtomicInteger floodOutstanding = new AtomicInteger();
        // A refused flood request (WAIT refuses nothing) is the failure to report: were it left to
        // end its thread, the count of outstanding requests would never drain and hide it.
        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        List<Thread> flooders = new ArrayList<>();
        for (int k = 0; k < 10 * capacity; k++) {
            Thread th = new Thread(() -> {
                while (!stop.get()) {
                    Request r = flood.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                            .destination(ByteBuffer.allocate(DATA.length + 1024));
                    floodOutstanding.incrementAndGet();
                    try {
                        flood.submit(r, done -> {
                            floodCompleted.incrementAndGet();
                            floodOutstanding.decrementAndGet();
                        });
                    } catch (WdException e) {
                        floodOutstanding.decrementAndGet();
                        refused.add(Thread.currentThread().getName() + ": " + e.getMessage() + " [" + queueState() + "]");
                        return;
                    }
                }
            }, "greedy-" + k);
            flooders.add(th);
            th.start();
        }
        try {
            TestPlatform.await("the flood is under way", () -> floodCompleted.get() > 10 * capacity);
            int served = 0;
            for (int i = 0; i < 100; i++) {
                byte[] packed = mine.compress(DATA); // throws TIMEOUT if starved beyond 30 s
                assertTrue(packed.length > 0);
                served++;
            }
            assertEquals(100, served);
            assertTrue(refused.isEmpty(), () -> "flood requests refused: " + refused);
            assertTrue(!stop.get() && floodOutstanding.get() > 0, "the flood was still going on");
        } finally {
            stop.set(true);
            for (Thread th : flooders) {
                th.join();
            }
        }
        try {
            TestPlatform.await("the flood drained", () -> floodOutstanding.get() == 0, Duration.ofSeconds(60));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + floodOutstanding + " outstanding, refused " + refused
                    + " [" + queueState() + "]", e);
        }
        assertTrue(refused.isEmpty(), () -> "flood requests refused: " + refused);
    }

    /** The compress queues' slots in use and the requests waiting for one, for a failure's message. */
    private String queueState() {
        QueueView v = platform.platform().queues();
        StringBuilder b = new StringBuilder("waiting for capacity " + platform.waitingForCapacity());
        for (int i = 0; i < v.size(); i++) {
            QueueInfo q = v.get(i);
            if (q.operation() == Operation.COMPRESS) {
                b.append("; ").append(q.driver()).append('/').append(q.device()).append(' ').append(q.inFlight())
                        .append('/').append(q.depth()).append(q.isAvailable() ? "" : " unavailable");
            }
        }
        return b.toString();
    }

    /** Another consumer's requests cannot be executed, submitted or read through one's own session. */
    @Test
    void aConsumerCannotDriveAnothersRequests() throws Exception {
        Compressor a = platform.compressorFor("io.warpdrive.reliability.a");
        Compressor b = platform.compressorFor("io.warpdrive.reliability.b");
        try (Session sa = a.openSession(SessionSpec.of(Algorithm.GZIP));
                Session sb = b.openSession(SessionSpec.of(Algorithm.GZIP))) {
            Request ofA = sa.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                    .destination(ByteBuffer.allocate(DATA.length + 1024));
            for (org.junit.jupiter.api.function.Executable misuse : new org.junit.jupiter.api.function.Executable[] {
                    () -> sb.execute(ofA), () -> sb.submit(ofA, r -> { }), () -> sb.submit(ofA) }) {
                WdException e = assertThrows(WdException.class, misuse);
                assertEquals(WdStatus.ACCESS_DENIED, e.status(), e.getMessage());
            }
            assertTrue(!ofA.isDone() && ofA.produced() == 0, "A's request was not touched");
            // A's asynchronous completions never run inside B's poll.
            int n = 200;
            CountDownLatch done = new CountDownLatch(n);
            ConcurrentLinkedQueue<String> wrongThread = new ConcurrentLinkedQueue<>();
            Thread poller = Thread.currentThread();
            for (int i = 0; i < n; i++) {
                Request r = sa.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                        .destination(ByteBuffer.allocate(DATA.length + 1024));
                sa.submit(r, req -> {
                    if (Thread.currentThread() == poller) {
                        wrongThread.add("A's completion ran in B's poll");
                    }
                    done.countDown();
                });
                b.poll(64, 0);
            }
            TestPlatform.await("A's completions", () -> done.getCount() == 0);
            assertTrue(wrongThread.isEmpty(), wrongThread.toString());
            assertNull(ofA.error());
        }
    }
}
