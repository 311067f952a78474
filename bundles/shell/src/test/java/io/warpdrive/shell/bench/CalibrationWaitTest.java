package io.warpdrive.shell.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A bench's first slice waits for the engine's calibration threads, bounded. */
class CalibrationWaitTest {

    @Test
    void noCalibrationThreadNoWait() throws Exception {
        assertTrue(CalibrationWait.await(Duration.ZERO));
    }

    @Test
    void aRunningCalibrationHoldsTheBenchUntilItEndsOrTheBoundPasses() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread calibration = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, CalibrationWait.THREAD_PREFIX + "fake");
        calibration.setDaemon(true);
        calibration.start();
        try {
            assertFalse(CalibrationWait.await(Duration.ofMillis(20)), "still calibrating when the bound passed");
        } finally {
            release.countDown();
        }
        assertTrue(CalibrationWait.await(Duration.ofSeconds(30)), "over once the calibration thread ended");
    }
}
