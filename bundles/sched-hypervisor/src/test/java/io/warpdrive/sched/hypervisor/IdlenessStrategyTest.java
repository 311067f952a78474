package io.warpdrive.sched.hypervisor;

import static io.warpdrive.comp.Operation.COMPRESS;
import static io.warpdrive.comp.Operation.DECOMPRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.sched.SyntheticView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The idleness strategy: a queue idle longer than its context's maximum moves to a context with work waiting. */
class IdlenessStrategyTest {

    /** 8 queues per direction: idle context "a" (IDLENESS, 1 s) and busy context "b", 4 each. */
    private static Fixture fixture() {
        Fixture f = new Fixture().queues("soft", CalcType.SOFT, 0, 8);
        f.context(Fixture.spec("a").queues(4).policy("IDLENESS").maxIdle(1000).bounds(1, 0))
                .context(Fixture.spec("b").queues(4));
        f.tick();
        return f;
    }

    /** b keeps its queues busy and has {@code waiting} more requests than it has queues. */
    private static void bBusy(Fixture f, int waiting) {
        for (SyntheticView.Q q : f.owned("b", COMPRESS)) {
            q.inFlight = 1;
        }
        f.work("client", "b").submit(COMPRESS, f.owned("b", COMPRESS).size() + waiting, 4096);
    }

    @Test
    void idleQueuesMoveToTheContextWithWorkWaitingDownToTheMinimum() {
        Fixture f = fixture();
        bBusy(f, 20);
        f.advance(900);
        f.tick();
        assertEquals(4, f.target("a", COMPRESS), "idle 0.9 s: not yet");
        f.advance(200);
        f.tick();
        assertEquals(1, f.target("a", COMPRESS));
        assertEquals(7, f.target("b", COMPRESS));
        assertEquals(7, f.owned("b", COMPRESS).size(), "idle queues are handed over at once");
        assertEquals(4, f.target("a", DECOMPRESS), "nothing waits for decompression: those stay");
        assertTrue(f.state("a").lastResize.contains("(max 1.0 s) to b"), f.state("a").lastResize);
        assertTrue(f.state("b").lastResize.contains("requests waiting"), f.state("b").lastResize);
    }

    @Test
    void aDriversOwnMaximumIdleTimeWinsOverTheContexts() {
        Fixture f = new Fixture().queues("hw", CalcType.HW, 100, 2).queues("soft", CalcType.SOFT, 0, 2);
        f.context(Fixture.spec("a").queues(2).policy("IDLENESS").maxIdle(1000).queueMaxIdle("hw", 100).bounds(0, 0))
                .context(Fixture.spec("b").queues(2));
        f.tick();
        assertEquals(2, f.owned("a", COMPRESS).size());
        bBusy(f, 20);
        f.advance(500);
        f.tick();
        List<String> drivers = f.owned("a", COMPRESS).stream().map(q -> q.driver).toList();
        assertEquals(List.of("soft"), drivers, "idle 0.5 s: the hw queue (max 100 ms) moved, the soft one (1 s) stayed");
        assertTrue(f.state("a").lastResize.contains("(max 100 ms) to b"), f.state("a").lastResize);
    }

    @Test
    void withoutWorkWaitingElsewhereIdleQueuesStay() {
        Fixture f = fixture();
        for (SyntheticView.Q q : f.owned("b", COMPRESS)) {
            q.inFlight = 1;
        }
        f.work("client", "b").submit(COMPRESS, 4, 4096); // exactly what is in flight: nothing waits
        f.advance(5000);
        f.tick();
        assertEquals(4, f.target("a", COMPRESS));
    }

    @Test
    void aQueueThatWorksIsNotIdle() {
        Fixture f = fixture();
        bBusy(f, 20);
        SyntheticView.Q working = f.owned("a", COMPRESS).get(0);
        for (int i = 0; i < 30; i++) {
            f.queueCounters.get(working.id()).served(4096, 10);
            f.advance(100);
            f.tick();
        }
        assertEquals(1, f.target("a", COMPRESS), "the three idle ones moved");
        assertEquals(f.index("a"), f.assignment().ownerOf(working));
    }

    @Test
    void aQueueJustHandedOverIsNotIdleForItsNewContext() {
        Fixture f = new Fixture().queues("soft", CalcType.SOFT, 0, 4);
        f.context(Fixture.spec("a").queues(2).policy("IDLENESS").maxIdle(1000).bounds(1, 0))
                .context(Fixture.spec("b").queues(2).policy("IDLENESS").maxIdle(1000).bounds(1, 0));
        f.tick();
        bBusy(f, 10);
        f.advance(1500);
        f.tick();
        assertEquals(3, f.target("b", COMPRESS));
        // now b's work is done and a has work waiting: the queue b just got is not idle for b yet
        for (SyntheticView.Q q : f.owned("b", COMPRESS)) {
            q.inFlight = 0;
        }
        f.work("client", "b").complete(COMPRESS, 14, 4096);
        for (SyntheticView.Q q : f.owned("a", COMPRESS)) {
            q.inFlight = 1;
        }
        f.work("client", "a").submit(COMPRESS, 10, 4096);
        f.advance(600);
        f.tick();
        assertEquals(3, f.target("b", COMPRESS), "b resized 0.6 s ago, its queues idle 0.6 s");
        f.advance(600);
        f.tick();
        assertEquals(1, f.target("b", COMPRESS), "idle 1.2 s for b");
        assertEquals(3, f.target("a", COMPRESS));
    }

    @Test
    void theMinimumTimeBetweenResizesHoldsBackTheNextMove() {
        Fixture f = new Fixture().queues("soft", CalcType.SOFT, 0, 4);
        f.context(Fixture.spec("a").queues(2).policy("IDLENESS").maxIdle(100).bounds(0, 0).interval(2000))
                .context(Fixture.spec("b").queues(2));
        f.tick();
        SyntheticView.Q busy = f.owned("a", COMPRESS).get(0);
        busy.inFlight = 1;
        bBusy(f, 10);
        f.advance(200);
        f.tick();
        assertEquals(1, f.target("a", COMPRESS), "the idle one moved");
        busy.inFlight = 0;
        f.advance(1000);
        f.tick();
        assertEquals(1, f.target("a", COMPRESS), "idle too, but a resized 1 s ago");
        f.advance(1000);
        f.tick();
        assertEquals(0, f.target("a", COMPRESS));
    }
}
