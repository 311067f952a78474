package io.warpdrive.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A model kept in the data folder is checked against the calibration at start: kept when it
 * agrees (and learning from the run), learned afresh when it is more than twice off either way.
 * (Dropping it when the device's identity or the driver's version changes: {@code ModelStoreTest}.)
 */
class PersistedModelRecheckTest {
    private static final int CELL = RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, 1, 4096);
    private static final String IDENTITY = "dev@1.0.0/dev-0";

    /** A model of a device that served 4 KiB in 10 µs, as a restart finds it in the data folder. */
    private static DeviceModel restored() {
        DeviceModel before = new DeviceModel("dev", "dev-0", true, 1);
        for (int i = 0; i < 100; i++) {
            before.calibrated(CELL, 4096, 10_000, i);
        }
        ModelBook book = new ModelBook();
        book.preload(Map.of(IDENTITY, Map.of(CELL, before.service().save(CELL))));
        DeviceModel m = book.model(IDENTITY, "dev", "dev-0", true, 1);
        assertTrue(m.service().restored(CELL));
        assertEquals(10_000, m.serviceNanos(CELL, 4096), 100);
        return m;
    }

    /** A calibration run of {@code jobs} 4 KiB jobs of {@code nanos} each. */
    private static List<String> calibrate(DeviceModel m, int jobs, long nanos) {
        int[] cells = new int[jobs];
        long[] bytes = new long[jobs];
        long[] times = new long[jobs];
        long[] ends = new long[jobs];
        for (int i = 0; i < jobs; i++) {
            cells[i] = CELL;
            bytes[i] = 4096;
            times[i] = nanos;
            ends[i] = 1_000_000 + i * nanos;
        }
        return m.calibrated(cells, bytes, times, ends, jobs);
    }

    @Test
    void aPersistedModelThatDisagreesWithTheCalibrationIsLearnedAfresh() {
        DeviceModel m = restored();
        long samplesBefore = m.service().samples(CELL);
        assertEquals(List.of("gzip compress fast 4 KiB: kept 10.0 µs, calibrated 40.0 µs"), calibrate(m, 8, 40_000),
                "four times slower than kept: forgotten, and said so");
        assertFalse(m.service().restored(CELL));
        assertEquals(8 - 2, m.service().samples(CELL), "learned from the run alone, as on a first start");
        assertEquals(40_000, m.serviceNanos(CELL, 4096), 400, "the device as it is now");
        assertTrue(samplesBefore > 8);
    }

    @Test
    void aPersistedModelThatAgreesIsKeptAndLearnsFromTheRun() {
        DeviceModel m = restored();
        long samplesBefore = m.service().samples(CELL);
        assertEquals(List.of(), calibrate(m, 8, 15_000), "1.5 times: within the bound");
        assertFalse(m.service().restored(CELL), "checked");
        assertEquals(samplesBefore + 8, m.service().samples(CELL), "kept, and every job of the run learned from");
        long predicted = m.serviceNanos(CELL, 4096);
        assertTrue(predicted > 10_000 && predicted < 15_000, "moved towards the run: " + predicted);
    }

    @Test
    void aFasterDeviceThanKeptIsLearnedAfreshTooAndANewModelJustLearns() {
        DeviceModel m = restored();
        assertEquals(1, calibrate(m, 8, 4_000).size(), "two and a half times faster: forgotten");
        assertEquals(4_000, m.serviceNanos(CELL, 4096), 40);

        DeviceModel fresh = new DeviceModel("dev", "dev-1", true, 1);
        assertEquals(List.of(), calibrate(fresh, 8, 40_000), "nothing kept to check");
        assertEquals(8 - 2, fresh.service().samples(CELL));
        assertEquals(40_000, fresh.serviceNanos(CELL, 4096), 400);
    }
}
