package io.warpdrive.lib.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CpuPoolSettingsTest {
    private static CpuPoolSettings settings(int devices, int workers) {
        return new CpuPoolSettings(devices, 64, 64, workers, 50, true, 0, 0);
    }

    @Test
    void zeroWorkersMeansOnePerProcessorAndTheSpinIsInNanoseconds() {
        assertEquals(Runtime.getRuntime().availableProcessors(), settings(1, 0).workerThreads());
        assertEquals(3, settings(1, 3).workerThreads());
        assertEquals(TimeUnit.MICROSECONDS.toNanos(50), settings(1, 0).workerSpinNanos());
    }

    @Test
    void thePoolHoldsEveryQueueFullAndNoMoreThanTwoToTheThirty() {
        assertEquals(2 * 64 * 64, settings(2, 0).jobCapacity());
        assertEquals(1 << 30, new CpuPoolSettings(1 << 20, 1 << 10, 1 << 10, 0, 0, true, 0, 0).jobCapacity());
    }

    @Test
    void aValueOutOfRangeIsRefusedWithItsKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(0, 0));
        assertEquals("devices must be at least 1: 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new CpuPoolSettings(1, 1, 1, 0, -1, true, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CpuPoolSettings(1, 1, 0, 0, 0, true, 0, 0));
    }

    @Test
    void workersSpinAndSyncOnCallerApplyLiveTheRestOnRestart() {
        CpuPoolSettings active = settings(1, 2);
        assertFalse(active.needsRestartFor(new CpuPoolSettings(1, 64, 64, 4, 0, false, 0, 0)));
        assertTrue(active.needsRestartFor(settings(2, 2)));
        assertTrue(active.needsRestartFor(new CpuPoolSettings(1, 64, 64, 2, 50, true, 5, 0)));
        assertTrue(active.needsRestartFor(new CpuPoolSettings(1, 64, 64, 2, 50, true, 0, 1)));
        assertTrue(active.needsRestartFor(new CpuPoolSettings(1, 32, 64, 2, 50, true, 0, 0)));
    }

    @Test
    void aPoolMadeFromTheSettingsHasTheirWorkersAndResizesLive() {
        WorkerPool pool = settings(1, 2).newPool("test", () -> new CpuCodec() {
            @Override
            public boolean execute(io.warpdrive.lib.Job job) {
                return true;
            }

            @Override
            public void close() {
            }
        }, m -> { });
        pool.start();
        try {
            assertEquals(2, pool.size());
            settings(1, 3).applyLive(pool);
            assertEquals(3, pool.size());
        } finally {
            pool.stop();
        }
        assertEquals("1 device(s) × 64 instances, depth 64, 2 worker(s)", settings(1, 2).describe());
    }
}
