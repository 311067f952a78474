package io.warpdrive.sched.hypervisor;

import static io.warpdrive.comp.Operation.COMPRESS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.sched.SyntheticView;
import org.junit.jupiter.api.Test;

/**
 * The throughput strategy: contexts sized so that all finish their declared work at
 * the same time, re-planned when one falls behind.
 */
class ThroughputStrategyTest {
    private static final long MIB = 1 << 20;

    /** 12 queues per direction, three THROUGHPUT contexts declaring work 1:2:4, equal starting queues. */
    private static Fixture oneTwoFour() {
        Fixture f = new Fixture().queues("hw", CalcType.HW, 100, 12);
        f.context(Fixture.spec("a").policy("THROUGHPUT").work(16 * MIB).interval(500))
                .context(Fixture.spec("b").policy("THROUGHPUT").work(32 * MIB).interval(500))
                .context(Fixture.spec("c").policy("THROUGHPUT").work(64 * MIB).interval(500));
        return f;
    }

    private static int[] targets(Fixture f) {
        return new int[] { f.target("a", COMPRESS), f.target("b", COMPRESS), f.target("c", COMPRESS) };
    }

    @Test
    void queuesAreSharedInProportionToTheWorkWhenSpeedsAreEqual() {
        Fixture f = oneTwoFour();
        f.tick();
        assertArrayEquals(new int[] { 2, 4, 6 }, targets(f), "of 12: finishes 8, 8 and 10.7 MiB per queue");
        assertEquals(6, f.owned("c", COMPRESS).size());
        assertTrue(f.state("c").lastResize.contains("throughput plan"), f.state("c").lastResize);
    }

    @Test
    void measuredQueueSpeedsWeighThePlan() {
        Fixture f = new Fixture().queues("hw", CalcType.HW, 100, 12);
        f.context(Fixture.spec("a").work(32 * MIB)).context(Fixture.spec("b").work(32 * MIB));
        f.tick();
        // a's data compresses three times faster than b's: its queues serve 3 MiB per busy second
        for (int i = 0; i < 5; i++) {
            f.advance(100);
            for (SyntheticView.Q q : f.owned("a", COMPRESS)) {
                f.queueCounters.get(q.id()).served(3 * MIB / 10, 100);
            }
            for (SyntheticView.Q q : f.owned("b", COMPRESS)) {
                f.queueCounters.get(q.id()).served(MIB / 10, 100);
            }
            f.tick();
        }
        assertArrayEquals(new int[] { 6, 6 }, new int[] { f.target("a", COMPRESS), f.target("b", COMPRESS) });
        f.replace(Fixture.spec("a").work(32 * MIB).policy("THROUGHPUT"));
        f.replace(Fixture.spec("b").work(32 * MIB).policy("THROUGHPUT"));
        f.tick();
        assertArrayEquals(new int[] { 3, 9 }, new int[] { f.target("a", COMPRESS), f.target("b", COMPRESS) },
                "the same work takes b three times as long per queue");
    }

    @Test
    void aContextThatFallsBehindGetsMoreQueues() {
        Fixture f = oneTwoFour();
        f.tick();
        int[] first = targets(f);
        // a and c progress as planned; b's data turns out to compress at a third of the speed
        for (int t = 0; t < 30; t++) {
            f.advance(100);
            progress(f, "a", 1.0);
            progress(f, "b", 1.0 / 3);
            progress(f, "c", 1.0);
            f.tick();
        }
        assertTrue(f.target("b", COMPRESS) > first[1], "b behind: " + java.util.Arrays.toString(targets(f)));
        assertTrue(f.state("b").lastResize.contains("re-plan"), f.state("b").lastResize);
    }

    /** For 100 ms the context's queues serve {@code speed} MiB per busy second, all for the context. */
    private static void progress(Fixture f, String context, double speed) {
        long each = (long) (MIB / 10 * speed);
        for (SyntheticView.Q q : f.owned(context, COMPRESS)) {
            f.queueCounters.get(q.id()).served(each, 100);
            f.work(context + ".app", context).submit(COMPRESS, 1, each);
            f.work(context + ".app", context).complete(COMPRESS, 1, each);
        }
    }

