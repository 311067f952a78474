package io.warpdrive.driver.soft;

import io.warpdrive.lib.format.GzipFormat;
import java.nio.ByteBuffer;

/**
 * Output made but not yet written: a gzip header or trailer, or a byte drawn from the
 * deflater by a probe. A stream's destination may be too small for them; what does not
 * fit stays here and is written first by the next request of the stream. Preallocated;
 * never grows.
 */
final class PendingBytes {
    private final ByteBuffer bytes =
            ByteBuffer.allocate(Math.max(GzipFormat.HEADER_LENGTH, GzipFormat.TRAILER_LENGTH));

    PendingBytes() {
        bytes.limit(0);
    }

    void queueGzipHeader(int level) {
        bytes.clear();
        GzipFormat.writeHeader(bytes, level);
        bytes.flip();
    }

    void queueGzipTrailer(int crc32, long uncompressedLength) {
        bytes.clear();
        GzipFormat.writeTrailer(bytes, crc32, uncompressedLength);
        bytes.flip();
    }

    /** Keeps the remaining bytes of {@code output} (at most a few), which must come next. */
    void queue(ByteBuffer output) {
        bytes.clear();
        bytes.put(output);
        bytes.flip();
    }

    /** Writes as much as fits; true when nothing is left waiting. */
    boolean drainTo(OutputCursor out) {
        while (bytes.hasRemaining()) {
            ByteBuffer segment = out.acquire();
            if (segment == null) {
                return false;
            }
            int n = Math.min(segment.remaining(), bytes.remaining());
            segment.put(segment.position(), bytes, bytes.position(), n);
            segment.position(segment.position() + n);
            bytes.position(bytes.position() + n);
            out.release(null);
        }
        return true;
    }

    void clear() {
        bytes.limit(0);
    }
}
