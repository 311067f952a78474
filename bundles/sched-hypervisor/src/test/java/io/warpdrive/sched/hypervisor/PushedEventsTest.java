package io.warpdrive.sched.hypervisor;

import static io.warpdrive.comp.Operation.COMPRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.lib.CalcType;
import io.warpdrive.stats.UsageEvent;
import io.warpdrive.stats.UsageThresholds;
import io.warpdrive.testing.sched.SyntheticView;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Events pushed from the request and completion paths: raised on crossing only (the first of a
 * kind between two rounds), and the hypervisor's thread makes its round at once for them
 * instead of waiting for its tick.
 */
class PushedEventsTest {

    private static Fixture fixture() {
        Fixture f = new Fixture().queues("hw", CalcType.HW, 100, 2);
        f.context(Fixture.spec("a").queues(1).at(2, "+1")).context(Fixture.spec("b").queues(1));
        f.tick();
        f.events.take();
        return f;
    }

    @Test
    void aTaggedCompletionIsPushedOnlyForATagSomeContextResizesAt() {
        Fixture f = fixture();
        f.hypervisor.tagCompleted(7);
        assertFalse(f.events.any(), "no context resizes at 7");
        f.hypervisor.tagCompleted(2);
        f.hypervisor.tagCompleted(2);
        assertEquals(Events.TAGGED, f.events.take());
        assertEquals(0, f.events.take(), "taken by the round");
    }

    @Test
    void aContextsRequestThatFindsNoneOfItsQueuesFreePushesStarved() {
        Fixture f = fixture();
        SyntheticView.Key a = Fixture.key("a", COMPRESS);
        assertNotNull(f.assignment().pick(a, f.view));
        assertFalse(f.events.any(), "a free queue of its own: nothing to tell");
        for (SyntheticView.Q q : f.owned("a", COMPRESS)) {
            q.inFlight = q.depth;
        }
        a.fallback = io.warpdrive.comp.FallbackPolicy.HARDWARE_ONLY;
        assertNull(f.assignment().pick(a, f.view));
        assertEquals(Events.STARVED, f.events.take());
    }

    @Test
    void theEngineWatchesAContextsWorkWithItsShortestMaxIdleTimeAndItsMinimumThroughput() {
        Fixture f = new Fixture().queues("hw", CalcType.HW, 100, 2);
        f.context(Fixture.spec("a").maxIdle(500).queueMaxIdle("hw", 200).minThroughput(1_000_000))
                .context(Fixture.spec("b").consumers("com.example.*"));
        assertEquals(new UsageThresholds(TimeUnit.MILLISECONDS.toNanos(200), 1e6),
                f.hypervisor.thresholds("anyone", "a"), "the context tagged a");
        assertEquals(new UsageThresholds(TimeUnit.MILLISECONDS.toNanos(1000), 0),
                f.hypervisor.thresholds("com.example.batch", null), "b's default max idle time, no minimum throughput");
        assertEquals(UsageThresholds.NONE, f.hypervisor.thresholds("outsider", null), "outside every context");
    }

    @Test
    void theEnginesCrossingsOfAContextsWorkArePushedAsEventsWithoutATick() {
        Fixture f = fixture();
        f.hypervisor.crossed(UsageEvent.IDLE, "anyone", "a");
        assertEquals(Events.IDLE, f.events.take(), "a context idle beyond its threshold, before any tick");
        f.hypervisor.crossed(UsageEvent.SLOW, "anyone", "b");
        f.hypervisor.crossed(UsageEvent.SUBMITTED, "anyone", "a");
        f.hypervisor.crossed(UsageEvent.COMPLETED, "anyone", "b");
        assertEquals(Events.SLOW | Events.WORK, f.events.take());
        f.hypervisor.crossed(UsageEvent.IDLE, "outsider", null);
        f.hypervisor.crossed(UsageEvent.SUBMITTED, "outsider", "untagged");
        assertFalse(f.events.any(), "work outside every context asks for no round");
        f.hypervisor.eventRound(Events.IDLE | Events.WORK);
        assertEquals("0 tagged completions, 0 contexts out of queues, 1 idle contexts, 0 slow contexts, "
                + "1 work started or drained", Events.describe(f.hypervisor.report().eventRounds()));
    }

    @Test
    void thePushedEventMakesTheRoundAtOnceNotAtTheNextTick() throws Exception {
        Events events = new Events();
        BlockingQueue<Integer> rounds = new LinkedBlockingQueue<>();
        HypervisorThread thread = new HypervisorThread("test-hypervisor", TimeUnit.HOURS.toNanos(1), events, rounds::add);
        thread.start();
        try {
            assertEquals(0, rounds.poll(30, TimeUnit.SECONDS), "the first tick at start");
            assertEquals("test-hypervisor", thread.submit(() -> Thread.currentThread().getName())
                    .get(30, TimeUnit.SECONDS), "commands run on the hypervisor's thread");
            events.raise(Events.STARVED);
            events.raise(Events.TAGGED);
            Integer pushed = rounds.poll(30, TimeUnit.SECONDS); // the next tick is an hour away
            assertNotNull(pushed, "no round for the pushed events");
            assertTrue((pushed & Events.STARVED) != 0, "round for " + pushed);
        } finally {
            assertTrue(thread.stop(30_000));
        }
    }

    @Test
    void eventsRaisedByManyThreadsWhileRoundsTakeThemAreNeverLostAndWakeTheThreadOnlyOnCrossing() throws Exception {
        Events events = new Events();
        BlockingQueue<Integer> rounds = new LinkedBlockingQueue<>();
        HypervisorThread thread = new HypervisorThread("test-hypervisor", TimeUnit.HOURS.toNanos(1), events, rounds::add);
        thread.start();
        try {
            assertEquals(0, rounds.poll(30, TimeUnit.SECONDS));
            int threads = 8;
            int each = 20_000;
            Thread[] raisers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int kind = t % 2 == 0 ? Events.TAGGED : Events.STARVED;
                raisers[t] = new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        events.raise(kind);
                    }
                });
                raisers[t].start();
            }
            for (Thread r : raisers) {
                r.join();
            }
            // Whatever was raised last is taken by a round that follows; none waits for the hour-long tick.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (events.any() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertFalse(events.any(), "a raised event was left without a round");
            thread.submit(() -> null).get(30, TimeUnit.SECONDS); // runs after the round that took them
            int taken = 0;
            int count = 0;
            for (Integer r; (r = rounds.poll()) != null; count++) {
                taken |= r;
            }
            assertEquals(Events.TAGGED | Events.STARVED, taken);
            assertTrue(count < 2 * threads * each / 10, "rounds only on crossings: " + count);
        } finally {
            assertTrue(thread.stop(30_000));
        }
    }
}
