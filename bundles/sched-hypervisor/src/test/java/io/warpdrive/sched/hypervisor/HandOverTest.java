package io.warpdrive.sched.hypervisor;

import static io.warpdrive.comp.Operation.COMPRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.sched.SyntheticView;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A queue changes owner only once nothing is in flight on it; until then nobody gets it — not even
 * an AUTO request looking for a CPU queue to fall back to (these are CPU queues).
 */
class HandOverTest {

    @Test
    void aBusyQueueMovesOnlyOnceItHasDrained() {
        Fixture f = new Fixture().queues("soft", CalcType.SOFT, 0, 4);
        f.context(Fixture.spec("a").queues(3).interval(0)).context(Fixture.spec("b").queues(1).interval(0));
        f.tick();
        List<SyntheticView.Q> a = f.owned("a", COMPRESS);
        for (SyntheticView.Q q : a) {
            q.inFlight = 2;
        }
        assertTrue(f.hypervisor.resize("b", SizeChange.parse("2"), "test").contains("compress 1, decompress 1 → compress 2"));
        List<SyntheticView.Q> moving = a.stream().filter(q -> f.assignment().ownerOf(q) == Assignment.MOVING).toList();
        assertEquals(1, moving.size(), "one of a's queues is on its way");
        SyntheticView.Q q = moving.get(0);
        SyntheticView.Key keyA = Fixture.key("a", COMPRESS);
        SyntheticView.Key keyB = Fixture.key("b", COMPRESS);
        assertFalse(f.assignment().admits(keyA, q), "a no longer sends there");
        assertFalse(f.assignment().admits(keyB, q), "b does not yet");
        for (int i = 0; i < 5; i++) {
            f.advance(100);
            f.tick();
            assertEquals(Assignment.MOVING, f.assignment().ownerOf(q), "still draining");
        }
        q.inFlight = 1;
        f.advance(100);
        f.tick();
        assertEquals(Assignment.MOVING, f.assignment().ownerOf(q));
        q.inFlight = 0;
        f.advance(100);
        f.tick();
        assertEquals(f.index("b"), f.assignment().ownerOf(q), "drained: handed over");
        assertTrue(f.assignment().admits(keyB, q));
        assertEquals(2, f.owned("b", COMPRESS).size());
        assertEquals(2, f.owned("a", COMPRESS).size());
    }

    @Test
    void anIdleQueueMovesAtOnceAndTheIdlestIsChosen() {
        Fixture f = new Fixture().queues("soft", CalcType.SOFT, 0, 4);
        f.context(Fixture.spec("a").queues(3).interval(0)).context(Fixture.spec("b").queues(1).interval(0));
        f.tick();
        List<SyntheticView.Q> a = f.owned("a", COMPRESS);
        a.get(0).inFlight = 3;
        a.get(1).inFlight = 0;
        a.get(2).inFlight = 1;
        f.hypervisor.resize("b", SizeChange.parse("+1"), "test");
        assertEquals(f.index("b"), f.assignment().ownerOf(a.get(1)), "the idle one, at once");
        assertEquals(f.index("a"), f.assignment().ownerOf(a.get(0)));
        assertEquals(f.index("a"), f.assignment().ownerOf(a.get(2)));
    }

    @Test
    void aMoveIsCalledOffWhenTheOwnerWantsItsQueueBack() {
        Fixture f = new Fixture().queues("soft", CalcType.SOFT, 0, 2);
        f.context(Fixture.spec("a").queues(2).bounds(0, 0).interval(0)).context(Fixture.spec("b").queues(0).bounds(0, 0)
                .interval(0));
        f.tick();
        List<SyntheticView.Q> a = f.owned("a", COMPRESS);
        a.forEach(q -> q.inFlight = 1);
        f.hypervisor.resize("a", SizeChange.parse("1"), "test");
        assertEquals(1, f.owned("a", COMPRESS).size());
        f.hypervisor.resize("a", SizeChange.parse("2"), "test");
        assertEquals(2, f.owned("a", COMPRESS).size(), "the queue that was leaving stays");
    }

    @Test
    void queuesThatComeAndGoAreDistributedAgain() {
        Fixture f = new Fixture().queues("soft", CalcType.SOFT, 0, 4);
        f.context(Fixture.spec("a")).context(Fixture.spec("b"));
        f.tick();
        assertEquals(2, f.owned("a", COMPRESS).size());
        f.queues("hw", CalcType.HW, 100, 2);
        f.tick();
        assertEquals(3, f.owned("a", COMPRESS).size());
        assertEquals(3, f.owned("b", COMPRESS).size());
        assertTrue(f.owned("a", COMPRESS).stream().anyMatch(q -> q.type == CalcType.HW));
        assertTrue(f.owned("b", COMPRESS).stream().anyMatch(q -> q.type == CalcType.HW));
    }
}
