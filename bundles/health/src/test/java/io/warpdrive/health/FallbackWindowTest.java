package io.warpdrive.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FallbackWindowTest {
    private static final long S = 1_000_000_000L;

    @Test
    void theShareIsTheDifferenceSinceTheReadingAWindowAgo() {
        FallbackWindow w = new FallbackWindow(60 * S);
        w.record(0, 1000, 1000);
        w.record(30 * S, 1100, 1000);
        w.record(60 * S, 1200, 1000);
        FallbackWindow.Share s = w.record(90 * S, 1200, 1100);
        // Baseline: the reading at 30 s, the newest one at least 60 s old.
        assertEquals(new FallbackWindow.Share(200, 100, 60 * S), s);
        assertEquals(0.5, s.cpuShare());
    }

    @Test
    void earlyOnTheWindowIsWhatThereIs() {
        FallbackWindow w = new FallbackWindow(60 * S);
        assertEquals(new FallbackWindow.Share(0, 0, 0), w.record(0, 5, 5));
        assertEquals(new FallbackWindow.Share(10, 10, 10 * S), w.record(10 * S, 5, 15));
    }

    @Test
    void aResetStartsTheWindowAgain() {
        FallbackWindow w = new FallbackWindow(60 * S);
        w.record(0, 500, 500);
        assertEquals(new FallbackWindow.Share(0, 0, 0), w.record(10 * S, 3, 1));
        assertEquals(new FallbackWindow.Share(4, 4, 10 * S), w.record(20 * S, 3, 5));
    }

    @Test
    void noRequestsIsNoShare() {
        FallbackWindow w = new FallbackWindow(60 * S);
        w.record(0, 7, 7);
        assertEquals(0.0, w.record(S, 7, 7).cpuShare());
    }
}
