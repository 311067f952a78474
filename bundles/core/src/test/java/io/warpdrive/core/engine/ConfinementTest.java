package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.session.CompressorImpl;
import io.warpdrive.lib.CalcType;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.Scheduler;
import io.warpdrive.stats.ContextUsage;
import io.warpdrive.testing.kit.FakeDriver;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A policy that confines requests to groups of queues ({@code Scheduler.admits}, the
 * scheduling contexts of the hypervisor): the platform's own fallbacks honour it, a queue it
 * withdraws and then sees idle receives no request it refused, and the per-context work
 * counters and the hypervisor-tag completion signal it measures by.
 */
class ConfinementTest {
    private static final int MOVING = -1;

    /**
     * Context "a" owns the queue of driver {@code left} (or nobody does, while it moves), context
     * "b" the queue of {@code right} and, when it owns it, {@code left} as well.
     */
    static final class SplitPolicy implements Scheduler {
        volatile int leftOwner;

        static int contextOf(SchedKey key) {
            return "a".equals(key.contextTag()) ? 0 : 1;
        }

        @Override
        public String name() {
            return "split";
        }

        @Override
        public boolean admits(SchedKey key, QueueInfo q) {
            int ctx = contextOf(key);
            return q.driver().equals("left") ? leftOwner == ctx : ctx == 1;
        }

        @Override
        public QueueInfo pick(SchedKey key, QueueView view) {
            QueueInfo best = null;
            for (int i = 0; i < view.size(); i++) {
                QueueInfo q = view.get(i);
                if (q.canTake(key) && (best == null || q.inFlight() < best.inFlight())) {
                    best = q;
                }
            }
            return best;
        }
    }

