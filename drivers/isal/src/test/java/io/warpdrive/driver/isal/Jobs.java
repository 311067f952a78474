package io.warpdrive.driver.isal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.conformance.Buffers;
import io.warpdrive.testing.conformance.RecordingJob;
import java.nio.ByteBuffer;

/** Runs jobs on a codec as a worker does (execute, then complete or fail exactly once), on direct buffers. */
final class Jobs {
    private Jobs() {
    }

    static RecordingJob run(IsalCodec codec, RecordingJob job) {
        try {
            job.complete(codec.execute(job));
        } catch (WdException e) {
            job.fail(e.status(), e.getMessage());
        } catch (Throwable t) {
            fail("the codec threw something other than a WdException", t);
        }
        assertEquals(1, job.completions.get(), "completed exactly once");
        return job;
    }

    static SgList direct(byte[] data) {
        return SgList.of(ByteBuffer.allocateDirect(data.length).put(data).flip());
    }

    static SgList space(int bytes) {
        return SgList.of(ByteBuffer.allocateDirect(bytes));
    }

    static byte[] compress(IsalCodec codec, Algorithm algorithm, int level, byte[] data) {
        SgList destination = space((int) Buffers.compressBound(data.length));
        assertSucceeded(run(codec, RecordingJob.compress(algorithm, level, direct(data), destination)));
        return Buffers.produced(destination);
    }

    static byte[] decompress(IsalCodec codec, Algorithm algorithm, byte[] compressed, int capacity) {
        SgList destination = space(capacity);
        SgList source = direct(compressed);
        RecordingJob job = run(codec, RecordingJob.decompress(algorithm, source, destination));
        assertSucceeded(job);
        assertTrue(job.endOfStream, "end of stream");
        assertEquals(compressed.length, source.get(0).position(), "consumed all input");
        return Buffers.produced(destination);
    }

    static WdStatus decompressStatus(IsalCodec codec, Algorithm algorithm, byte[] compressed, int capacity) {
        RecordingJob job = run(codec, RecordingJob.decompress(algorithm, direct(compressed), space(capacity)));
        return job.failure() == null ? WdStatus.OK : job.failure();
    }

    static void assertSucceeded(RecordingJob job) {
        if (job.failure() != null) {
            fail("job failed: " + job.detail);
        }
    }

    static void assertFailed(RecordingJob job, WdStatus status, String messagePart) {
        assertEquals(status, job.failure(), "status; detail: " + job.detail);
        assertTrue(job.detail.contains(messagePart), "detail should contain '" + messagePart + "': " + job.detail);
    }
}
