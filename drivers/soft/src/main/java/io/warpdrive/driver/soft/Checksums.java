package io.warpdrive.driver.soft;

import java.nio.ByteBuffer;
import java.util.zip.Checksum;

/**
 * Updates a checksum over a range of a buffer that the codec has just consumed or
 * produced, leaving the buffer's position and limit as they were and allocating
 * nothing: {@code Checksum.update(ByteBuffer)} would copy a read-only heap buffer
 * through a fresh array, so those go through a preallocated scratch array instead.
 */
final class Checksums {
    private static final int SCRATCH_SIZE = 4096;

    /** Allocated on first use: only read-only heap buffers need it. */
    private byte[] scratch;

    void update(Checksum checksum, ByteBuffer buffer, int from, int to) {
        if (from == to) {
            return;
        }
        if (buffer.hasArray()) {
            checksum.update(buffer.array(), buffer.arrayOffset() + from, to - from);
        } else if (buffer.isDirect()) {
            int position = buffer.position();
            int limit = buffer.limit();
            buffer.limit(to).position(from);
            checksum.update(buffer);
            buffer.limit(limit).position(position);
        } else {
            if (scratch == null) {
                scratch = new byte[SCRATCH_SIZE];
            }
            for (int at = from; at < to; ) {
                int n = Math.min(scratch.length, to - at);
                buffer.get(at, scratch, 0, n);
                checksum.update(scratch, 0, n);
                at += n;
            }
        }
    }
}
