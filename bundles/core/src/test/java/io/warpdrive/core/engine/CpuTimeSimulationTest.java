package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.lib.CalcType;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.testing.kit.FakeDriver;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CPU engines whose models learn the CPU time their jobs took, in simulated time: a fast CPU
 * engine (400 MB/s + 2 µs) and a slow one (70 MB/s + 2 µs) that share the host's cores. On a
 * busy host a sync job on its caller's thread takes several times its CPU time of wall time
 * (the thread waits for a core); the slow engine was last learned while the host was quiet.
 * The tests assert where requests go; nothing sleeps.
 */
class CpuTimeSimulationTest {
    private static final int KIB = 1024;

    private final Simulation sim = new Simulation();
    private TestPlatform platform;
    private FakeDriver fast;
    private FakeDriver slow;
    private final int[] served = new int[2];

    /** Both engines on the host's {@code cores}, exploring 1 % (the default), measuring CPU time or not. */
    private void start(int cores, boolean measuresCpu) {
        Settings.Builder b = new Settings.Builder();
        b.explorePercent = 1.0;
        platform = new TestPlatform(b.build(), sim);
        platform.engine.models().hostCores(cores);
        platform.engine.explorer().dice(new SplittableRandom(16)::nextInt);
        fast = new FakeDriver("fast", CalcType.INSTR, 50).timed(sim, 2_000, 400e6, true);
        slow = new FakeDriver("slow", CalcType.SOFT, 0).timed(sim, 2_000, 70e6, true);
        for (FakeDriver d : new FakeDriver[] { fast, slow }) {
            d.onHostCore = true;
            d.measuresCpu = measuresCpu;
            d.depth = 16;
            platform.add(d);
        }
        fast.onSend = (q, j) -> served[0]++;
        slow.onSend = (q, j) -> served[1]++;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (platform != null) {
            platform.close();
            fast.shutdown();
            slow.shutdown();
        }
    }

    /** The slow engine learns alone on a quiet host, then AUTO serves {@code n} 4 KiB sync requests on a busy one. */
    private void slowLearnedQuietThenBusyHost(int n) {
        try (Session s = platform.compressorFor("sim").openSession(
                SessionSpec.of(Algorithm.GZIP).withLevel(1).withDriver("slow"))) {
            Simulation.syncCompressions(s, 4 * KIB, 100);
        }
        fast.waitForCore = 6;
        slow.waitForCore = 6;
        try (Session s = platform.compressorFor("sim").openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1))) {
            Simulation.syncCompressions(s, 4 * KIB, 200); // the fast engine learns this kind of request, on the busy host
            served[0] = 0;
            served[1] = 0;
            Simulation.syncCompressions(s, 4 * KIB, n);
        }
    }

    @Test
    void onABusyHostSyncRequestsStayOnTheEngineThatCostsLessCpu() {
        start(2, true);
        slowLearnedQuietThenBusyHost(20_000);
        assertEquals(20_000, served[0] + served[1], "every request served once");
        // Exploration alone sends at most 1 %, and a request it sends to the slow engine does not
        // make the slow one look faster than the fast one afterwards.
        assertTrue(served[1] <= 200, "the slow engine served " + served[1] + " of 20,000 sync requests");
    }

    @Test
    void aHostWhoseLoadComesAndGoesLeavesTheSlowEngineOnlyWhatExplorationSends() {
        start(2, true);
        try (Session s = platform.compressorFor("sim").openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1))) {
            Simulation.syncCompressions(s, 4 * KIB, 400); // both engines learn this kind of request
            served[0] = 0;
            served[1] = 0;
            for (int phase = 0; phase < 40; phase++) {
                // The slow engine is explored in quiet phases and busy ones alike.
                double wait = phase % 2 == 0 ? 1 : 6;
                fast.waitForCore = wait;
                slow.waitForCore = wait;
                Simulation.syncCompressions(s, 4 * KIB, 500);
            }
        }
        assertTrue(served[1] <= 200, "the slow engine served " + served[1] + " of 20,000 sync requests");
    }

    @Test
    void asyncWorkOnSharedCoresStaysOnTheEngineThatCostsLessCpu() {
        start(1, true);
        try (Session s = platform.compressorFor("sim").openSession(
                SessionSpec.of(Algorithm.GZIP).withLevel(1).withDriver("slow"))) {
            Simulation.syncCompressions(s, 4 * KIB, 100); // learned alone: its model knows it at its best
        }
        served[0] = 0;
        served[1] = 0;
        int n = 4000;
        try (Session s = platform.compressorFor("sim").openSession(
                SessionSpec.of(Algorithm.GZIP).withLevel(1).withFallback(FallbackPolicy.AUTO))) {
            Deque<Request> idle = new ArrayDeque<>();
            for (int i = 0; i < 16; i++) {
                idle.add(s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.allocate(4 * KIB))
                        .destination(ByteBuffer.allocate(4 * KIB)));
            }
            int sent = 0;
            int[] done = { 0 };
            while (done[0] < n) {
                while (sent < n && !idle.isEmpty()) {
                    Request r = idle.poll();
                    r.source().get(0).clear();
                    r.destination().get(0).clear();
                    s.submit(r, c -> {
                        assertEquals(null, c.error(), "request failed");
                        done[0]++;
                        idle.add(c);
                    });
                    sent++;
                }
                assertTrue(sim.step(), "requests in flight but no completion pending: " + platform.describe());
            }
        }
        // The jobs' wall times on the one shared core count the jobs ahead of them; their CPU
        // time does not, and the queued work over the cores is the wait instead.
        // What exploration sends: 1 %, and one burst of 16 on the savings it starts with.
        assertTrue(served[1] <= 40 + 16, "the slower CPU engine, on the same core, got " + served[1] + " of "
                + (served[0] + served[1]) + " async requests");
    }
}
