package io.warpdrive.testing.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growing byte buffer the generators append to; ASCII text and little-endian integers. */
final class DataWriter {
    private byte[] bytes;
    private int size;

    DataWriter(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
    }

    int size() {
        return size;
    }

    DataWriter put(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
        return this;
    }

    DataWriter put(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, bytes, size, length);
        size += length;
        return this;
    }

    DataWriter ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    DataWriter utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return put(b, 0, b.length);
    }

    DataWriter int32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    DataWriter int64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** Zero bytes up to the next multiple of {@code alignment}. */
    DataWriter align(int alignment, int fill) {
        while (size % alignment != 0) {
            put(fill);
        }
        return this;
    }

    /** The first {@code length} bytes written (the writer may have run a little past it). */
    byte[] first(int length) {
        if (length > size) {
            throw new IllegalStateException("generated " + size + " bytes, asked for " + length);
        }
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
    }
}
