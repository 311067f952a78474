package io.warpdrive.sched.hypervisor;

import static io.warpdrive.comp.Operation.COMPRESS;
import static io.warpdrive.comp.Operation.DECOMPRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.lib.CalcType;
import org.junit.jupiter.api.Test;

/** The application-driven strategy: a tagged completion resizes the context configured for the tag. */
class ApplicationResizeTest {

    private static Fixture fixture(int queues) {
        Fixture f = new Fixture().queues("soft", CalcType.SOFT, 0, queues);
        f.context(Fixture.spec("a").queues(2).bounds(1, 6).at(2, "6").at(3, "-1").interval(500))
                .context(Fixture.spec("b").queues(4).bounds(2, 0));
        f.tick();
        return f;
    }

    @Test
    void aTaggedCompletionResizesTheContextConfiguredForTheTag() {
        Fixture f = fixture(8);
        f.hypervisor.tagCompleted(7); // no context resizes at 7
        f.hypervisor.tagCompleted(2);
        assertEquals(2, f.owned("a", COMPRESS).size(), "applied at the next tick, not on the completing thread");
        f.tick();
        assertEquals(6, f.target("a", COMPRESS));
        assertEquals(6, f.target("a", DECOMPRESS));
        assertEquals(2, f.target("b", COMPRESS), "2 from the remainder, 2 from b down to its minimum");
        assertEquals(6, f.owned("a", COMPRESS).size());
        assertTrue(f.state("a").lastResize.contains("hypervisor tag 2 completed"), f.state("a").lastResize);
        assertTrue(f.state("b").lastResize.contains("gave queues to a"), f.state("b").lastResize);
    }

    @Test
    void theMinimumTimeBetweenResizesDefersTheNext() {
        Fixture f = fixture(8);
        f.hypervisor.tagCompleted(2);
        f.tick();
        f.hypervisor.tagCompleted(3);
        f.hypervisor.tagCompleted(3);
        f.advance(100);
        f.tick();
        assertEquals(6, f.target("a", COMPRESS), "within 500 ms of the last resize: deferred");
        f.advance(400);
        f.tick();
        assertEquals(4, f.target("a", COMPRESS), "then both -1 at once");
    }

    @Test
    void boundsAreHonoured() {
        Fixture f = fixture(20);
        f.hypervisor.resize("a", SizeChange.parse("+10"), "test");
        assertEquals(6, f.target("a", COMPRESS), "max 6");
        f.advance(1000);
        f.hypervisor.resize("a", SizeChange.parse("0"), "test");
        assertEquals(1, f.target("a", COMPRESS), "min 1");
        assertEquals(1, f.owned("a", COMPRESS).size());
    }

    @Test
    void growingTakesWhatTheOthersCanSpareAndNoMore() {
        Fixture f = fixture(6);
        assertTrue(f.hypervisor.resize("a", SizeChange.parse("6"), "test").contains("compress 4"));
        assertEquals(4, f.target("a", COMPRESS), "b keeps its minimum of 2");
        assertEquals(2, f.target("b", COMPRESS));
    }

    @Test
    void tagsCompletedWhileAnotherPolicyIsActiveAreDropped() {
        Fixture f = fixture(8);
        f.hypervisor.tagCompleted(2);
        f.hypervisor.tick(f.view, new java.util.ArrayList<>(f.queueCounters.values()), java.util.List.of(), false);
        f.tick();
        assertEquals(2, f.target("a", COMPRESS));
    }

    @Test
    void anUnknownContextIsRefused() {
        Fixture f = fixture(6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.hypervisor.resize("nope", SizeChange.parse("1"), "test"));
        assertTrue(e.getMessage().contains("a, b"), e.getMessage());
    }
}
