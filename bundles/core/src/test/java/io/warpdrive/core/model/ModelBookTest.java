package io.warpdrive.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Crossovers: where another engine becomes the fastest for a sync caller, and the log line when that moves. */
class ModelBookTest {

    /** Teaches a model fixed + per-byte times at every size class from 1 KiB to 1 MiB. */
    private static void teach(DeviceModel m, long fixedNanos, double nanosPerByte) {
        for (int size = 0; size <= 10; size++) {
            long top = RequestClass.sizeClassTypical(size);
            int cell = RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, 1, top);
            for (int i = 0; i < 12; i++) {
                long bytes = top - (top / 4) * (i % 2); // two sizes a class: a slope of its own
                m.calibrated(cell, bytes, (long) (fixedNanos + nanosPerByte * bytes), i);
            }
        }
    }

    @Test
    void theCrossoverIsWhereTheFasterEngineChangesAndAMoveIsReported() {
        ModelBook book = new ModelBook();
        DeviceModel device = book.model("device@1/d0", "device", "d0", true, 1);
        DeviceModel cpu = book.model("cpu@1/c0", "cpu", "c0", false, 2);
        teach(device, 40_000, 0.25); // 4 GB/s + 40 µs
        teach(cpu, 2_000, 2.5); // 400 MB/s + 2 µs
        List<String> lines = book.crossovers();
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("gzip compress fast sync: cpu/c0 up to 16 KiB, device/d0 above", lines.get(0));
        List<String> logged = new ArrayList<>();
        book.reportMoves(logged::add);
        assertEquals(List.of("crossover found: " + lines.get(0)), logged);
        book.reportMoves(logged::add);
        assertEquals(1, logged.size(), "nothing moved, nothing said");
        teach(device, 400_000, 0.25); // the device's fixed cost grows tenfold
        teach(device, 400_000, 0.25);
        teach(device, 400_000, 0.25);
        book.reportMoves(logged::add);
        assertEquals(2, logged.size(), logged.toString());
        assertTrue(logged.get(1).startsWith("crossover moved: gzip compress fast sync: cpu/c0 up to "), logged.get(1));
    }
}
