package io.warpdrive.sched.locality;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.sched.SyntheticView;
import java.nio.file.Files;
import java.nio.file.Path;
import io.warpdrive.testing.conformance.TestLoggers;
import java.util.Map;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The locality policy's choices on synthetic views with a made-up caller node. */
class LocalitySchedulerTest {
    private final LocalityScheduler policy = new LocalityScheduler();
    private final SyntheticView view = new SyntheticView();
    private final SyntheticView.Key key = new SyntheticView.Key();

    @Test
    void staysOnTheCallersNodeWhileItHasRoomThenSpillsToTheNearest() {
        SyntheticView.Q node0 = view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        SyntheticView.Q node1 = view.add("hisi_zip", CalcType.HW, 100, 1, 12, 16);
        SyntheticView.Q node3 = view.add("hisi_zip", CalcType.HW, 100, 3, 0, 16);
        policy.use(() -> 1, true);
        assertSame(node1, policy.pick(key, view), "own node although it is busier");
        node1.inFlight = 16;
        assertSame(node0, policy.pick(key, view), "spills to the nearest node (distance 20 < 30)");
        node0.inFlight = 16;
        assertSame(node3, policy.pick(key, view));
    }

    @Test
    void theRequestsNodeWinsOverTheThreadsCpu() {
        view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        SyntheticView.Q node2 = view.add("hisi_zip", CalcType.HW, 100, 2, 0, 16);
        policy.use(() -> 0, true);
        key.node = 2;
        assertSame(node2, policy.pick(key, view));
    }

    @Test
    void withoutSpillingHardwareOnlyWaitsForItsNode() {
        view.add("hisi_zip", CalcType.HW, 100, 0, 0, 16);
        SyntheticView.Q node1 = view.add("hisi_zip", CalcType.HW, 100, 1, 16, 16);
        policy.use(() -> 1, false);
        key.fallback = FallbackPolicy.HARDWARE_ONLY;
        assertNull(policy.pick(key, view));
        node1.inFlight = 0;
        assertSame(node1, policy.pick(key, view));
    }

    @Test
    void onTheSameNodeHardwareBeforeTheCpu() {
        view.add("soft", CalcType.SOFT, 0, 1, 0, 64);
        SyntheticView.Q hw = view.add("hisi_zip", CalcType.HW, 100, 1, 5, 16);
        policy.use(() -> 1, true);
        assertSame(hw, policy.pick(key, view));
    }

    @Test
    void theNearestNodeFirstThenTheSoonestFinishOnIt() {
        SyntheticView.Q near = view.add("soft", CalcType.SOFT, 0, 1, 0, 64).predicts(30, 30);
        view.add("hisi_zip", CalcType.HW, 100, 1, 0, 16).predicts(90, 90);
        view.add("isal", CalcType.INSTR, 50, 0, 0, 64).predicts(5, 5);
        policy.use(() -> 1, true);
        assertSame(near, policy.pick(key, view), "the caller's node is the policy's rule; on it, the soonest finish");
    }

    @Test
    void unknownCallerNodeBehavesLikePriority() {
        view.add("soft", CalcType.SOFT, 0, 0, 0, 64);
        SyntheticView.Q hw = view.add("hisi_zip", CalcType.HW, 100, 3, 0, 16);
        policy.use(() -> -1, true);
        assertSame(hw, policy.pick(key, view));
    }

    @Test
    void theCallersNodeIsReadFromTheThreadsCpuOnLinux() {
        Path sys = Path.of("/sys/devices/system/node");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(sys.resolve("node0/cpulist")),
                "no NUMA information in /sys on this machine");
        NumaNodeOfCaller caller = new NumaNodeOfCaller(sys, 0);
        org.junit.jupiter.api.Assumptions.assumeTrue(caller.isAvailable(), "JNA cannot call sched_getcpu here");
        int nodes = 0;
        while (Files.isRegularFile(sys.resolve("node" + nodes + "/cpulist"))) {
            nodes++;
        }
        int node = caller.current();
        org.junit.jupiter.api.Assertions.assertTrue(node >= 0 && node < nodes, "node " + node + " of " + nodes);
    }

    @Test
    void cpuListsMapCpusToNodes(@TempDir Path sys) throws Exception {
        Files.createDirectories(sys.resolve("node0"));
        Files.createDirectories(sys.resolve("node1"));
        Files.writeString(sys.resolve("node0/cpulist"), "0-1,4\n");
        Files.writeString(sys.resolve("node1/cpulist"), "2-3,5-6\n");
        assertArrayEquals(new int[] { 0, 0, 1, 1, 0, 1, 1 }, NumaNodeOfCaller.readCpuLists(sys));
        assertArrayEquals(new int[0], NumaNodeOfCaller.readCpuLists(sys.resolve("absent")));
    }

    @Test
    void badConfigurationValuesAreRefusedInOneLineEach() {
        LocalityScheduler configured = new LocalityScheduler();
        TestLoggers.Recording log = TestLoggers.recording("LocalityScheduler");
        configured.logger = log.logger();
        configured.configure(new HashMap<>(Map.of("cpu.refresh.us", "-5", "spill", "no")));
        List<String> warnings = log.messages("warn");
        assertEquals(2, warnings.size(), String.valueOf(warnings));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("cpu.refresh.us='-5' refused (less than 0); keeping cpu.refresh.us='1000'")), String.valueOf(warnings));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("spill='no' refused (not true or false); keeping spill='true'")), String.valueOf(warnings));
        configured.configure(new HashMap<>());
        assertEquals(2, log.messages("warn").size(), "a good configuration is taken without a word");
    }
}
