package io.warpdrive.sched.hypervisor;

import static io.warpdrive.comp.Operation.COMPRESS;
import static io.warpdrive.comp.Operation.DECOMPRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Operation;
import io.warpdrive.lib.CalcType;
import io.warpdrive.sched.resize.ManagedQueue;
import io.warpdrive.sched.resize.ResizeRound;
import io.warpdrive.sched.resize.ResizeStrategy;
import io.warpdrive.sched.resize.SchedulingContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Strategies from other bundles on the resize-strategy SPI: offered once registered, selected
 * per context by name, and contained when they misbehave (round undone, strategy demoted,
 * visible in the report and the log).
 */
class ResizeStrategySpiTest {

    /** Gives each selected context one queue per direction from the context with most to spare, per round. */
    static final class Gather implements ResizeStrategy {
        @Override
        public void decide(ResizeRound round) {
            for (SchedulingContext s : round.selected()) {
                if (!s.mayResize()) {
                    continue;
                }
                String before = Texts.sizes(s);
                for (Operation op : Operation.values()) {
                    SchedulingContext donor = null;
                    for (SchedulingContext d : round.contexts()) {
                        if (d != s && d.size(op) > d.min() && d.mayResize()
                                && (donor == null || d.size(op) > donor.size(op))) {
                            donor = d;
                        }
                    }
                    if (donor != null && s.size(op) < s.max()) {
                        ManagedQueue q = donor.owned(op).get(0);
                        q.moveTo(s);
                    }
                }
                if (!before.equals(Texts.sizes(s))) {
                    s.resized(before + " → " + Texts.sizes(s) + " (gathered)");
                }
            }
        }
    }

    private static Fixture fixture() {
        Fixture f = new Fixture().queues("soft", CalcType.SOFT, 0, 8);
        f.context(Fixture.spec("a").queues(2).bounds(1, 0).policy("gather").interval(100))
                .context(Fixture.spec("b").queues(6).bounds(1, 0).interval(100));
        f.tick();
        return f;
    }

    @Test
    void aStrategyRegisteredAtRunTimeIsOfferedAndResizesTheContextsSelectingIt() {
        Fixture f = fixture();
        assertEquals(2, f.target("a", COMPRESS), "not present yet: resized only as the application asks");
        assertTrue(f.hypervisor.report().contexts().get(f.index("a")).strategyState().startsWith("not present"));
        f.strategies.add("Gather", new Gather());
        assertTrue(f.hypervisor.report().strategies().contains("GATHER"), f.hypervisor.report().strategies().toString());
        f.advance(100);
        f.tick();
        assertEquals(3, f.target("a", COMPRESS));
        assertEquals(3, f.target("a", DECOMPRESS));
        assertEquals(5, f.target("b", COMPRESS), "the queue came from b");
        assertEquals("", f.hypervisor.report().contexts().get(f.index("a")).strategyState());
        assertTrue(f.state("a").lastResize.contains("gathered"), f.state("a").lastResize);
        for (int i = 0; i < 10; i++) {
            f.advance(100);
            f.tick();
        }
        assertEquals(7, f.target("a", COMPRESS), "b keeps its minimum");
        assertEquals(7, f.owned("a", COMPRESS).size(), "the queues moved once drained");
    }

    @Test
    void aStrategyThatThrowsHasItsRoundUndoneAndIsDemotedVisibly() {
        Fixture f = fixture();
        f.strategies.add("GATHER", round -> {
            round.selected().get(0).resize(COMPRESS, 5);
            throw new IllegalStateException("boom");
        });
        f.advance(100);
        f.tick();
        assertEquals(2, f.target("a", COMPRESS), "undone");
        assertTrue(f.log.stream().anyMatch(l -> l.contains("resize strategy GATHER demoted") && l.contains("boom")),
                f.log.toString());
        String state = f.hypervisor.report().contexts().get(f.index("a")).strategyState();
        assertTrue(state.startsWith("demoted (threw java.lang.IllegalStateException: boom)"), state);
        assertTrue(f.hypervisor.report().strategies().stream().anyMatch(s -> s.startsWith("GATHER (demoted")));
        f.advance(100);
        f.tick();
        assertEquals(1, f.log.stream().filter(l -> l.contains("demoted")).count(), "not asked again");
        assertTrue(f.hypervisor.resize("a", SizeChange.parse("+1"), "asked from the shell").contains("2 → "),
                "the application still resizes it");
    }

    @Test
    void aStrategyRegisteredAgainAfterItWasDemotedIsAskedAgain() {
        Fixture f = fixture();
        ResizeStrategy broken = round -> {
            throw new IllegalStateException("boom");
        };
        f.strategies.add("GATHER", broken);
        f.advance(100);
        f.tick();
        f.strategies.remove(broken);
        f.strategies.add("GATHER", new Gather());
        f.advance(100);
        f.tick();
        assertEquals(3, f.target("a", COMPRESS));
    }

    @Test
    void aStrategyThatOverrunsItsBudgetHasItsRoundUndone() {
        Fixture f = fixture();
        f.strategies.budget(TimeUnit.MILLISECONDS.toNanos(20));
        Gather gather = new Gather();
        f.strategies.add("GATHER", round -> {
            gather.decide(round);
            f.advance(25); // the fake clock: what the strategy took
        });
        f.advance(100);
        f.tick();
        assertEquals(2, f.target("a", COMPRESS), "undone");
        assertTrue(f.state("a").lastResize.startsWith("initial size"), f.state("a").lastResize);
        assertTrue(f.hypervisor.report().contexts().get(f.index("a")).strategyState().contains("took 25 ms, budget 20 ms"));
        assertTrue(f.log.stream().noneMatch(l -> l.contains("gathered")), "its decisions are not logged");
    }

    @Test
    void aStrategyThatBreaksTheBoundsOrClaimsMoreQueuesThanThereAreIsDemoted() {
        Fixture f = fixture();
        f.strategies.add("GATHER", round -> round.selected().get(0).resize(COMPRESS, 20));
        f.advance(100);
        f.tick();
        assertEquals(2, f.target("a", COMPRESS));
        assertTrue(f.hypervisor.report().contexts().get(f.index("a")).strategyState()
                .contains("sized the contexts to 26 compress queues of 8"));

        Fixture g = fixture();
        g.strategies.add("GATHER", round -> round.selected().get(0).resize(COMPRESS, 0));
        g.advance(100);
        g.tick();
        assertEquals(2, g.target("a", COMPRESS));
        assertTrue(g.hypervisor.report().contexts().get(g.index("a")).strategyState().contains("below its minimum 1"));
    }

    @Test
    void theBuiltInNameCannotBeTakenAndASecondStrategyOfANameWaits() {
        Strategies s = new Strategies();
        assertTrue(s.add("application", round -> { }).contains("built-in"));
        Gather first = new Gather();
        assertEquals(null, s.add("gather", first));
        assertTrue(s.add("GATHER", new Gather()).contains("waits"));
        assertEquals(first, s.find("GATHER"));
        s.remove(first);
        assertTrue(s.find("GATHER") instanceof Gather && s.find("GATHER") != first, "the second takes over");
    }
}
