package io.warpdrive.lib.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * XXH64, the 64-bit xxHash whose low 32 bits are a zstd frame's content checksum (RFC 8878,
 * 3.1.1), over heap and direct buffers alike and fed in pieces of any size. Written here from the
 * published algorithm so that the platform can end a zstd frame an engine began (the content
 * checksum of what the frame holds) without a codec library. Reusable through {@link #reset};
 * allocates nothing after construction. Not thread-safe.
 *
 * @since 1.4
 */
public final class Xxh64 {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;
    /** Reads little-endian words whatever the buffer's own order, without touching it. */
    private static final VarHandle LONG_LE = MethodHandles.byteBufferViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteBufferViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    private long seed;
    private long v1;
    private long v2;
    private long v3;
    private long v4;
    /** Input short of a 32-byte stripe, and the length so far. */
    private final StripeBuffer input = new StripeBuffer(32, this::stripes);

    public Xxh64() {
        reset(0);
    }

    /** Starts a new hash with seed 0. */
    public Xxh64 reset() {
        return reset(0);
    }

    /** Starts a new hash with {@code seed}. */
    public Xxh64 reset(long seed) {
        this.seed = seed;
        v1 = seed + P1 + P2;
        v2 = seed + P2;
        v3 = seed;
        v4 = seed - P1;
        input.reset();
        return this;
    }

    /** Adds {@code length} bytes of {@code buffer} from absolute index {@code offset}; positions are untouched. */
    public void update(ByteBuffer buffer, int offset, int length) {
        input.update(buffer, offset, length);
    }

    /** Runs the four lanes over every whole 32-byte stripe in [offset, end); returns where they stopped. */
    private int stripes(ByteBuffer b, int offset, int end) {
        long a1 = v1;
        long a2 = v2;
        long a3 = v3;
        long a4 = v4;
        for (; offset <= end - 32; offset += 32) {
            a1 = round(a1, (long) LONG_LE.get(b, offset));
            a2 = round(a2, (long) LONG_LE.get(b, offset + 8));
            a3 = round(a3, (long) LONG_LE.get(b, offset + 16));
            a4 = round(a4, (long) LONG_LE.get(b, offset + 24));
        }
        v1 = a1;
        v2 = a2;
        v3 = a3;
        v4 = a4;
        return offset;
    }

    private static long round(long acc, long lane) {
        return Long.rotateLeft(acc + lane * P2, 31) * P1;
    }

    private static long merge(long h, long lane) {
        return (h ^ round(0, lane)) * P1 + P4;
    }

    /** The hash of everything added since the last {@link #reset}; the state is left as it is. */
    public long digest() {
        long h;
        if (input.total >= 32) {
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = merge(h, v1);
            h = merge(h, v2);
            h = merge(h, v3);
            h = merge(h, v4);
        } else {
            h = seed + P5;
        }
        return finish(h + input.total, input.pendingView, 0, input.pendingLength);
    }

    /** The bytes of [offset, end) that fill no stripe, then the avalanche. */
    private static long finish(long h, ByteBuffer b, int offset, int end) {
        for (; offset <= end - 8; offset += 8) {
            h ^= round(0, (long) LONG_LE.get(b, offset));
            h = Long.rotateLeft(h, 27) * P1 + P4;
        }
        if (offset <= end - 4) {
            h ^= ((int) INT_LE.get(b, offset) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            offset += 4;
        }
        for (; offset < end; offset++) {
            h ^= (b.get(offset) & 0xff) * P5;
            h = Long.rotateLeft(h, 11) * P1;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    /** The hash of {@code length} bytes of {@code buffer} from absolute index {@code offset}, in one call. */
    public static long hash(ByteBuffer buffer, int offset, int length, long seed) {
        Xxh64 x = new Xxh64().reset(seed);
        x.update(buffer, offset, length);
        return x.digest();
    }
}
