package io.warpdrive.core.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import org.junit.jupiter.api.Test;

/** A CPU engine's model learns from the CPU time its jobs took once the engine reports it. */
class MeasuredCpuTimeTest {
    private static final int BYTES = 4096;
    private static final int CELL = RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, 1, BYTES);

    @Test
    void wallTimesStopCountingOnceTheEngineMeasuresCpuTime() {
        DeviceModel m = new DeviceModel("cpu", "cpu0", false, 2, new HostCores(2));
        long now = 1_000_000;
        for (int i = 0; i < 50; i++) {
            now += 100_000;
            m.completed(CELL, BYTES, false, 0, 0, now - 60_000, now, true, false, -1); // 60 µs of wall time
        }
        assertFalse(m.measuresCpu());
        long wall = m.serviceNanos(CELL, BYTES);
        assertTrue(wall > 55_000 && wall < 65_000, "learned from wall time: " + wall + " ns");
        for (int i = 0; i < 1600; i++) {
            now += 100_000;
            // Most jobs are not measured; their wall time (the thread waiting for a core) is 60 µs.
            long measured = i % 8 == 0 ? 10_000 : -1;
            m.completed(CELL, BYTES, false, 0, 0, now - 60_000, now, true, false, measured);
        }
        assertTrue(m.measuresCpu());
        long cpu = m.serviceNanos(CELL, BYTES);
        assertTrue(cpu > 9_000 && cpu < 13_000, "learned from the measured CPU time (10 µs): " + cpu + " ns");
    }
}
