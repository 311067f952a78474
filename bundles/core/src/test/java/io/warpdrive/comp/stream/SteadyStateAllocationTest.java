package io.warpdrive.comp.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.core.engine.TestPlatform;
import io.warpdrive.testing.kit.Allocations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Once a stream is open, writing and reading a block costs no allocation beyond the one
 * request the block takes: the streams make their buffers and request once and reuse them.
 * (A request itself allocates on the caller's thread here because the test driver queues
 * its jobs on a JDK executor; that cost is measured first and subtracted.)
 */
class SteadyStateAllocationTest {
    private static final int BLOCK = 4096;
    private static final int TIMES = 8_000;

    @Test
    void writesAndReadsOfWholeBlocksAllocateNoMoreThanTheirRequests() throws Exception {
        try (TestPlatform platform = TestPlatform.withCopyingDriver()) {
            Compressor compressor = platform.compressorFor("test.consumer");
            SessionSpec spec = SessionSpec.of(Algorithm.ZLIB);
            byte[] block = new byte[BLOCK];

            // what one request of a block costs by itself (the test driver allocates when it queues a job)
            long perRequest;
            try (StreamSession session = compressor.openStream(Operation.COMPRESS, spec)) {
                Request r = session.newRequest();
                ByteBuffer in = ByteBuffer.allocate(BLOCK);
                ByteBuffer out = ByteBuffer.allocate(2 * BLOCK);
                perRequest = bytesAllocatedBy(() -> {
                    session.execute(r.source(in.clear()).destination(out.clear()).flush(Flush.NONE));
                }, TIMES);
            }
            try (OutputStream out = new CompressorOutputStream(OutputStream.nullOutputStream(), compressor, spec,
                    BLOCK)) {
                assertNothingPerCall("writes", perRequest, bytesAllocatedBy(() -> out.write(block), TIMES));
            }
            byte[] input = new byte[(2 * TIMES + 1) * BLOCK]; // warm-up and measured reads
            try (InputStream in = new DecompressorInputStream(new ByteArrayInputStream(input), compressor, spec,
                    BLOCK)) {
                assertNothingPerCall("reads", perRequest,
                        bytesAllocatedBy(() -> in.readNBytes(block, 0, BLOCK), TIMES));
            }
        }
    }

    /**
     * The smallest object takes 16 bytes, so anything allocated per call would add at
     * least 16 bytes per call; a few kilobytes in all, whatever the number of calls, is noise
     * of the JVM's.
     */
    private static void assertNothingPerCall(String calls, long perRequest, long measured) {
        long extra = measured - perRequest;
        assertTrue(extra < 4L * TIMES, TIMES + " " + calls + " of a block allocated " + measured + " bytes, "
                + perRequest + " for their requests: " + extra + " more");
    }

    interface IoAction {
        void run() throws IOException;
    }

    /**
     * Heap bytes this thread allocates running {@code action} {@code times} times, after as
     * many to warm up (the streams' paths stop allocating once compiled).
     */
    private static long bytesAllocatedBy(IoAction action, int times) {
        return Allocations.bytesAllocatedBy(() -> {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, times, times);
    }
}
