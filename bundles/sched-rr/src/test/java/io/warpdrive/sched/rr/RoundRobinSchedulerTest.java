package io.warpdrive.sched.rr;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.lib.CalcType;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.testing.sched.SyntheticView;
import java.util.ArrayList;
import java.util.List;
import io.warpdrive.testing.conformance.TestLoggers;
import java.util.Map;
import java.util.HashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The round-robin policy's choices on synthetic views. */
class RoundRobinSchedulerTest {
    private final RoundRobinScheduler policy = new RoundRobinScheduler();
    private SyntheticView view;
    private SyntheticView.Key key;

    @BeforeEach
    void setUp() {
        view = new SyntheticView();
        key = new SyntheticView.Key();
    }

    @Test
    void perRequestTakesTheHardwareQueuesInTurn() {
        policy.binding(RoundRobinScheduler.Binding.REQUEST);
        view.add("soft", CalcType.SOFT, 0, 0, 0, 64);
        SyntheticView.Q a = view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        SyntheticView.Q b = view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        List<QueueInfo> picks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            picks.add(policy.pick(key, view));
        }
        assertEquals(2, picks.stream().filter(q -> q == a).count());
        assertEquals(2, picks.stream().filter(q -> q == b).count());
        a.inFlight = 16;
        b.inFlight = 16;
        assertSame(view.get(0), policy.pick(key, view), "hardware full: the CPU at once under AUTO");
        key.fallback = FallbackPolicy.HARDWARE_ONLY;
        assertNull(policy.pick(key, view));
    }

    @Test
    void theTurnGoesAroundTheQueuesOfTheDriverPredictedToServeSoonest() {
        policy.binding(RoundRobinScheduler.Binding.REQUEST);
        SyntheticView.Q c = view.add("isal", CalcType.INSTR, 50, 0, 0, 64).predicts(12, 12);
        SyntheticView.Q d = view.add("isal", CalcType.INSTR, 50, 0, 0, 64).predicts(12, 12);
        view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16).predicts(41, 41);
        List<QueueInfo> picks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            picks.add(policy.pick(key, view));
        }
        assertEquals(2, picks.stream().filter(q -> q == c).count(), "in turn among the CPU driver's queues");
        assertEquals(2, picks.stream().filter(q -> q == d).count());
    }

    @Test
    void aSessionKeepsItsQueuePerDirectionAndMode() {
        view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        SyntheticView.Q dec = view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        dec.operation = Operation.DECOMPRESS;
        key.session = new SyntheticView.Session();
        QueueInfo first = policy.pick(key, view);
        for (int i = 0; i < 5; i++) {
            assertSame(first, policy.pick(key, view), "the session keeps its queue");
        }
        SyntheticView.Key other = new SyntheticView.Key();
        other.session = new SyntheticView.Session();
        QueueInfo theirs = policy.pick(other, view);
        assertEquals(1, first == theirs ? 0 : 1, "the next session gets the next queue");
        key.operation = Operation.DECOMPRESS;
        assertSame(dec, policy.pick(key, view), "a separate binding per direction");
    }

    @Test
    void aFullBoundQueueLendsTheNextWithoutRebinding() {
        SyntheticView.Q a = view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        SyntheticView.Q b = view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        key.session = new SyntheticView.Session();
        QueueInfo bound = policy.pick(key, view);
        SyntheticView.Q boundQ = bound == a ? a : b;
        SyntheticView.Q otherQ = bound == a ? b : a;
        boundQ.inFlight = 16;
        assertSame(otherQ, policy.pick(key, view));
        boundQ.inFlight = 0;
        assertSame(boundQ, policy.pick(key, view), "back to its own queue");
    }

    @Test
    void aSessionRebindsWhenItsQueueLeavesTheView() {
        view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        key.session = new SyntheticView.Session();
        QueueInfo bound = policy.pick(key, view);
        SyntheticView fresh = new SyntheticView();
        SyntheticView.Q replacement = fresh.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        assertSame(replacement, policy.pick(key, fresh));
        assertSame(replacement, policy.pick(key, fresh));
        assertEquals(bound.index(), replacement.index());
    }

    @Test
    void badConfigurationValuesAreRefusedInOneLineEach() {
        RoundRobinScheduler configured = new RoundRobinScheduler();
        TestLoggers.Recording log = TestLoggers.recording("RoundRobinScheduler");
        configured.logger = log.logger();
        configured.configure(new HashMap<>(Map.of("binding", "sideways", "service.ranking", "high", "scheduler.name", "rr")));
        List<String> warnings = log.messages("warn");
        assertEquals(2, warnings.size(), String.valueOf(warnings));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("binding='sideways' refused (not one of SESSION, REQUEST); keeping binding='SESSION'")), String.valueOf(warnings));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("service.ranking='high' refused (not a whole number); keeping service.ranking='10'")), String.valueOf(warnings));
        configured.configure(new HashMap<>());
        assertEquals(2, log.messages("warn").size(), "a good configuration is taken without a word");
    }
}
