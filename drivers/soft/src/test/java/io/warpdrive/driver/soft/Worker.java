package io.warpdrive.driver.soft;

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

/** Runs jobs as a soft-driver worker will: execute, then complete or fail the job exactly once. */
final class Worker {
    private Worker() {
    }

    static RecordingJob run(SoftCodec codec, RecordingJob job) {
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

    /** Compresses into one heap buffer of the compress bound; the compressed bytes. */
    static byte[] compress(SoftCodec codec, Algorithm algorithm, int level, byte[] data) {
        SgList destination = SgList.of(ByteBuffer.allocate((int) Buffers.compressBound(data.length)));
        RecordingJob job = run(codec, RecordingJob.compress(algorithm, level, SgList.of(ByteBuffer.wrap(data)),
                destination));
        assertSucceeded(job);
        return Buffers.produced(destination);
    }

    /** Decompresses into one heap buffer of {@code capacity} bytes; the decompressed bytes. */
    static byte[] decompress(SoftCodec codec, Algorithm algorithm, byte[] compressed, int capacity) {
        SgList destination = SgList.of(ByteBuffer.allocate(capacity));
        ByteBuffer source = ByteBuffer.wrap(compressed);
        RecordingJob job = run(codec, RecordingJob.decompress(algorithm, SgList.of(source), destination));
        assertSucceeded(job);
        assertTrue(job.endOfStream, "end of stream");
        assertEquals(compressed.length, source.position(), "consumed all input");
        return Buffers.produced(destination);
    }

    /** The status a decompression of {@code compressed} fails with, or OK. */
    static WdStatus decompressStatus(SoftCodec codec, Algorithm algorithm, byte[] compressed, int capacity) {
        SgList destination = SgList.of(ByteBuffer.allocate(capacity));
        RecordingJob job = run(codec, RecordingJob.decompress(algorithm, SgList.of(ByteBuffer.wrap(compressed)),
                destination));
        return job.failure() == null ? WdStatus.OK : job.failure();
    }

    static void assertSucceeded(RecordingJob job) {
        if (job.failure() != null) {
            fail("job failed: " + job.detail);
        }
    }

    static void assertFailed(RecordingJob job, WdStatus status, String messagePart) {
        assertEquals(status, job.failure(), "status; detail: " + job.detail);
        assertTrue(job.detail.contains(messagePart),
                "detail should contain '" + messagePart + "': " + job.detail);
    }
}
