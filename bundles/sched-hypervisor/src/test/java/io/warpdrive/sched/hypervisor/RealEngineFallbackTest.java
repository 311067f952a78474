package io.warpdrive.sched.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.lib.CalcType;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.Scheduler;
import io.warpdrive.testing.kit.FakeDriver;
import io.warpdrive.testing.platform.TestPlatform;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * AUTO's way out of a context on the real engine, not the synthetic view: two contexts, one
 * owning the hardware queue and the other the CPU queue. With the hardware held full, the
 * hardware context's AUTO requests are served at once by the CPU queue the other context owns,
 * while its HARDWARE_ONLY request waits for its own hardware queue and is served there once the
 * hardware lets go.
 */
class RealEngineFallbackTest {

    /** The hypervisor's request path, as {@link HypervisorScheduler} serves it, on a hypervisor the test ticks. */
    private static Scheduler scheduler(Hypervisor h) {
        return new Scheduler() {
            @Override
            public String name() {
                return HypervisorScheduler.NAME;
            }

            @Override
            public QueueInfo pick(SchedKey key, QueueView view) {
                return h.assignment().pick(key, view);
            }

            @Override
            public boolean admits(SchedKey key, QueueInfo queue) {
                return h.assignment().admits(key, queue);
            }
        };
    }

    private static QueueInfo compressQueue(TestPlatform p, boolean hardware) {
        QueueView v = p.platform().queues();
        for (int i = 0; i < v.size(); i++) {
            QueueInfo q = v.get(i);
            if (q.operation() == Operation.COMPRESS && q.calcType().isHardware() == hardware) {
                return q;
            }
        }
        throw new AssertionError("no " + (hardware ? "hardware" : "CPU") + " compress queue");
    }

    private static Request request(Session s) {
        return s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(new byte[4096]))
                .destination(ByteBuffer.allocate(8192));
    }

    @Test
    void autoInAContextFallsBackToAnotherContextsCpuQueueWhileHardwareOnlyWaitsForItsOwn() throws Exception {
        try (TestPlatform p = TestPlatform.builder().queuesPerDevice(1).waitTimeout(Duration.ofSeconds(60)).build()) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            hw.depth = 2;
            p.bindFake(hw);
            p.bindFake(new FakeDriver("cpu", CalcType.SOFT, 0));
            List<String> log = new ArrayList<>();
            Hypervisor h = new Hypervisor(System::nanoTime, log::add, Fixture.builtIn(), new Events());
            h.configure(List.of(Fixture.spec("a").consumers("a").queues(1).bounds(1, 1).build(),
                    Fixture.spec("b").consumers("b").queues(1).bounds(1, 1).build()));
            p.bind(scheduler(h), 100);
            for (int i = 0; i < 2; i++) { // the first round gives the queues out, the next hands over drained ones
                h.tick(p.platform().queues(), p.usage().queues(), p.usage().contexts(), true);
            }
            int hwOwner = h.assignment().ownerOf(compressQueue(p, true));
            int cpuOwner = h.assignment().ownerOf(compressQueue(p, false));
            assertTrue(hwOwner >= 0 && cpuOwner >= 0 && hwOwner != cpuOwner,
                    "each context owns one of the two: hardware " + hwOwner + ", CPU " + cpuOwner + " " + log);
            String member = hwOwner == 0 ? "a" : "b";

            Session auto = p.compressorFor(member).openSession(SessionSpec.of(Algorithm.GZIP)
                    .withFallback(FallbackPolicy.AUTO));
            Session hardwareOnly = p.compressorFor(member).openSession(SessionSpec.of(Algorithm.GZIP)
                    .withFallback(FallbackPolicy.HARDWARE_ONLY));
            hw.hold = true;
            List<CompletableFuture<Request>> onHardware = new ArrayList<>();
            for (int i = 0; i < hw.depth; i++) { // fills the context's own hardware queue
                onHardware.add(auto.submit(request(auto)).toCompletableFuture());
            }
            TestPlatform.await("the hardware queue full", () -> compressQueue(p, true).inFlight() == hw.depth);
            for (int i = 0; i < 50; i++) {
                Request r = request(auto);
                auto.execute(r); // would wait for the held hardware if AUTO were confined with it
                assertFalse(r.servedByHardware(), "request " + i + " served by " + r.servedBy());
                assertEquals("cpu", r.servedBy());
            }
            // submitting waits for capacity on the caller's thread: a thread of its own
            CompletableFuture<Request> waiting = CompletableFuture.supplyAsync(() -> {
                Request r = request(hardwareOnly);
                hardwareOnly.execute(r);
                return r;
            });
            TestPlatform.await("HARDWARE_ONLY waits for its context's hardware", () -> p.waitingForCapacity() == 1);
            assertFalse(waiting.isDone(), "HARDWARE_ONLY was not served elsewhere");

            hw.hold = false;
            hw.releaseHeld();
            Request served = waiting.get(60, TimeUnit.SECONDS);
            assertTrue(served.servedByHardware(), "served by " + served.servedBy());
            for (CompletableFuture<Request> f : onHardware) {
                assertNotNull(f.get(60, TimeUnit.SECONDS));
            }
        }
    }
}
