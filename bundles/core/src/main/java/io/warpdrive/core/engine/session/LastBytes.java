package io.warpdrive.core.engine.session;

import java.nio.ByteBuffer;

/**
 * The last (up to) {@code capacity} bytes of a run of buffers, in a ring: the window a moved
 * compression stream primes its next engine with, the tail of output a resumed decompression
 * stream checks its replay against. Allocates only at construction.
 */
final class LastBytes {
    private final byte[] ring;
    /** Next write position. */
    private int end;
    private boolean full;

    LastBytes(int capacity) {
        this.ring = new byte[capacity];
    }

    /** Keeps bytes {@code from} to {@code to} of {@code b} (absolute indexes; its position is not moved). */
    void keep(ByteBuffer b, int from, int to) {
        int capacity = ring.length;
        int n = Math.min(to - from, capacity);
        int start = to - n;
        int first = Math.min(n, capacity - end);
        b.get(start, ring, end, first);
        if (n > first) {
            b.get(start + first, ring, 0, n - first);
        }
        if (end + n >= capacity) {
            full = true;
        }
        end = (end + n) % capacity;
    }

    /** How many bytes are kept. */
    int length() {
        return full ? ring.length : end;
    }

    /** Kept byte {@code i}, 0 being the oldest. */
    byte get(int i) {
        return ring[((full ? end : 0) + i) % ring.length];
    }

    /** The kept bytes, oldest first. */
    byte[] toArray() {
        if (!full) {
            return java.util.Arrays.copyOf(ring, end);
        }
        byte[] d = new byte[ring.length];
        System.arraycopy(ring, end, d, 0, ring.length - end);
        System.arraycopy(ring, 0, d, ring.length - end, end);
        return d;
    }

    void clear() {
        end = 0;
        full = false;
    }
}
