package io.warpdrive.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import org.junit.jupiter.api.Test;

/**
 * A sync caller's spin-or-park decision from the device's model, in simulated time (the test's
 * clock is a number it moves): a short request spins, a long one parks, a short one sent behind
 * a long one parks, and spins again once the long one has left.
 */
class SyncSpinTest {
    private static final long THRESHOLD = 200_000;
    private static final long MIN_SPIN = 20_000;
    private static final int SMALL = RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, 1, 4096);
    private static final int LARGE = RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, 1, 1 << 20);

    private long now = 1_000_000;

    /** A device that serves 4 KiB in 10 µs and 1 MiB in 2.5 ms, learned from calibration runs. */
    private DeviceModel device() {
        DeviceModel m = new DeviceModel("dev", "dev-0", true, 1);
        for (int i = 0; i < 12; i++) {
            now += 10_000;
            m.calibrated(SMALL, 4096, 10_000, now);
            now += 2_500_000;
            m.calibrated(LARGE, 1 << 20, 2_500_000, now);
        }
        return m;
    }

    @Test
    void aShortRequestSpinsTwiceItsPredictionAndALongOneParks() {
        DeviceModel m = device();
        long small = m.serviceNanos(SMALL, 4096);
        m.enqueue(small);
        assertEquals(Math.max(MIN_SPIN, 2 * small), m.spinNanos(SMALL, 4096, THRESHOLD, MIN_SPIN));
        m.cancel(small);

        long large = m.serviceNanos(LARGE, 1 << 20);
        m.enqueue(large);
        assertEquals(0, m.spinNanos(LARGE, 1 << 20, THRESHOLD, MIN_SPIN), "2.5 ms is above the 200 µs threshold");
    }

    @Test
    void aShortRequestBehindALongOneParksAndSpinsAgainOnceItLeft() {
        DeviceModel m = device();
        long large = m.serviceNanos(LARGE, 1 << 20);
        long sentLarge = now;
        int aheadOfLarge = m.enqueue(large);
        long small = m.serviceNanos(SMALL, 4096);
        int aheadOfSmall = m.enqueue(small);
        assertEquals(1, aheadOfSmall);
        assertEquals(0, m.spinNanos(SMALL, 4096, THRESHOLD, MIN_SPIN), "behind 2.5 ms of work a 10 µs request parks");

        now += 2_500_000;
        m.completed(LARGE, 1 << 20, true, large, aheadOfLarge, sentLarge, now, true, false, -1);
        assertTrue(m.spinNanos(SMALL, 4096, THRESHOLD, MIN_SPIN) > 0, "with the long one gone it spins");
        now += 10_000;
        m.completed(SMALL, 4096, true, small, aheadOfSmall, now - 2_510_000, now, true, false, -1);
        assertEquals(0, m.queuedNanos());
    }

    @Test
    void theHandBackCountsAndAnUnknownKindIsLeftToTheQueuesMeasure() {
        DeviceModel m = device();
        m.handedBack(150_000);
        long small = m.serviceNanos(SMALL, 4096);
        m.enqueue(small);
        assertEquals(2 * (small + 150_000), m.spinNanos(SMALL, 4096, THRESHOLD, MIN_SPIN),
                "10 µs of service and 150 µs of hand-back: spin twice that");
        for (int i = 0; i < 64; i++) {
            m.handedBack(400_000);
        }
        assertTrue(m.handBackNanos() > THRESHOLD, "learned: " + m.handBackNanos());
        assertEquals(0, m.spinNanos(SMALL, 4096, THRESHOLD, MIN_SPIN), "a hand-back above the threshold: park");

        int unknown = RequestClass.of(Operation.DECOMPRESS, Algorithm.ZLIB, 1, 4096);
        assertEquals(-1, m.spinNanos(unknown, 4096, THRESHOLD, MIN_SPIN), "not learned yet");
        assertEquals(-1, m.spinNanos(-1, 4096, THRESHOLD, MIN_SPIN), "no cell");
    }
}
