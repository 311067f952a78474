package io.warpdrive.core.engine;

import io.warpdrive.testing.kit.FakeDriver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.model.HostCores;
import io.warpdrive.core.model.RequestClass;
import io.warpdrive.lib.CalcType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The host's cores are charged for every engine's use of them, in simulated time: a sync caller
 * that runs its own job on a CPU engine takes a core for the job's predicted time while it runs,
 * and the charge goes back when the job is over; a job on a polled queue carries the poller's
 * measured CPU time per job.
 */
class HostCoresChargeTest {
    private static final int KIB = 1024;

    private final Simulation sim = new Simulation();
    private TestPlatform platform;
    private FakeDriver cpu;

    @AfterEach
    void tearDown() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (cpu != null) {
            cpu.shutdown();
        }
    }

    @Test
    void aSyncCallerRunningItsOwnJobChargesTheHostsCoresWhileItRuns() {
        platform = new TestPlatform(new Settings.Builder().build(), sim);
        platform.engine.models().hostCores(2);
        cpu = new FakeDriver("cpu", CalcType.SOFT, 0).timed(sim, 2_000, 400e6, true);
        cpu.onHostCore = true;
        HostCores host = platform.engine.models().host();
        List<Long> chargedAtSend = new ArrayList<>();
        cpu.onSend = (q, j) -> chargedAtSend.add(host.queuedNanos());
        platform.add(cpu);
        try (Session s = platform.compressorFor("sim").openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1))) {
            Simulation.syncCompressions(s, 64 * KIB, 50); // the model learns the kind of request, and that sync jobs run on the caller
            chargedAtSend.clear();
            Simulation.syncCompressions(s, 64 * KIB, 10);
        }
        long predicted = platform.engine.models().models().get(0).serviceNanos(
                RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, 1, 64 * KIB), 64 * KIB);
        assertTrue(predicted > 100_000, "64 KiB at 400 MB/s: some 160 µs, predicted " + predicted);
        assertEquals(10, chargedAtSend.size());
        for (long charged : chargedAtSend) {
            assertEquals(predicted, charged, predicted / 10, "the running job's predicted time is on the host's cores");
        }
        assertEquals(0, host.queuedNanos(), "every charge given back");
    }

    @Test
    void aJobOnAPolledQueueCarriesThePollersCpuTimePerJob() throws Exception {
        platform = new TestPlatform(new Settings.Builder().build(), sim);
        platform.engine.models().hostCores(2);
        HostCores host = platform.engine.models().host();
        host.pollerMeasured(64 * 3_000, 64);
        assertEquals(3_000, host.pollerNanosPerJob());
        cpu = new FakeDriver("dev", CalcType.HW, 100);
        cpu.completionMode = io.warpdrive.lib.CompletionMode.POLL;
        cpu.hold = true; // held until released: the charge is seen while the job is in flight
        platform.add(cpu);
        try (Session s = platform.compressorFor("c").openSession(SessionSpec.of(Algorithm.GZIP))) {
            Request r = s.newRequest().operation(Operation.COMPRESS)
                    .source(ByteBuffer.wrap(new byte[4 * KIB])).destination(ByteBuffer.allocate(8 * KIB));
            s.submit(r);
            assertEquals(3_000, host.queuedNanos(), "the poller's part of the job, on a device of its own");
            cpu.releaseHeld();
            TestPlatform.await("the job reaped", r::isDone);
        }
        TestPlatform.await("the poller's charge given back", () -> host.queuedNanos() == 0);
    }
}
