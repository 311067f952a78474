package io.warpdrive.sched.hypervisor;

import static io.warpdrive.comp.Operation.COMPRESS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.sched.SyntheticView;
import org.junit.jupiter.api.Test;

/**
 * The throughput policy's decisions over a whole run, on a model of the platform: 12 queues
 * that each serve one 100 KiB request per 100 ms tick for the context that owns them, three
 * contexts with work 1:2:4 submitted up front and equal starting queues. A queue on its way to
 * another context first drains (it serves nothing in the tick it leaves). With the policy the
 * contexts finish within 10% of each other; with the equal split as it started (the
 * application policy, which resizes nothing by itself) the first finishes in a quarter of the
 * time of the last.
 */
class ThroughputSimulationTest {
    private static final long UNIT = 100 * 1024;
    private static final int[] WORK_UNITS = { 80, 160, 320 };
    private static final String[] NAMES = { "a", "b", "c" };

    @Test
    void theThroughputStrategyLetsContextsOfWork124FinishTogether() {
        long[] withPolicy = run("THROUGHPUT");
        long[] equalSplit = run("APPLICATION");
        double policy = spread(withPolicy);
        double staticSplit = spread(equalSplit);
        assertTrue(policy <= 0.10, "finish times " + Math.round(policy * 100) + "% apart with the policy");
        assertTrue(staticSplit >= 0.70, "finish times " + Math.round(staticSplit * 100) + "% apart, equal split");
        assertTrue(equalSplit[0] < equalSplit[1] && equalSplit[1] < equalSplit[2],
                "equal split: they finish in the order of their work");
        assertTrue(withPolicy[2] < equalSplit[2], "the policy brings the last finish forward: " + withPolicy[2]
                + " ticks against " + equalSplit[2]);
        // 560 units over 12 queues: 47 ticks if no queue ever idled; moves cost a tick of draining each
        assertTrue(withPolicy[2] <= 47 * 115 / 100, "within 15% of the ideal: " + withPolicy[2] + " ticks");
    }

    /** Finish time (ticks) of each context. */
    private static long[] run(String policy) {
        Fixture f = new Fixture().queues("hw", CalcType.HW, 100, 12);
        for (int c = 0; c < 3; c++) {
            f.context(Fixture.spec(NAMES[c]).policy(policy).work(WORK_UNITS[c] * UNIT).interval(500));
            f.work("app", NAMES[c]).submit(COMPRESS, WORK_UNITS[c], UNIT);
        }
        f.tick();
        long[] finish = new long[3];
        int[] done = new int[3];
        for (long tick = 1; tick < 10_000 && (finish[0] == 0 || finish[1] == 0 || finish[2] == 0); tick++) {
            f.advance(100);
            for (SyntheticView.Q q : f.view.queues) {
                if (q.operation != COMPRESS) {
                    continue;
                }
                int owner = f.assignment().ownerOf(q);
                if (owner >= 0 && done[owner] < WORK_UNITS[owner]) {
                    done[owner]++;
                    q.inFlight = done[owner] < WORK_UNITS[owner] ? 1 : 0;
                    f.queueCounters.get(q.id()).served(UNIT, 100);
                    f.work("app", NAMES[owner]).complete(COMPRESS, 1, UNIT);
                    if (done[owner] == WORK_UNITS[owner]) {
                        finish[owner] = tick;
                    }
                } else {
                    q.inFlight = 0; // drained (moving), or its context has nothing left
                }
            }
            f.tick();
        }
        return finish;
    }

    private static double spread(long[] finish) {
        long lo = Math.min(finish[0], Math.min(finish[1], finish[2]));
        long hi = Math.max(finish[0], Math.max(finish[1], finish[2]));
        return (hi - lo) / (double) hi;
    }
}
