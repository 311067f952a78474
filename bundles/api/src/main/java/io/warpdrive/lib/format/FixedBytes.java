package io.warpdrive.lib.format;

import java.nio.ByteBuffer;

/**
 * Collects a fixed number of bytes (a trailer) that may arrive split across any number
 * of buffers, into a preallocated array, then decodes integers from it.
 */
final class FixedBytes {
    private final byte[] bytes;
    private int filled;

    FixedBytes(int length) {
        this.bytes = new byte[length];
    }

    /** Takes as many of the missing bytes as {@code src} has; true once all are there. */
    boolean fill(ByteBuffer src) {
        int take = Math.min(src.remaining(), bytes.length - filled);
        src.get(bytes, filled, take);
        filled += take;
        return filled == bytes.length;
    }

    boolean isComplete() {
        return filled == bytes.length;
    }

    int filled() {
        return filled;
    }

    void reset() {
        filled = 0;
    }

    int littleEndian32(int offset) {
        return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8 | (bytes[offset + 2] & 0xff) << 16
                | (bytes[offset + 3] & 0xff) << 24;
    }

    int bigEndian32(int offset) {
        return (bytes[offset] & 0xff) << 24 | (bytes[offset + 1] & 0xff) << 16 | (bytes[offset + 2] & 0xff) << 8
                | (bytes[offset + 3] & 0xff);
    }
}
