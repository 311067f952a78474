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
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The short/long rule of the layering on a shared hardware queue, with a timed fake device in
 * simulated time (10 µs + 400 MB/s): a short sync request alone spins for its completion; the same
 * request sent behind a long one on the same queue parks, because the work queued ahead of it
 * (the long one's predicted 2.6 ms) is above the spin threshold (200 µs); once the long one has
 * left, it spins again. The decision is read from the consumer's counters, not from timing.
 */
class ShortLongRuleTest {
    private static final int SHORT = 4 * 1024;
    private static final int LONG = 1024 * 1024;

    private final Simulation sim = new Simulation();
    private TestPlatform platform;

    @AfterEach
    void tearDown() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    private static Request request(Session s, int size) {
        return s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.allocate(size))
                .destination(ByteBuffer.allocate(size));
    }

    @Test
    void aShortSyncRequestBehindALongOneParksAndAloneSpins() {
        platform = new TestPlatform(new Settings.Builder().queuesDefault(1).build(), sim);
        FakeDriver device = new FakeDriver("device", CalcType.HW, 100).timed(sim, 10_000, 400e6, false);
        device.depth = 16;
        platform.add(device);
        CompressorImpl c = platform.compressor("video");
        ConsumerCounters counters = c.consumer.counters();
        Session s = c.openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1)
                .withFallback(FallbackPolicy.HARDWARE_ONLY));
        for (int i = 0; i < 50; i++) { // the device's model learns both kinds
            s.execute(request(s, SHORT));
            s.execute(request(s, LONG));
        }
        long spins = counters.syncSpins();
        long parks = counters.syncParks();
        assertTrue(spins >= 40 && parks >= 40, "learned: short ones spin, long ones park (" + spins + " spins, "
                + parks + " parks)");

        s.execute(request(s, SHORT));
        assertEquals(spins + 1, counters.syncSpins(), "alone, a short request spins");

        AtomicInteger longDone = new AtomicInteger();
        s.submit(request(s, LONG), r -> longDone.incrementAndGet()); // in flight on the same shared queue
        s.execute(request(s, SHORT));
        assertEquals(spins + 1, counters.syncSpins(), "behind the long one it does not spin");
        assertEquals(parks + 1, counters.syncParks(), "it parks");

        while (longDone.get() == 0 && sim.step()) {
            // the long one completes in simulated time
        }
        assertEquals(1, longDone.get());
        s.execute(request(s, SHORT));
        assertEquals(spins + 2, counters.syncSpins(), "the long one gone, it spins again");
    }
}