    private static TestPlatform twoDrivers(FakeDriver left, FakeDriver right) {
        TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(1).build());
        p.add(left);
        p.add(right);
        return p;
    }

    private static Request request(Session s, byte mark) {
        byte[] data = new byte[256];
        data[0] = mark;
        return s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data))
                .destination(ByteBuffer.allocate(512));
    }

    /** The compress queue of {@code driver} in the current view (the engine tests open one per driver). */
    static EngineQueue compressQueueOf(TestPlatform p, String driver) {
        for (EngineQueue q : p.engine.views().view().asArray()) {
            if (q.driver().equals(driver) && q.operation() == Operation.COMPRESS) {
                return q;
            }
        }
        throw new AssertionError("no compress queue of " + driver);
    }

    @Test
    void anAutoRequestWaitsForItsOwnQueuesInsteadOfFallingBackElsewhere() throws Exception {
        FakeDriver left = new FakeDriver("left", CalcType.SOFT, 0);
        left.depth = 2;
        FakeDriver right = new FakeDriver("right", CalcType.SOFT, 0);
        try (TestPlatform p = twoDrivers(left, right)) {
            SplitPolicy policy = new SplitPolicy();
            p.addScheduler(policy, 50);
            CompressorImpl c = p.compressor("confined");
            Session a = c.openSession(SessionSpec.of(Algorithm.GZIP).withContextTag("a")
                    .withTimeout(Duration.ofSeconds(30)));
            Session b = c.openSession(SessionSpec.of(Algorithm.GZIP).withContextTag("b"));
            left.hold = true;
            List<Request> requests = new ArrayList<>();
            AtomicInteger done = new AtomicInteger();
            for (int i = 0; i < 6; i++) {
                Request r = request(a, (byte) 0);
                requests.add(r);
                // a submit that must wait for capacity waits in the caller's thread
                new Thread(() -> a.submit(r, x -> done.incrementAndGet()), "submitter-" + i).start();
            }
            // two fill the left queue, four wait for it: none goes to the right queue, which has room
            TestPlatform.await("two held, four waiting", () -> left.held.size() == 2 && p.waitingForCapacity() == 4);
            Request other = request(b, (byte) 1);
            b.execute(other);
            assertEquals("right", other.servedBy());
            left.hold = false;
            left.releaseHeld();
            TestPlatform.await("all six done", () -> done.get() == 6);
            for (Request r : requests) {
                assertEquals(WdStatus.OK, r.status());
                assertEquals("left", r.servedBy());
            }
        }
    }

    /**
     * The left queue moves between the two contexts 300 times under load from both: the mover
     * withdraws it (nobody admitted), waits until nothing is in flight there, then gives it to
     * the other context. No job ever reaches it while another context owns it, and every
     * request completes exactly once.
     */
    @Test
    void aQueueHandedOverOnceIdleNeverServesTheContextThatLostIt() throws Exception {
        FakeDriver left = new FakeDriver("left", CalcType.SOFT, 0);
        left.depth = 4;
        FakeDriver right = new FakeDriver("right", CalcType.SOFT, 0);
        right.depth = 4;
        try (TestPlatform p = twoDrivers(left, right)) {
            SplitPolicy policy = new SplitPolicy();
            p.addScheduler(policy, 50);
            ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
            left.onSend = (queue, job) -> {
                if (queue.operation != Operation.COMPRESS) {
                    return;
                }
                ByteBuffer src = job.source().get(0);
                int ctx = src.get(src.position());
                int owner = policy.leftOwner;
                if (owner != MOVING && owner != ctx) {
                    violations.add("a job of context " + ctx + " reached the left queue owned by " + owner);
                }
            };
            CompressorImpl c = p.compressor("confined");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong submitted = new AtomicLong();
            AtomicLong succeeded = new AtomicLong();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                final byte ctx = (byte) (t % 2);
                Thread th = new Thread(() -> {
                    try (Session s = c.openSession(SessionSpec.of(Algorithm.GZIP).withContextTag(ctx == 0 ? "a" : "b")
                            .withTimeout(Duration.ofSeconds(30)))) {
                        Request r = request(s, ctx);
                        while (!stop.get()) {
                            submitted.incrementAndGet();
                            r.source().get(0).rewind();
                            r.destination().get(0).clear();
                            try {
                                s.execute(r);
                                succeeded.incrementAndGet();
                            } catch (RuntimeException e) {
                                failures.add(e.toString());
                            }
                        }
                    }
                }, "confined-" + t);
                th.start();
                threads.add(th);
            }
            EngineQueue leftQueue = compressQueueOf(p, "left");
            for (int flip = 0; flip < 300; flip++) {
                int next = 1 - policy.leftOwner;
                long before = succeeded.get();
                TestPlatform.await("traffic flows", () -> succeeded.get() > before + 5);
                policy.leftOwner = MOVING;
                TestPlatform.await("the left queue drained", () -> leftQueue.inFlight() == 0);
                policy.leftOwner = next;
            }
            stop.set(true);
            for (Thread th : threads) {
                th.join(30_000);
            }
            assertTrue(failures.isEmpty(), "failures: " + failures);
            assertTrue(violations.isEmpty(), "violations (first): " + violations.peek());
            assertEquals(submitted.get(), succeeded.get());
            long completed = 0;
            for (ContextUsage u : p.engine.usage().contexts()) {
                completed += u.completedRequests(Operation.COMPRESS);
                assertEquals(u.submittedRequests(Operation.COMPRESS), u.completedRequests(Operation.COMPRESS));
            }
            assertEquals(submitted.get(), completed, "each request counted once per context");
        }
    }

    @Test
    void workIsCountedPerConsumerAndContextTagAndTaggedCompletionsAreSignalled() throws Exception {
        try (TestPlatform p = TestPlatform.withCopyingDriver()) {
            List<String> signals = new java.util.concurrent.CopyOnWriteArrayList<>();
            p.bindTagListener((tag, consumer, contextTag, status) -> signals.add(tag + " " + consumer + " "
                    + contextTag + " " + status));
            CompressorImpl c = p.compressor("worker");
            Session tagged = c.openSession(SessionSpec.of(Algorithm.GZIP).withContextTag("batch"));
            Session plain = c.openSession(SessionSpec.of(Algorithm.GZIP));
            for (int i = 0; i < 3; i++) {
                tagged.execute(request(tagged, (byte) 0));
            }
            tagged.execute(request(tagged, (byte) 0).hypervisorTag(7));
            plain.execute(request(plain, (byte) 0).operation(Operation.DECOMPRESS));
            p.failJobsWith(WdStatus.CORRUPT_INPUT);
            Request bad = request(plain, (byte) 0).operation(Operation.DECOMPRESS).hypervisorTag(2);
            try {
                plain.execute(bad);
            } catch (RuntimeException expected) {
                // counted as completed all the same
            }
            assertEquals(List.of("7 worker batch OK", "2 worker null CORRUPT_INPUT"), signals);
            List<ContextUsage> work = p.usage().contexts();
            assertEquals(2, work.size());
            ContextUsage none = work.get(0);
            ContextUsage batch = work.get(1);
            assertEquals(null, none.contextTag());
            assertEquals("batch", batch.contextTag());
            assertEquals(4, batch.submittedRequests(Operation.COMPRESS));
            assertEquals(4, batch.completedRequests(Operation.COMPRESS));
            assertEquals(4 * 256, batch.completedBytes(Operation.COMPRESS));
            assertEquals(0, batch.submittedRequests(Operation.DECOMPRESS));
            assertEquals(2, none.submittedRequests(Operation.DECOMPRESS));
            assertEquals(2, none.completedRequests(Operation.DECOMPRESS));
            assertEquals(2 * 256, none.submittedBytes(Operation.DECOMPRESS));
        }
    }

    @Test
    void workDeclaredPerRequestIsCountedInsteadOfItsInputBytesAndANegativeOneIsRefused() throws Exception {
        try (TestPlatform p = TestPlatform.withCopyingDriver()) {
            CompressorImpl c = p.compressor("worker");
            Session s = c.openSession(SessionSpec.of(Algorithm.GZIP).withContextTag("batch"));
            Request declared = request(s, (byte) 0).declaredWork(1000);
            s.execute(declared);
            s.execute(declared.source(ByteBuffer.wrap(new byte[256])).destination(ByteBuffer.allocate(512)));
            assertEquals(1000, declared.declaredWork(), "stays on the reused request");
            s.execute(request(s, (byte) 0)); // declares none: its 256 input bytes are its work
            try {
                request(s, (byte) 0).declaredWork(-1);
                throw new AssertionError("negative work accepted");
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("-1"), expected.getMessage());
            }
            ContextUsage batch = p.usage().contexts().get(0);
            assertEquals(3 * 256, batch.completedBytes(Operation.COMPRESS));
            assertEquals(2 * 1000 + 256, batch.submittedWork(Operation.COMPRESS));
            assertEquals(2 * 1000 + 256, batch.completedWork(Operation.COMPRESS));
        }
    }

    @Test
    void aPolicyWhoseAdmitsThrowsAdmitsAndIsCounted() throws Exception {
        try (TestPlatform p = TestPlatform.withCopyingDriver()) {
            Scheduler broken = new Scheduler() {
                @Override
                public String name() {
                    return "broken";
                }

                @Override
                public boolean admits(SchedKey key, QueueInfo q) {
                    throw new IllegalStateException("broken");
                }

                @Override
                public QueueInfo pick(SchedKey key, QueueView view) {
                    return null;
                }
            };
            p.addScheduler(broken, 50);
            CompressorImpl c = p.compressor("x");
            Session s = c.openSession(SessionSpec.of(Algorithm.GZIP));
            Request r = request(s, (byte) 0);
            s.execute(r);
            assertEquals("copy", r.servedBy());
            assertTrue(p.engine.schedulers().infos().get(0).faults() > 0);
        }
    }
}
