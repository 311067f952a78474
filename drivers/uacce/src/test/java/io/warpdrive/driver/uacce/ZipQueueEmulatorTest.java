package io.warpdrive.driver.uacce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.TestPlatform;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.testing.conformance.JdkZip;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Queues of the driver over the emulated device, driven directly as the platform drives them. */
class ZipQueueEmulatorTest {
    private UacceDriverUnderTest dut;

    @AfterEach
    void stop() {
        if (dut != null) {
            dut.close();
        }
    }

    private static RecordingJob run(Queue q, RecordingJob job) {
        assertTrue(q.send(job));
        TestPlatform.await("job " + job.tag + " completes", () -> {
            q.receive(64);
            return job.done();
        });
        assertEquals(1, job.completions.get());
        return job;
    }

    @Test
    void compressesAndDecompressesEveryAlgorithm() throws Exception {
        dut = UacceDriverUnderTest.emulating(1, "api=hisi_qm_v3;depth=64", Map.of());
        HisiZipDevice device = (HisiZipDevice) dut.driver().devices().get(0);
        Queue c = device.openQueue(Operation.COMPRESS, QueueMode.SHARED);
        Queue d = device.openQueue(Operation.DECOMPRESS, QueueMode.SHARED);
        assertEquals(63, c.depth());
        byte[] data = "the quick brown fox jumps over the lazy dog ".repeat(1000).getBytes();
        for (Algorithm a : Algorithm.values()) {
            RecordingJob job = run(c, RecordingJob.of(1, Operation.COMPRESS, a, data, 100_000));
            assertEquals(WdStatus.OK, job.status, job.toString());
            assertTrue(job.endOfStream);
            byte[] packed = job.output();
            assertArrayEquals(data, JdkZip.decompress(a, packed), a.toString());
            RecordingJob back = run(d, RecordingJob.of(2, Operation.DECOMPRESS, a, packed, data.length));
            assertEquals(WdStatus.OK, back.status, back.toString());
            assertArrayEquals(data, back.output());
        }
        c.close();
        d.close();
        assertEquals(0, dut.emulator().liveQueues());
    }
}