    /**
     * Work declared per request (the design's flops): two contexts declare 60 units each; a's
     * requests carry 1 MiB per unit, b's a third of that. Once work completes, the plan counts
     * units, turned into bytes by what each context's requests carried: b's remaining work is a
     * third of a's in bytes, so it gets a quarter of the queues, not the half its units suggest.
     */
    @Test
    void workDeclaredPerRequestIsCountedInsteadOfInputBytes() {
        Fixture f = new Fixture().queues("hw", CalcType.HW, 100, 12);
        f.context(Fixture.spec("a").policy("THROUGHPUT").work(60)).context(Fixture.spec("b").policy("THROUGHPUT").work(60));
        f.tick();
        assertArrayEquals(new int[] { 6, 6 }, new int[] { f.target("a", COMPRESS), f.target("b", COMPRESS) },
                "equal declared work, nothing measured yet");
        f.advance(1000);
        f.work("a.app", "a").submit(COMPRESS, 6, MIB, 1);
        f.work("a.app", "a").complete(COMPRESS, 6, MIB, 1);
        f.work("b.app", "b").submit(COMPRESS, 6, MIB, 3);
        f.work("b.app", "b").complete(COMPRESS, 2, MIB, 3);
        f.tick();
        assertEquals(54, f.state("a").remaining(), "units, not the 6 MiB its requests carried");
        assertEquals(54, f.state("b").remaining());
        assertEquals(MIB / 3.0, f.state("b").bytesPerWork(), 1e-9);
        assertArrayEquals(new int[] { 9, 3 }, new int[] { f.target("a", COMPRESS), f.target("b", COMPRESS) },
                "54 MiB left against 18 MiB: " + f.state("b").lastResize);
        assertTrue(f.state("b").lastResize.contains("re-plan"), f.state("b").lastResize);
    }

    @Test
    void aContextWhoseWorkIsDoneGoesBackToItsMinimum() {
        Fixture f = oneTwoFour();
        f.tick();
        f.advance(600);
        f.work("a.app", "a").submit(COMPRESS, 16, MIB);
        f.work("a.app", "a").complete(COMPRESS, 16, MIB);
        f.tick();
        assertEquals(1, f.target("a", COMPRESS));
        assertEquals(12, f.target("a", COMPRESS) + f.target("b", COMPRESS) + f.target("c", COMPRESS));
        assertTrue(f.state("a").lastResize.contains("declared work is done"), f.state("a").lastResize);
    }

    @Test
    void declaringMoreWorkPlansAgain() {
        Fixture f = oneTwoFour();
        f.tick();
        f.advance(600);
        f.replace(Fixture.spec("a").policy("THROUGHPUT").work(128 * MIB).interval(500));
        f.tick();
        assertTrue(f.target("a", COMPRESS) > 2, java.util.Arrays.toString(targets(f)));
    }

    @Test
    void theMinimumTimeBetweenResizesHoldsAPlanBack() {
        Fixture f = oneTwoFour();
        f.tick();
        f.advance(100);
        f.work("a.app", "a").submit(COMPRESS, 16, MIB);
        f.work("a.app", "a").complete(COMPRESS, 16, MIB);
        f.tick();
        assertEquals(2, f.target("a", COMPRESS), "resized 100 ms ago");
        f.advance(400);
        f.tick();
        assertEquals(1, f.target("a", COMPRESS));
    }

    @Test
    void apportionGivesEachQueueToTheLatestFinisherWithinBounds() {
        int[] any = { 4, 4, 4 };
        int[] ones = { 1, 1, 1 };
        assertArrayEquals(new int[] { 2, 4, 6 },
                ThroughputStrategy.apportion(12, new double[] { 1, 2, 4 }, ones, new int[] { 99, 99, 99 }, any));
        assertArrayEquals(new int[] { 3, 4, 5 },
                ThroughputStrategy.apportion(12, new double[] { 1, 2, 4 }, ones, new int[] { 99, 99, 5 }, any));
        assertArrayEquals(new int[] { 1, 1, 0 },
                ThroughputStrategy.apportion(2, new double[] { 4, 2, 1 }, ones, new int[] { 9, 9, 9 }, any),
                "not even the minimums fit: the smallest need gives way");
    }

    @Test
    void queuesNobodyWithWorkCanTakeStayWhereTheyAre() {
        assertArrayEquals(new int[] { 5, 2, 5 }, ThroughputStrategy.apportion(12, new double[] { 0, 1, 0 },
                new int[] { 1, 1, 1 }, new int[] { 99, 2, 99 }, new int[] { 5, 2, 5 }), "b at its maximum");
        assertArrayEquals(new int[] { 4, 4, 4 }, ThroughputStrategy.apportion(12, new double[] { 0, 0, 0 },
                new int[] { 1, 1, 1 }, new int[] { 99, 99, 99 }, new int[] { 4, 4, 4 }), "no work in this direction");
    }
}
