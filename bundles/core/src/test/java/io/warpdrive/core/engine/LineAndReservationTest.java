package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Priority;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Reservation;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.request.EngineRequest;
import io.warpdrive.core.engine.request.RequestKey;
import io.warpdrive.core.engine.session.CompressorImpl;
import io.warpdrive.lib.CalcType;
import io.warpdrive.sched.PriorityLevel;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.Scheduler;
import io.warpdrive.testing.kit.FakeDriver;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Capacity line: HARDWARE_ONLY waits in a fair line; queues reserved by a consumer are its own. */
class LineAndReservationTest {
    private static final byte[] DATA = new byte[64];

    private static Request compress(Session s) {
        Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                .destination(ByteBuffer.allocate(128));
        s.execute(r);
        return r;
    }

    /** One hardware compress queue of depth 1 plus a soft driver. */
    private static FakeDriver oneHardwareSlot(TestPlatform p) {
        FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
        hw.depth = 1;
        p.add(hw);
        p.add(new FakeDriver("soft", CalcType.SOFT, 0));
        return hw;
    }

    @Test
    void hardwareOnlyRequestsAreServedInArrivalOrderAsSlotsFree() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(1).build())) {
            FakeDriver hw = oneHardwareSlot(p);
            CompressorImpl c = p.compressor("video");
            Session hwOnly = c.openSession(SessionSpec.of(Algorithm.GZIP).withFallback(FallbackPolicy.HARDWARE_ONLY)
                    .withTimeout(Duration.ofSeconds(30)));
            hw.hold = true;
            hwOnly.submit(hwOnly.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                    .destination(ByteBuffer.allocate(128)), r -> { });
            TestPlatform.await("hardware slot taken", () -> hw.held.size() == 1);

            List<Thread> waiters = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                final int n = i;
                Thread t = new Thread(() -> {
                    byte[] mine = new byte[64];
                    mine[0] = (byte) n;
                    hwOnly.execute(hwOnly.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(mine))
                            .destination(ByteBuffer.allocate(128)));
                });
                t.start();
                waiters.add(t);
                TestPlatform.await("waiter " + i + " in line", () -> p.engine.line().waiting() == n + 1);
            }
            // While they wait, an AUTO newcomer does not barge onto the hardware: it goes to the CPU.
            Session auto = c.openSession(SessionSpec.of(Algorithm.GZIP));
            assertEquals("soft", compress(auto).servedBy());
            // Free the slot one job at a time: it is handed to the next waiter in arrival order,
            // whose job then holds it until the next release.
            List<Integer> order = new ArrayList<>();
            hw.releaseOne();
            for (int i = 0; i < 5; i++) {
                TestPlatform.await("next job holds the slot", () -> hw.held.size() == 1);
                order.add((int) hw.held.peek().source().get(0).get(0));
                hw.releaseOne();
            }
            for (Thread t : waiters) {
                t.join();
            }
            assertEquals(List.of(0, 1, 2, 3, 4), order);
        }
    }

    /**
     * Hardware held back for the highest level, as the priority coordinator does it: a
     * lower-level request may not take the {@code reserve} driver's instance.
     */
    static final class HeldBackPolicy implements Scheduler {
        @Override
        public String name() {
            return "held-back";
        }

        @Override
        public boolean admits(SchedKey key, QueueInfo q) {
            return !q.driver().equals("reserve") || key.priority() == PriorityLevel.SYSTEM_HIGH;
        }

        @Override
        public QueueInfo pick(SchedKey key, QueueView view) {
            for (int i = 0; i < view.size(); i++) {
                if (view.get(i).canTake(key)) {
                    return view.get(i);
                }
            }
            return null;
        }
    }

    /**
     * A lower-level HARDWARE_ONLY request waiting in line for hardware that is not held back does
     * not keep the hardware held back for a higher level from that level: a SYSTEM_HIGH AUTO
     * newcomer takes it instead of going to the CPU. A queue the waiter could take stays the line's.
     */
    @Test
    void aWaiterKeptOffHeldBackHardwareDoesNotSendAHigherLevelNewcomerToTheCpu() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(1).build())) {
            FakeDriver reserve = new FakeDriver("reserve", CalcType.HW, 200);
            reserve.depth = 1;
            reserve.instances = 1;
            FakeDriver shared = new FakeDriver("shared", CalcType.HW, 100);
            shared.depth = 1;
            shared.instances = 1;
            p.add(reserve);
            p.add(shared);
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            p.addScheduler(new HeldBackPolicy(), 50);
            CompressorImpl pictures = CompressorImpl.of(p.engine, "pictures", "1", 7, false);
            CompressorImpl video = CompressorImpl.of(p.engine, "video", "1", 8, true);
            Session low = pictures.openSession(SessionSpec.of(Algorithm.GZIP)
                    .withFallback(FallbackPolicy.HARDWARE_ONLY).withTimeout(Duration.ofSeconds(30)));
            shared.hold = true;
            low.submit(low.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                    .destination(ByteBuffer.allocate(128)), r -> { });
            TestPlatform.await("the shared instance taken", () -> shared.held.size() == 1);
            Request waiting = low.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                    .destination(ByteBuffer.allocate(128));
            java.util.concurrent.CountDownLatch served = new java.util.concurrent.CountDownLatch(1);
            Thread waiter = new Thread(() -> low.submit(waiting, r -> served.countDown()), "low-hardware-only");
            waiter.start();
            TestPlatform.await("the low request waits in line", () -> p.engine.line().waiting() == 1);

            Session high = video.openSession(SessionSpec.of(Algorithm.GZIP).withPriority(Priority.HIGH));
            // Room aside: the shared queue is one the waiter could take, so it is the line's; the
            // held-back one is not, so it takes the newcomer.
            RequestKey newcomer = ((EngineRequest) high.newRequest().operation(Operation.COMPRESS)).key();
            assertFalse(ConfinementTest.compressQueueOf(p, "shared").mayTakeBesidesPolicy(newcomer), "the line's, in arrival order");
            assertTrue(ConfinementTest.compressQueueOf(p, "reserve").mayTakeBesidesPolicy(newcomer), "nobody in line may take it");
            assertEquals("reserve", compress(high).servedBy(), "held back for SYSTEM_HIGH, and SYSTEM_HIGH gets it");
            Session lowAuto = pictures.openSession(SessionSpec.of(Algorithm.GZIP));
            assertEquals("soft", compress(lowAuto).servedBy(), "a lower level still does not");

            // The shared instance is one the waiter could take: it stays the line's, in arrival order.
            shared.releaseOne();
            TestPlatform.await("the waiter holds the shared instance", () -> shared.held.size() == 1);
            shared.hold = false;
            shared.releaseHeld();
            assertTrue(served.await(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("shared", waiting.servedBy());
            waiter.join();
        }
    }

    @Test
    void aWaiterThatTimesOutPassesTheSlotOn() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(1).build())) {
            FakeDriver hw = oneHardwareSlot(p);
            CompressorImpl c = p.compressor("video");
            Session impatient = c.openSession(SessionSpec.of(Algorithm.GZIP)
                    .withFallback(FallbackPolicy.HARDWARE_ONLY).withTimeout(Duration.ofMillis(50)));
            hw.hold = true;
            impatient.submit(impatient.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                    .destination(ByteBuffer.allocate(128)), r -> { });
            TestPlatform.await("slot taken", () -> hw.held.size() == 1);
            WdException e = assertThrows(WdException.class, () -> compress(impatient));
            assertEquals(WdStatus.TIMEOUT, e.status());
            assertTrue(e.getMessage().contains("hardware queues for gzip compress stayed busy"), e.getMessage());
            hw.hold = false;
            hw.releaseHeld();
            assertEquals("hw", compress(c.openSession(SessionSpec.of(Algorithm.GZIP))).servedBy(),
                    "the freed slot is usable, not lost to the departed waiter");
        }
    }

    @Test
    void reservedQueuesServeTheirOwnerAndNobodyElse() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(1).build())) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.instances = 4;
            p.add(hw);
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            CompressorImpl owner = CompressorImpl.of(p.engine, "owner", "1", 7);
            CompressorImpl other = CompressorImpl.of(p.engine, "other", "1", 8);
            Reservation r = owner.reserve(Operation.COMPRESS, 1, FallbackPolicy.HARDWARE_ONLY);
            assertEquals(1, r.queues());
            assertTrue(r.isHardware());
            EngineQueue reserved = null;
            for (int i = 0; i < p.platform().queues().size(); i++) {
                EngineQueue q = (EngineQueue) p.platform().queues().get(i);
                if (q.reservedBy() == 7) {
                    reserved = q;
                }
            }
            assertTrue(reserved != null, "the reserved queue is in the view with its owner");
            // The owner's requests go to its own queue first.
            Session mine = owner.openSession(SessionSpec.of(Algorithm.GZIP));
            hw.hold = true;
            mine.submit(mine.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                    .destination(ByteBuffer.allocate(128)), x -> { });
            final EngineQueue q = reserved;
            TestPlatform.await("owner's job on its reserved queue", () -> q.inFlight() == 1);
            // Another consumer never lands there, even when the shared hardware queue is full.
            Session theirs = other.openSession(SessionSpec.of(Algorithm.GZIP));
            for (int i = 0; i < hw.depth; i++) {
                theirs.submit(theirs.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                        .destination(ByteBuffer.allocate(128)), x -> { });
            }
            assertEquals("soft", compress(theirs).servedBy());
            assertEquals(1, q.inFlight(), "nothing of theirs on the reserved queue");
            hw.hold = false;
            hw.releaseHeld();
            // Bounds: over the per-consumer bound, and no free instance left.
            assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class,
                    () -> owner.reserve(Operation.COMPRESS, 4, FallbackPolicy.HARDWARE_ONLY)).status());
            owner.reserve(Operation.COMPRESS, 1, FallbackPolicy.HARDWARE_ONLY);
            assertEquals(WdStatus.BUSY, assertThrows(WdException.class,
                    () -> other.reserve(Operation.COMPRESS, 1, FallbackPolicy.HARDWARE_ONLY)).status());
            // The owner stops: its reservations go back, and the instances are free again.
            owner.close();
            assertFalse(q.state() == EngineQueue.OPEN);
            TestPlatform.await("reserved queues drained and closed", () -> hw.devices.get(0).availableInstances() == 2);
            Reservation theirsNow = other.reserve(Operation.COMPRESS, 1, FallbackPolicy.HARDWARE_ONLY);
            assertEquals(1, theirsNow.queues());
            theirsNow.close();
            theirsNow.close();
        }
    }

    /**
     * With {@code hardware.only.wait.unbounded} a HARDWARE_ONLY request without a session timeout
     * waits past the engine's {@code wait.timeout.ms} (here 1 ms) until hardware frees; AUTO's
     * wait is untouched, and a session's own timeout still rules.
     */
    @Test
    void hardwareOnlyCanBeConfiguredToWaitWithoutLimit() throws Exception {
        Settings.Builder b = new Settings.Builder().queuesDefault(1);
        b.waitTimeoutNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1);
        b.hardwareOnlyWaitUnbounded = true;
        try (TestPlatform p = new TestPlatform(b.build())) {
            FakeDriver hw = oneHardwareSlot(p);
            CompressorImpl c = p.compressor("video");
            Session patient = c.openSession(SessionSpec.of(Algorithm.GZIP).withFallback(FallbackPolicy.HARDWARE_ONLY));
            io.warpdrive.core.engine.session.AbstractSession s = (io.warpdrive.core.engine.session.AbstractSession) patient;
            assertEquals(io.warpdrive.core.engine.session.AbstractSession.UNBOUNDED_WAIT_NANOS, s.waitTimeoutNanos());
            assertEquals(1_000_000L, ((io.warpdrive.core.engine.session.AbstractSession) c.openSession(
                    SessionSpec.of(Algorithm.GZIP))).waitTimeoutNanos(), "AUTO: the engine's timeout");
            assertEquals(Duration.ofSeconds(2).toNanos(), ((io.warpdrive.core.engine.session.AbstractSession) c
                    .openSession(SessionSpec.of(Algorithm.GZIP).withFallback(FallbackPolicy.HARDWARE_ONLY)
                            .withTimeout(Duration.ofSeconds(2)))).waitTimeoutNanos(), "the session's own timeout");
            hw.hold = true;
            patient.submit(patient.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                    .destination(ByteBuffer.allocate(128)), r -> { });
            TestPlatform.await("hardware slot taken", () -> hw.held.size() == 1);
            List<Request> done = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Throwable> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread waiter = new Thread(() -> {
                try {
                    done.add(compress(patient));
                } catch (Throwable t) {
                    failed.add(t);
                }
            });
            waiter.start();
            TestPlatform.await("the request waits in line", () -> p.engine.line().waiting() == 1);
            long entered = System.nanoTime();
            TestPlatform.await("still waiting, fifty times past the engine's timeout",
                    () -> System.nanoTime() - entered > 50_000_000L && p.engine.line().waiting() == 1
                            || !failed.isEmpty());
            assertEquals(List.of(), failed);
            hw.hold = false;
            hw.releaseHeld();
            waiter.join(30_000);
            assertEquals(1, done.size());
            assertEquals("hw", done.get(0).servedBy());
        }
    }

    /**
     * {@code reserve} with a timeout: zero tries once (BUSY at once), a bounded wait ends in
     * TIMEOUT, and a wait without limit gets the instance another consumer's reservation gives
     * back; an interrupted wait ends with its thread's interrupt status kept.
     */
    @Test
    void aReservationWaitsForAnInstanceOrTriesOnce() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(1).build())) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.instances = 3; // the pool's two queues (one per direction) and one to reserve
            p.add(hw);
            CompressorImpl owner = CompressorImpl.of(p.engine, "owner", "1", 7);
            CompressorImpl other = CompressorImpl.of(p.engine, "other", "1", 8);
            Reservation held = owner.reserve(Operation.COMPRESS, 1, FallbackPolicy.HARDWARE_ONLY, Duration.ZERO);
            assertEquals(1, held.queues());
            assertEquals(WdStatus.BUSY, assertThrows(WdException.class,
                    () -> other.reserve(Operation.COMPRESS, 1, FallbackPolicy.HARDWARE_ONLY, Duration.ZERO)).status(),
                    "zero: try once");
            WdException timedOut = assertThrows(WdException.class,
                    () -> other.reserve(Operation.COMPRESS, 1, FallbackPolicy.HARDWARE_ONLY, Duration.ofMillis(30)));
            assertEquals(WdStatus.TIMEOUT, timedOut.status());
            assertTrue(timedOut.getMessage().contains("waited 30 ms"), timedOut.getMessage());
            assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class,
                    () -> other.reserve(Operation.COMPRESS, 1, FallbackPolicy.HARDWARE_ONLY, Duration.ofMillis(-1)))
                    .status());

            List<Reservation> got = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Throwable> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread waiter = new Thread(() -> {
                try {
                    got.add(other.reserve(Operation.COMPRESS, 1, FallbackPolicy.HARDWARE_ONLY, null));
                } catch (Throwable t) {
                    failed.add(t);
                }
            });
            waiter.start();
            TestPlatform.await("the waiter is parked", () -> waiter.getState() == Thread.State.TIMED_WAITING);
            assertTrue(got.isEmpty() && failed.isEmpty(), "no instance: it waits");
            held.close(); // drains and closes: the instance is free again
            waiter.join(30_000);
            assertEquals(List.of(), failed);
            assertEquals(1, got.size());
            assertEquals(1, got.get(0).queues());

            List<Throwable> interrupted = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean flagKept = new java.util.concurrent.atomic.AtomicBoolean();
            Thread second = new Thread(() -> {
                try {
                    owner.reserve(Operation.COMPRESS, 1, FallbackPolicy.HARDWARE_ONLY, null);
                } catch (Throwable t) {
                    interrupted.add(t);
                    flagKept.set(Thread.currentThread().isInterrupted());
                }
            });
            second.start();
            TestPlatform.await("the second waiter is parked", () -> second.getState() == Thread.State.TIMED_WAITING);
            second.interrupt();
            second.join(30_000);
            assertEquals(1, interrupted.size());
            assertEquals(WdStatus.INVALID_STATE, ((WdException) interrupted.get(0)).status());
            assertTrue(flagKept.get(), "the interrupt status is kept");
            got.get(0).close();
        }
    }
}
