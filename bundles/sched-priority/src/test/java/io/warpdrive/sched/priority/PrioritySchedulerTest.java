package io.warpdrive.sched.priority;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.sched.SyntheticView;
import io.warpdrive.testing.conformance.TestLoggers;
import java.util.Map;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The priority policy's choices on synthetic views. */
class PrioritySchedulerTest {
    private final PriorityScheduler policy = new PriorityScheduler();
    private SyntheticView view;
    private SyntheticView.Key key;

    @BeforeEach
    void setUp() {
        view = new SyntheticView();
        key = new SyntheticView.Key();
    }

    @Test
    void hardwareWithRoomWinsUnderAuto() {
        SyntheticView.Q soft = view.add("soft", CalcType.SOFT, 0, 0, 0, 64);
        SyntheticView.Q hw = view.add("hisi_zip", CalcType.HW, 100, 0, 10, 16);
        assertSame(hw, policy.pick(key, view));
        hw.inFlight = 16;
        assertSame(soft, policy.pick(key, view), "AUTO goes to the CPU at once when hardware is full");
    }

    @Test
    void hardwareOnlyGetsNothingWhenHardwareIsFullAndSoftwareOnlyNeverHardware() {
        SyntheticView.Q soft = view.add("soft", CalcType.SOFT, 0, 0, 0, 64);
        SyntheticView.Q hw = view.add("hisi_zip", CalcType.HW, 100, 0, 16, 16);
        key.fallback = FallbackPolicy.HARDWARE_ONLY;
        assertNull(policy.pick(key, view), "the platform makes HARDWARE_ONLY wait");
        hw.inFlight = 0;
        assertSame(hw, policy.pick(key, view));
        key.fallback = FallbackPolicy.SOFTWARE_ONLY;
        assertSame(soft, policy.pick(key, view));
    }

    @Test
    void instructionDriversSitBetweenHardwareAndSoft() {
        view.add("soft", CalcType.SOFT, 0, 0, 0, 64);
        SyntheticView.Q isal = view.add("isal", CalcType.INSTR, 50, 0, 0, 64);
        SyntheticView.Q hw = view.add("hisi_zip", CalcType.HW, 100, 0, 16, 16);
        assertSame(isal, policy.pick(key, view));
        hw.inFlight = 1;
        assertSame(hw, policy.pick(key, view));
    }

    @Test
    void unavailableQueuesAreSkipped() {
        SyntheticView.Q soft = view.add("soft", CalcType.SOFT, 0, 0, 0, 64);
        SyntheticView.Q hw = view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        hw.available = false;
        assertSame(soft, policy.pick(key, view));
    }

    @Test
    void nearestNodeThenLeastLoaded() {
        SyntheticView.Q far = view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        SyntheticView.Q nearBusy = view.add("hisi_zip", CalcType.HW, 100, 1, 8, 16);
        SyntheticView.Q nearIdle = view.add("hisi_zip", CalcType.HW, 100, 1, 2, 16);
        key.node = 1;
        assertSame(nearIdle, policy.pick(key, view));
        nearIdle.inFlight = 16;
        assertSame(nearBusy, policy.pick(key, view));
        nearBusy.inFlight = 16;
        assertSame(far, policy.pick(key, view), "spills to the other node when the near one is full");
        key.node = -1;
        nearBusy.inFlight = 8;
        assertSame(far, policy.pick(key, view), "without a caller node: the least loaded");
    }

    @Test
    void loadIsRelativeToDepth() {
        SyntheticView.Q deep = view.add("soft", CalcType.SOFT, 0, 0, 8, 64);
        view.add("soft", CalcType.SOFT, 0, 0, 2, 4);
        assertSame(deep, policy.pick(key, view), "8 of 64 is less loaded than 2 of 4");
    }

    @Test
    void honoursDirectionAndTheStreamsDriver() {
        SyntheticView.Q soft = view.add("soft", CalcType.SOFT, 0, 0, 0, 64);
        SyntheticView.Q hwDecompress = view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        hwDecompress.operation = Operation.DECOMPRESS;
        assertSame(soft, policy.pick(key, view));
        key.operation = Operation.DECOMPRESS;
        assertSame(hwDecompress, policy.pick(key, view));
        key.requiredDriver = "soft";
        assertNull(policy.pick(key, view), "a soft stream cannot decompress on hardware");
    }

    @Test
    void aConsumersReservedQueueComesFirstAndOthersNeverSeeIt() {
        view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        SyntheticView.Q mine = view.add("soft", CalcType.SOFT, 0, 0, 10, 64);
        mine.reservedBy = 1;
        assertSame(mine, policy.pick(key, view), "the consumer's own reservation first");
        key.consumerId = 2;
        assertSame(view.get(0), policy.pick(key, view), "another consumer never gets it");
    }

    @Test
    void theSoonestPredictedFinishWinsAndPriorityBreaksTies() {
        SyntheticView.Q isal = view.add("isal", CalcType.INSTR, 50, 0, 0, 64).predicts(12, 12);
        SyntheticView.Q hw = view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16).predicts(41, 41);
        assertSame(isal, policy.pick(key, view), "a small request finishes sooner on the CPU");
        hw.predicts(105, 105);
        isal.predicts(657, 657);
        assertSame(hw, policy.pick(key, view), "a large one on the device");
        isal.predicts(105, 105);
        assertSame(hw, policy.pick(key, view), "equal predictions: the higher driver priority");
        isal.predicts(0, 0);
        assertSame(isal, policy.pick(key, view), "0: the platform wants this queue tried (no model yet, or exploring)");
        hw.inFlight = 16;
        isal.predicts(900, 900);
        assertSame(isal, policy.pick(key, view), "a full queue is never picked, however fast");
    }

    @Test
    void emptyViewGivesNothing() {
        assertNull(policy.pick(key, view));
    }

    @Test
    void badConfigurationValuesAreRefusedInOneLineEach() {
        PriorityScheduler configured = new PriorityScheduler();
        TestLoggers.Recording log = TestLoggers.recording("PriorityScheduler");
        configured.logger = log.logger();
        configured.configure(new HashMap<>(Map.of("numa.aware", "maybe", "numa.awre", "false")));
        List<String> warnings = log.messages("warn");
        assertEquals(2, warnings.size(), String.valueOf(warnings));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("numa.aware='maybe' refused (not true or false); keeping numa.aware='true'")), String.valueOf(warnings));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("unknown key numa.awre ignored")), String.valueOf(warnings));
        configured.configure(new HashMap<>());
        assertEquals(2, log.messages("warn").size(), "a good configuration is taken without a word");
    }
}
