package io.warpdrive.core.engine;

import io.warpdrive.testing.kit.FakeDriver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.session.CompressorImpl;
import io.warpdrive.core.engine.usage.ConsumerCounters;
import io.warpdrive.lib.CalcType;
import io.warpdrive.stats.ConsumerUsage;
import io.warpdrive.stats.MovingAverages;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Hardware-busy time per consumer, exact in simulated time, and its averages over 1, 5 and 15
 * minutes (with CPU time), as rates and as shares of all consumers', sampled at times the test
 * gives.
 */
class UsageRatesTest {
    private static final long SECOND = 1_000_000_000L;

    /** A timed device (40 µs + 4 GB/s): each 64 KiB request is busy 56,384 ns on it, and nothing on a CPU driver counts. */
    @Test
    void hardwareBusyTimeIsTheTimeItsRequestsSpentOnHardware() throws Exception {
        Simulation sim = new Simulation();
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(1).build(), sim)) {
            p.add(new FakeDriver("device", CalcType.HW, 100).timed(sim, 40_000, 4e9, false));
            p.add(new FakeDriver("cpu", CalcType.SOFT, 0).timed(sim, 2_000, 400e6, true));
            CompressorImpl video = p.compressor("video");
            CompressorImpl picture = p.compressor("picture");
            Session onDevice = video.openSession(SessionSpec.of(Algorithm.GZIP).withFallback(FallbackPolicy.HARDWARE_ONLY));
            Session onCpu = picture.openSession(SessionSpec.of(Algorithm.GZIP).withFallback(FallbackPolicy.SOFTWARE_ONLY));
            for (int i = 0; i < 10; i++) {
                onDevice.execute(request(onDevice, 64 * 1024));
                onCpu.execute(request(onCpu, 64 * 1024));
            }
            ConsumerUsage v = usage(p, "video");
            assertEquals(10, v.hardwareRequests());
            assertEquals(10 * (40_000 + 64 * 1024 / 4), v.hardwareBusyNanos(), "each request's time on the device");
            assertEquals(0, usage(p, "picture").hardwareBusyNanos(), "CPU work is not hardware-busy time");
            assertEquals(10, usage(p, "picture").cpuRequests());
        }
    }

    /**
     * Two consumers, one keeping half an instance busy and the other a quarter, the first also a
     * tenth of a CPU: the averages climb toward those rates, the 1-minute one first, and the
     * shares are 2/3 and 1/3 in every window; after an hour of it the averages are the rates.
     */
    @Test
    void averagesOverOneFiveAndFifteenMinutesAsRatesAndShares() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            ConsumerCounters a = p.compressor("a").consumer.counters();
            ConsumerCounters b = p.compressor("b").consumer.counters();
            long now = 1000 * SECOND;
            p.engine.usage().sampleConsumers(now);
            for (int i = 0; i < 15; i++) { // one minute in 4-second ticks
                a.timed(0, 2 * SECOND, true, 0);
                b.timed(0, SECOND, true, 0);
                a.timed(0, 0, false, SECOND * 4 / 10);
                now += 4 * SECOND;
                p.engine.usage().sampleConsumers(now);
            }
            MovingAverages busy = usage(p, "a").hardwareBusy();
            assertEquals(0.5 * (1 - Math.exp(-1)), busy.oneMinute(), 1e-9, "a minute into it: 63% of the way");
            assertTrue(busy.oneMinute() > busy.fiveMinutes() && busy.fiveMinutes() > busy.fifteenMinutes(), "" + busy);
            assertEquals(2.0 / 3, usage(p, "a").hardwareBusyShare().fifteenMinutes(), 1e-9);
            assertEquals(1.0 / 3, usage(p, "b").hardwareBusyShare().oneMinute(), 1e-9);
            assertEquals(1.0, usage(p, "a").cpuTimeShare().fiveMinutes(), 1e-9, "b used no CPU");
            for (int i = 0; i < 900; i++) { // an hour
                a.timed(0, 2 * SECOND, true, 0);
                b.timed(0, SECOND, true, 0);
                a.timed(0, 0, false, SECOND * 4 / 10);
                now += 4 * SECOND;
                p.engine.usage().sampleConsumers(now);
            }
            assertEquals(0.5, usage(p, "a").hardwareBusy().fifteenMinutes(), 0.01);
            assertEquals(0.25, usage(p, "b").hardwareBusy().oneMinute(), 1e-6);
            assertEquals(0.1, usage(p, "a").cpuTime().oneMinute(), 1e-6);
            p.engine.usage().reset(); // counters back to zero: the next interval counts from there
            a.timed(0, 2 * SECOND, true, 0);
            now += 4 * SECOND;
            p.engine.usage().sampleConsumers(now);
            assertTrue(usage(p, "a").hardwareBusy().oneMinute() > 0.45, "no negative rate after a reset");
        }
    }

    private static Request request(Session s, int size) {
        return s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.allocate(size))
                .destination(ByteBuffer.allocate(size));
    }

    private static ConsumerUsage usage(TestPlatform p, String name) {
        return p.usage().consumers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
