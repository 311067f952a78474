package io.warpdrive.core.engine.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.TestPlatform;
import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.kit.FakeDriver;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Closing a queue while its jobs complete: a job stays its driver's until the driver's close has
 * returned. Before, the sweep of a queue closed while a job was handed over could fail such a job
 * (and free its bounce buffers) while the driver was still finishing it in its close; the driver
 * then read a job that had ended ("close failed: NullPointerException … request is null" on a
 * hisi_zip queue).
 */
class CloseRaceTest {
    private static final byte[] DATA = "close me while I am being served. ".repeat(60).getBytes();

    private static EngineQueue compressQueueOf(TestPlatform p, String driver) {
        for (EngineQueue q : p.engine().views().view().asArray()) {
            if (q.driver().equals(driver) && q.operation() == Operation.COMPRESS) {
                return q;
            }
        }
        return null;
    }

    private static long duplicateCompletions(EngineQueue q) {
        return q.counters().duplicateCompletions();
    }

    @Test
    void aSweepWaitsForTheDriversCloseThatIsStillCompletingTheJob() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            // Its close waits for the job it is running, which completes a while later.
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100).serviceTime(TimeUnit.SECONDS.toNanos(2)));
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            TestPlatform.await("hw's queue", () -> compressQueueOf(p, "hw") != null);
            EngineQueue q = compressQueueOf(p, "hw");
            int workerErrors = FakeDriver.WORKER_ERRORS.size();
            Session s = p.compressorFor("c").openSession(SessionSpec.of(Algorithm.GZIP).withDriver("hw"));
            CompletableFuture<Request> answer = new CompletableFuture<>();
            ByteBuffer out = ByteBuffer.allocate(DATA.length + 64);
            s.submit(s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA)).destination(out),
                    answer::complete);
            TestPlatform.await("the job in flight", () -> q.inFlight() == 1);

            Thread closer = new Thread(() -> p.engine().lifecycle().close(q, WdStatus.QUEUE_CLOSED, "closed by the test"));
            closer.start();
            TestPlatform.await("the queue closing", () -> q.state() == EngineQueue.CLOSED);
            // As when a sender's job was accepted just as the close began: the sweep comes 100 ms later,
            // while the driver's close still waits for the job it runs.
            p.engine().lifecycle().sweepStranded(q);
            closer.join(30_000);

            Request r = answer.get(30, TimeUnit.SECONDS);
            assertNull(r.error(), () -> "the driver's own completion is the answer: " + r.error());
            assertEquals("hw", r.servedBy());
            assertArrayEquals(DATA, Arrays.copyOf(out.array(), out.position()), "the fake's codec copies");
            assertEquals(0, duplicateCompletions(q), "completed once, by its driver");
            assertEquals(workerErrors, FakeDriver.WORKER_ERRORS.size(), "the driver never read an ended job: "
                    + FakeDriver.WORKER_ERRORS);
        }
    }

    @Test
    void queuesClosedAgainAndAgainWhileJobsCompleteAnswerEveryRequestOnce() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100).serviceTime(TimeUnit.MICROSECONDS.toNanos(200)));
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            int workerErrors = FakeDriver.WORKER_ERRORS.size();
            int threads = 6;
            int perThread = 500;
            Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
            AtomicInteger wrong = new AtomicInteger();
            AtomicBoolean sending = new AtomicBoolean(true);
            List<EngineQueue> closed = new ArrayList<>();
            Thread closer = new Thread(() -> {
                while (sending.get()) {
                    EngineQueue q = compressQueueOf(p, "hw");
                    if (q == null || q.inFlight() == 0) {
                        Thread.onSpinWait();
                        continue;
                    }
                    // As the watchdog replaces a queue: out of the picks, closed with its jobs in flight,
                    // and swept as if a job had been handed over meanwhile.
                    q.startDraining();
                    p.engine().views().publish();
                    p.engine().lifecycle().sweepStranded(q);
                    p.engine().lifecycle().close(q, WdStatus.QUEUE_CLOSED, "closed by the test");
                    closed.add(q);
                    p.engine().drivers().reconcileAll(p.engine().settings());
                    p.engine().views().publish();
                }
            });
            closer.start();
            Thread[] senders = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int id = t;
                senders[t] = new Thread(() -> {
                    Session s = p.compressorFor("c" + id).openSession(SessionSpec.of(Algorithm.GZIP));
                    List<CompletableFuture<Request>> mine = new ArrayList<>();
                    List<ByteBuffer> outs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        int key = id * perThread + i;
                        CompletableFuture<Request> f = new CompletableFuture<>();
                        ByteBuffer out = ByteBuffer.allocate(DATA.length + 64);
                        s.submit(s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                                .destination(out), r -> {
                                    answers.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                                    f.complete(r);
                                });
                        mine.add(f);
                        outs.add(out);
                    }
                    for (int i = 0; i < perThread; i++) {
                        try {
                            Request r = mine.get(i).get(60, TimeUnit.SECONDS);
                            ByteBuffer out = outs.get(i);
                            if (r.error() != null || !Arrays.equals(DATA, Arrays.copyOf(out.array(), out.position()))) {
                                wrong.incrementAndGet();
                            }
                        } catch (Exception e) {
                            wrong.incrementAndGet();
                        }
                    }
                });
                senders[t].start();
            }
            for (Thread t : senders) {
                t.join(120_000);
            }
            sending.set(false);
            closer.join(30_000);
            assertEquals(0, wrong.get(), "every request answered right");
            assertEquals(threads * perThread, answers.size());
            answers.forEach((k, n) -> assertEquals(1, n.get(), "request " + k + " answered once"));
            assertTrue(closed.size() > 0, "queues were closed while jobs were in flight");
            for (EngineQueue q : closed) {
                assertEquals(0, duplicateCompletions(q), "no job completed twice on " + q);
            }
            assertEquals(workerErrors, FakeDriver.WORKER_ERRORS.size(), "the driver never read an ended job: "
                    + FakeDriver.WORKER_ERRORS);
        }
    }

    /**
     * A second closer (the watchdog while a driver goes away) returns only once the first has
     * failed what the driver left and freed the slots: before, it returned as soon as the
     * driver's close had, and a caller that then read the direct memory found the queue's
     * bounce buffers still held (BounceLimitTest failed that way, rarely, in the full suite).
     */
    @Test
    void aSecondCloserReturnsOnlyOnceTheFirstHasFreedTheSlots() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            hw.onSend = (queue, job) -> queue.stuck = true; // accepted, never answered, left to the platform at close
            TestPlatform.await("hw's queue", () -> compressQueueOf(p, "hw") != null);
            EngineQueue q = compressQueueOf(p, "hw");
            Session s = p.compressorFor("c").openSession(SessionSpec.of(Algorithm.GZIP).withDriver("hw"));
            CountDownLatch inCallback = new CountDownLatch(1);
            CountDownLatch letGo = new CountDownLatch(1);
            AtomicInteger answers = new AtomicInteger();
            List<Thread> answeredOn = new ArrayList<>();
            s.submit(s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                    .destination(ByteBuffer.allocate(DATA.length + 64)), r -> {
                        answers.incrementAndGet();
                        answeredOn.add(Thread.currentThread());
                        inCallback.countDown();
                        try {
                            letGo.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
            TestPlatform.await("the job in flight", () -> q.inFlight() == 1);

            // A status no request is sent again for: the left job is failed, and answered, on the closing thread.
            Thread first = new Thread(() -> p.engine().lifecycle().close(q, WdStatus.INTERNAL, "first closer"));
            first.start();
            assertTrue(inCallback.await(30, TimeUnit.SECONDS), "the left job is failed by the first closer");
            assertEquals(first, answeredOn.get(0), "failed on the closing thread, which the callback now holds");
            Thread second = new Thread(() -> p.engine().lifecycle().close(q, WdStatus.DRIVER_GONE, "second closer"));
            second.start();
            TestPlatform.await("the second closer waiting or returned",
                    () -> second.getState() == Thread.State.WAITING || second.getState() == Thread.State.TERMINATED);
            assertTrue(second.isAlive(), "the second closer returned while the first was still freeing the slots");

            letGo.countDown();
            first.join(30_000);
            second.join(30_000);
            assertTrue(!first.isAlive() && !second.isAlive(), "both closers returned");
            assertEquals(1, answers.get(), "answered once");
            for (int tag = 0; tag < q.slotCount(); tag++) {
                assertNotNull(q.slot(tag), "slot " + tag);
                assertTrue(!q.slot(tag).isInFlight(), "slot " + tag + " ended");
            }
        }
    }
}
