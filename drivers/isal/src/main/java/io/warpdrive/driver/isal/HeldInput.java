package io.warpdrive.driver.isal;

import io.warpdrive.driver.isal.igzip.InflateState;
import java.nio.ByteBuffer;

/**
 * Input bytes a decompression stream took from an earlier request and must read before the
 * current source. igzip reads up to eight bytes ahead of what it decodes; when a deflate
 * stream ends, the bytes read past its end are the trailer and what follows. Those read
 * from the current source are given back by moving its position; those that came from an
 * earlier request are held here. At most a few bytes; preallocated.
 */
final class HeldInput {
    private static final int CAPACITY = 64;
    /** The bytes held are between position and limit. */
    private final ByteBuffer bytes = ByteBuffer.allocate(CAPACITY);

    HeldInput() {
        bytes.limit(0);
    }

    boolean hasRemaining() {
        return bytes.hasRemaining();
    }

    /** The held bytes, for a parser to consume from (it advances the position). */
    ByteBuffer buffer() {
        return bytes;
    }

    /** The unsigned byte {@code ahead} bytes on, or -1. */
    int peek(int ahead) {
        return ahead < bytes.remaining() ? bytes.get(bytes.position() + ahead) & 0xff : -1;
    }

    /**
     * Puts {@code count} bytes of {@code littleEndian} (lowest byte first) in front of those
     * held.
     */
    void prepend(long littleEndian, int count) {
        if (count == 0) {
            return;
        }
        int held = bytes.remaining();
        if (count + held > CAPACITY) {
            throw new IllegalStateException("more input held back than igzip can read ahead: " + (count + held));
        }
        bytes.compact(); // the held bytes now start at 0
        for (int i = held - 1; i >= 0; i--) {
            bytes.put(i + count, bytes.get(i));
        }
        for (int i = 0; i < count; i++) {
            bytes.put(i, (byte) (littleEndian >>> (8 * i)));
        }
        bytes.position(0).limit(count + held);
    }

    /**
     * Copies what is held, up to {@code max} bytes, to the state's scratch memory from
     * {@code offset}; returns how many. They stay held until {@link #skip}.
     */
    int stage(InflateState state, int offset, int max) {
        int n = Math.min(bytes.remaining(), max);
        for (int i = 0; i < n; i++) {
            state.scratch(offset + i, bytes.get(bytes.position() + i));
        }
        return n;
    }

    void skip(int n) {
        bytes.position(bytes.position() + n);
    }

    void clear() {
        bytes.limit(0);
    }
}
