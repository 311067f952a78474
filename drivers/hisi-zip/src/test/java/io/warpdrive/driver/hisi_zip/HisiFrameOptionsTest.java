package io.warpdrive.driver.hisi_zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.testing.conformance.RecordingJob;
import io.warpdrive.testing.data.TestFiles;
import io.warpdrive.testing.platform.TestPlatform;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The device writes its zstd and LZ4 frames one way: the driver does not honour frame options
 * (so the platform never picks it for them), refuses a stream opened with them, and fails a
 * compression job that carries them with UNSUPPORTED; the same job without them is served.
 */
class HisiFrameOptionsTest {
    private static final FrameOptions NO_SIZE = FrameOptions.DEFAULT.withContentSize(false);
    private UacceDriverUnderTest dut;

    @AfterEach
    void stop() {
        if (dut != null) {
            dut.close();
        }
    }

    /** A compression job of {@code algorithm} whose session asked for {@code frame}. */
    private static RecordingJob job(int tag, Algorithm algorithm, FrameOptions frame, byte[] data) {
        RecordingJob job = new RecordingJob() {
            @Override
            public FrameOptions frame() {
                return frame;
            }
        };
        ByteBuffer in = ByteBuffer.allocateDirect(data.length).put(data).flip();
        return job.tag(tag).set(Operation.COMPRESS, algorithm, algorithm.defaultLevel(), SgList.of(in),
                SgList.of(ByteBuffer.allocateDirect(data.length + 4096)));
    }

    private static RecordingJob run(Queue q, RecordingJob job) {
        assertTrue(q.send(job));
        TestPlatform.await("job " + job.tag() + " completes", () -> {
            q.receive(64);
            return job.done();
        });
        return job;
    }

    @Test
    void theDeviceRefusesFrameOptionsAndServesTheDefault() {
        dut = UacceDriverUnderTest.emulating(1, "api=hisi_qm_v3;depth=64", Map.of());
        assertFalse(dut.driver().honoursFrameOptions());
        Device device = dut.driver().devices().get(0);
        byte[] data = TestFiles.sample("text", 100_000);
        Queue q = device.openQueue(Operation.COMPRESS, QueueMode.SHARED);
        int tag = 0;
        for (Algorithm a : new Algorithm[] {Algorithm.ZSTD, Algorithm.LZ4}) {
            assertTrue(device.algorithms().contains(a), a + " on v3");
            RecordingJob refused = run(q, job(tag++, a, NO_SIZE, data));
            assertEquals(WdStatus.UNSUPPORTED, refused.status, refused.detail);
            assertTrue(refused.detail.contains("content size omitted"), refused.detail);
            RecordingJob served = run(q, job(tag++, a, FrameOptions.DEFAULT, data));
            assertEquals(WdStatus.OK, served.status, served.detail);
            WdException stream = assertThrows(WdException.class, () -> dut.driver().openStream(a,
                    Operation.COMPRESS, a.defaultLevel(), WindowSize.W32K, null, NO_SIZE));
            assertEquals(WdStatus.UNSUPPORTED, stream.status());
        }
        q.close();
    }
}
