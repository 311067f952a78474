package io.warpdrive.sched.hypervisor;

import static io.warpdrive.comp.Operation.COMPRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.lib.CalcType;
import org.junit.jupiter.api.Test;

/** Time to apply: a resize decided now takes effect after a time or an amount of completed work. */
class TimeToApplyTest {
    private static final long KIB = 1024;

    private static Fixture fixture(long ms, long bytes) {
        Fixture f = new Fixture().queues("soft", CalcType.SOFT, 0, 8);
        f.context(Fixture.spec("a").queues(2).at(2, "6").applyAfter(ms, bytes)).context(Fixture.spec("b").queues(2));
        f.tick();
        return f;
    }

    @Test
    void aResizeTakesEffectOnceItsTimeToApplyHasPassed() {
        Fixture f = fixture(500, 0);
        f.hypervisor.tagCompleted(2);
        f.tick();
        assertEquals(6, f.target("a", COMPRESS), "decided");
        assertEquals(2, f.owned("a", COMPRESS).size(), "not applied yet");
        String pending = f.hypervisor.report().contexts().get(f.index("a")).pendingApply();
        assertTrue(pending.contains("compress 2, decompress 2 → compress 6, decompress 6 in 500 ms"), pending);
        f.advance(400);
        f.tick();
        assertEquals(2, f.owned("a", COMPRESS).size());
        f.advance(100);
        f.tick();
        assertEquals(6, f.owned("a", COMPRESS).size(), "applied");
        assertEquals("", f.hypervisor.report().contexts().get(f.index("a")).pendingApply());
    }

    @Test
    void aResizeTakesEffectOnceTheContextCompletedItsWorkToApply() {
        Fixture f = fixture(0, 1024 * KIB);
        f.hypervisor.tagCompleted(2);
        f.tick();
        assertEquals(2, f.owned("a", COMPRESS).size());
        f.work("client", "a").complete(COMPRESS, 8, 64 * KIB);
        f.advance(10_000);
        f.tick();
        assertEquals(2, f.owned("a", COMPRESS).size(), "512 KiB of 1 MiB done: time alone does not apply it");
        f.work("client", "a").complete(COMPRESS, 8, 64 * KIB);
        f.tick();
        assertEquals(6, f.owned("a", COMPRESS).size(), "1 MiB done: applied");
    }

    @Test
    void withoutATimeToApplyResizesTakeEffectAtOnce() {
        Fixture f = fixture(0, 0);
        f.hypervisor.tagCompleted(2);
        f.tick();
        assertEquals(6, f.owned("a", COMPRESS).size());
    }
}
