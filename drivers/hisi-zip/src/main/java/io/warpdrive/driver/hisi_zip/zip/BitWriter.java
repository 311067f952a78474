package io.warpdrive.driver.hisi_zip.zip;

/**
 * zstd's forward bit stream (read backwards by the decoder): values are appended from the
 * least significant bit, bytes written little-endian into a caller's array, closed by one
 * 1 bit. Writes past the limit are counted, not made: {@link #overflowed()} tells.
 */
final class BitWriter {
    private byte[] buf;
    private int pos;
    private int limit;
    private long acc;
    private int count;
    private boolean overflow;

    void start(byte[] target, int offset, int end) {
        buf = target;
        pos = offset;
        limit = end;
        acc = 0;
        count = 0;
        overflow = false;
    }

    void add(int value, int bits) {
        acc |= (value & ((1L << bits) - 1)) << count;
        count += bits;
        while (count >= 8) {
            put((byte) acc);
            acc >>>= 8;
            count -= 8;
        }
    }

    /** Appends the end mark and the last partial byte; returns the position after the stream. */
    int close() {
        add(1, 1);
        if (count > 0) {
            put((byte) acc);
            acc = 0;
            count = 0;
        }
        return pos;
    }

    boolean overflowed() {
        return overflow;
    }

    private void put(byte b) {
        if (pos < limit) {
            buf[pos++] = b;
        } else {
            overflow = true;
        }
    }
}
