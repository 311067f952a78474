package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which one-shot commands start their platform without calibration (and its self-test). */
class OneShotCalibrationTest {

    @Test
    void commandsThatOnlyReportStartWithoutCalibration() {
        for (String c : new String[] { "drivers", "devices", "queues", "models", "stats", "sched", "bundles" }) {
            assertTrue(Launcher.sendsNoTraffic(c), c);
        }
        assertTrue(Launcher.sendsNoTraffic(null), "--help alone");
    }

    @Test
    void commandsThatCompressOrAreUnknownKeepTheSelfTest() {
        for (String c : new String[] { "compress", "decompress", "bench", "top", "somethingNew" }) {
            assertFalse(Launcher.sendsNoTraffic(c), c);
        }
    }
}
