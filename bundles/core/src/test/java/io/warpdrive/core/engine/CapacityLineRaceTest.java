package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Backpressure;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.request.JobSlot;
import io.warpdrive.core.engine.session.CompressorImpl;
import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.kit.FakeDriver;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The capacity line under a crowd: far more callers than job slots, HARDWARE_ONLY and AUTO,
 * sync and async, every request waiting in line for its turn, slots freed by the drivers' own
 * threads and handed over to waiters. Every request is served exactly once, within its wait
 * bound, and afterwards no slot is missing from any queue's pool and nobody is left in line.
 *
 * <p>Requests are reused by other threads the moment they are done (a pool of requests, as a
 * server keeps one): a request's next use must not be disturbed by what is left of the wait that
 * served its previous use. When the dispatch that sent a request left the line only after the
 * send, a slot handed to the request meanwhile was lost when its next use entered the line (a
 * queue then stayed "full" with nothing in flight), and that next use could be taken out of the
 * line while it waited (a HARDWARE_ONLY request then timed out with hardware free).
 */
class CapacityLineRaceTest {
    private static final int THREADS = 24;
    private static final int PER_THREAD = 600;
    /** Requests shared by all threads: fewer than the threads, so each is reused by many. */
    private static final int POOLED = 16;

    @Test
    void everyWaiterIsServedOnceAndEverySlotComesBack() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(2).build())) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.depth = 2;
            FakeDriver soft = new FakeDriver("soft", CalcType.SOFT, 0);
            soft.depth = 2;
            p.add(hw);
            p.add(soft);
            CompressorImpl c = p.compressor("crowd");
            Session hardwareOnly = c.openSession(SessionSpec.of(Algorithm.GZIP)
                    .withFallback(FallbackPolicy.HARDWARE_ONLY).withTimeout(Duration.ofSeconds(20)));
            Session auto = c.openSession(SessionSpec.of(Algorithm.GZIP).withBackpressure(Backpressure.WAIT)
                    .withTimeout(Duration.ofSeconds(20)));
            BlockingQueue<Pooled> pool = new ArrayBlockingQueue<>(2 * POOLED);
            for (int i = 0; i < POOLED; i++) {
                pool.add(new Pooled(hardwareOnly));
                pool.add(new Pooled(auto));
            }
            int total = THREADS * PER_THREAD;
            AtomicIntegerArray served = new AtomicIntegerArray(total);
            CountDownLatch allServed = new CountDownLatch(total);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t * PER_THREAD;
                Thread th = new Thread(() -> {
                    try {
                        for (int id = first; id < first + PER_THREAD; id++) {
                            Pooled taken = pool.poll(60, TimeUnit.SECONDS);
                            if (taken == null) {
                                problems.add("no request came back to the pool within 60 s");
                                return;
                            }
                            Request r = taken.reset().attach(id);
                            if ((id & 1) == 0) {
                                try {
                                    taken.session.execute(r);
                                } catch (WdException e) {
                                    // accounted below through the request's status
                                }
                                account(r, id, served, problems);
                                allServed.countDown();
                                pool.add(taken);
                            } else {
                                taken.session.submit(r, done -> {
                                    account(done, (Integer) done.attachment(), served, problems);
                                    allServed.countDown();
                                    pool.add(taken); // reused at once by whichever thread takes it
                                });
                            }
                        }
                    } catch (Throwable e) {
                        problems.add(Thread.currentThread().getName() + ": " + e);
                    }
                }, "caller-" + t);
                callers.add(th);
                th.start();
            }
            for (Thread th : callers) {
                th.join(TimeUnit.MINUTES.toMillis(2));
                assertTrue(!th.isAlive(), th.getName() + " finished: " + problems + p.describe());
            }
            assertTrue(allServed.await(60, TimeUnit.SECONDS),
                    () -> allServed.getCount() + " requests never completed: " + problems + p.describe());
            assertTrue(problems.isEmpty(), problems::toString);
            for (int id = 0; id < total; id++) {
                assertEquals(1, served.get(id), "request " + id + " served once");
            }
            assertTrue(p.engine.line().entered() > 0, "callers waited in line: the test went through it");
            assertEquals(0, p.engine.line().waiting(), "nobody left in line");
            for (EngineQueue q : p.engine.views().view().asArray()) {
                TestPlatform.await("queue " + q + " idle", () -> q.inFlight() == 0);
                List<JobSlot> slots = new ArrayList<>();
                for (JobSlot s; (s = q.tryAcquire()) != null;) {
                    slots.add(s);
                }
                assertEquals(q.depth(), slots.size(), "every slot of " + q + " back in its pool");
                slots.forEach(q::release);
            }
        }
    }

    /**
     * The sequence the crowd above hits by chance, forced: a waiting request is sent on the slot
     * handed to it; while it is being sent another slot frees, the request completes, and another
     * thread at once reuses it and has to wait in line. The second slot must not be lost (it went
     * to the request's old place in line and was wiped when the next use entered the line: the
     * queue then stayed full with one job in flight), and the next use must be served.
     */
    @Test
    void aSlotFreedWhileAWaiterIsSentComesBackWhenTheRequestIsReusedAtOnce() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(1).build())) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.depth = 2;
            hw.instances = 1;
            p.add(hw);
            CompressorImpl c = p.compressor("reuse");
            Session s = c.openSession(SessionSpec.of(Algorithm.GZIP).withFallback(FallbackPolicy.HARDWARE_ONLY)
                    .withTimeout(Duration.ofSeconds(20)));
            hw.hold = true;
            for (int i = 0; i < 2; i++) {
                s.submit(marked(s, 0), done -> { });
            }
            TestPlatform.await("both slots taken", () -> hw.held.size() == 2);
            Request reused = marked(s, 1);
            CountDownLatch secondUseServed = new CountDownLatch(1);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            java.util.concurrent.atomic.AtomicBoolean firstSend = new java.util.concurrent.atomic.AtomicBoolean(true);
            hw.onSend = (queue, job) -> {
                if (job.source().get(0).get(0) != 1 || !firstSend.getAndSet(false)) {
                    return;
                }
                // On the sender's thread, inside send: the other held job ends, and this one ends in this send.
                hw.releaseOne();
                hw.hold = false;
                hw.inline = true;
            };
            Thread sender = new Thread(() -> s.submit(reused, first -> {
                // Still inside the first use's send: the queue fills again and another thread reuses the request.
                hw.inline = false;
                hw.hold = true;
                s.submit(marked(s, 0), done -> { });
                Thread reuser = new Thread(() -> {
                    try {
                        s.submit(reused.source(ByteBuffer.wrap(new byte[] { 2 })).destination(ByteBuffer.allocate(128)),
                                second -> secondUseServed.countDown());
                    } catch (RuntimeException e) {
                        problems.add("the second use was refused: " + e);
                    }
                }, "reuser");
                reuser.start();
                try {
                    // Sending (on the fake queue this thread holds while it sends), or in line
                    // beside the first use's own place there, if that is still taken.
                    TestPlatform.await("the second use sent or waiting",
                            () -> reuser.getState() == Thread.State.BLOCKED || p.engine.line().waiting() == 2);
                } catch (AssertionError e) {
                    problems.add(e.getMessage());
                }
            }), "sender");
            sender.start();
            TestPlatform.await("the request waits in line", () -> p.engine.line().waiting() == 1);
            hw.releaseOne(); // its slot goes to the request waiting in line
            sender.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(!sender.isAlive() && problems.isEmpty(), () -> "sender finished: " + problems + p.describe());
            hw.hold = false;
            hw.releaseHeld();
            assertTrue(secondUseServed.await(30, TimeUnit.SECONDS),
                    () -> "second use served: " + problems + p.describe());
            assertEquals(WdStatus.OK, reused.status());
            EngineQueue q = ConfinementTest.compressQueueOf(p, "hw");
            TestPlatform.await("no job in flight", () -> q.inFlight() == 0 && hw.held.isEmpty());
            List<JobSlot> slots = new ArrayList<>();
            for (JobSlot slot; (slot = q.tryAcquire()) != null;) {
                slots.add(slot);
            }
            assertEquals(2, slots.size(), "both slots back in the pool");
            slots.forEach(q::release);
        }
    }

    private static Request marked(Session s, int mark) {
        return s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(new byte[] { (byte) mark }))
                .destination(ByteBuffer.allocate(128));
    }

    /** A request of the pool and its session. */
    private static final class Pooled {
        final Session session;
        final Request request;
        private final byte[] data = new byte[256];
        private final ByteBuffer output = ByteBuffer.allocate(512);

        Pooled(Session session) {
            this.session = session;
            this.request = session.newRequest().operation(Operation.COMPRESS);
        }

        Request reset() {
            output.clear();
            return request.source(ByteBuffer.wrap(data)).destination(output);
        }
    }

    private static void account(Request r, int id, AtomicIntegerArray served,
            ConcurrentLinkedQueue<String> problems) {
        if (served.incrementAndGet(id) != 1) {
            problems.add("request " + id + " completed twice");
        }
        if (r.status() != WdStatus.OK) {
            problems.add("request " + id + ": " + r.status() + " " + r.error());
        }
    }
}
