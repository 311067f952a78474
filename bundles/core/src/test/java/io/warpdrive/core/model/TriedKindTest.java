package io.warpdrive.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import org.junit.jupiter.api.Test;

/**
 * A device that does not know a kind of request yet is tried by as many jobs at once as it needs
 * to learn it: otherwise every request of the kind would go to it until the first came back.
 */
class TriedKindTest {
    private static final int SIZE = 64 * 1024;
    private static final int CELL = RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, 1, SIZE);

    @Test
    void aKindNotKnownYetReadsAsFinishingAtOnceOnlyUntilItHoldsTheJobsItNeedsToLearnIt() {
        DeviceModel m = new DeviceModel("hw", "hw-0", true, 2);
        for (int i = 0; i < ServiceModel.TO_PREDICT; i++) {
            assertEquals(0, m.finishNanos(CELL, SIZE, false), "unknown, holding " + i + " jobs: try it");
            m.enqueue(0);
        }
        assertEquals(DeviceModel.TRIED_AND_BUSY, m.finishNanos(CELL, SIZE, false), "it holds what it needs to learn");
        assertEquals(DeviceModel.TRIED_AND_BUSY, m.finishNanos(CELL, SIZE, true), "sync requests too");
        m.completed(CELL, SIZE, true, 0, 1, 0, 100_000, true, false, -1);
        assertEquals(0, m.finishNanos(CELL, SIZE, false), "one back: tried again");
    }

    @Test
    void aKnownKindIsPredictedHoweverBusyTheDevice() {
        DeviceModel m = new DeviceModel("hw", "hw-0", true, 1);
        for (int i = 0; i < 2 + ServiceModel.MIN_SAMPLES; i++) {
            m.calibrated(CELL, SIZE, 100_000, i);
        }
        m.enqueue(100_000);
        long finish = m.finishNanos(CELL, SIZE, false);
        assertTrue(finish >= 200_000 && finish < DeviceModel.TRIED_AND_BUSY, "queued work and its own: " + finish);
    }
}
