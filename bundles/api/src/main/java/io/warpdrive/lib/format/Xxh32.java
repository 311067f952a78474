package io.warpdrive.lib.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * XXH32, the 32-bit xxHash the LZ4 frame format checksums its header, blocks and content
 * with, over heap and direct buffers alike and fed in pieces of any size. Written here
 * rather than taken from lz4-java so that the format's shared library needs no codec
 * library (a device driver frames its own LZ4 blocks) and so that direct buffers are
 * hashed in place (lz4-java's streaming hash takes arrays only). Reusable through
 * {@link #reset}; allocates nothing after construction. Not thread-safe. The
 * {@link Lz4ContentHash} an {@link Lz4BlockEngine} offers unless it has a faster one.
 *
 * @since 1.2
 */
public final class Xxh32 implements Lz4ContentHash {
    private static final int P1 = 0x9E3779B1;
    private static final int P2 = 0x85EBCA77;
    private static final int P3 = 0xC2B2AE3D;
    private static final int P4 = 0x27D4EB2F;
    private static final int P5 = 0x165667B1;
    /** Reads little-endian ints whatever the buffer's own order, without touching it. */
    private static final VarHandle INT_LE = MethodHandles.byteBufferViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    private int seed;
    private int v1;
    private int v2;
    private int v3;
    private int v4;
    /** Input short of a 16-byte stripe, and the length so far. */
    private final StripeBuffer input = new StripeBuffer(16, this::stripes);

    public Xxh32() {
        reset(0);
    }

    /** Starts a new hash with seed 0. */
    @Override
    public void reset() {
        reset(0);
    }

    /** Starts a new hash with {@code seed}. */
    public Xxh32 reset(int seed) {
        this.seed = seed;
        v1 = seed + P1 + P2;
        v2 = seed + P2;
        v3 = seed;
        v4 = seed - P1;
        input.reset();
        return this;
    }

    /** Adds {@code length} bytes of {@code buffer} from absolute index {@code offset}; positions are untouched. */
    @Override
    public void update(ByteBuffer buffer, int offset, int length) {
        input.update(buffer, offset, length);
    }

    /** Runs the four lanes over every whole 16-byte stripe in [offset, end); returns where they stopped. */
    private int stripes(ByteBuffer b, int offset, int end) {
        int a1 = v1;
        int a2 = v2;
        int a3 = v3;
        int a4 = v4;
        for (; offset <= end - 16; offset += 16) {
            a1 = round(a1, (int) INT_LE.get(b, offset));
            a2 = round(a2, (int) INT_LE.get(b, offset + 4));
            a3 = round(a3, (int) INT_LE.get(b, offset + 8));
            a4 = round(a4, (int) INT_LE.get(b, offset + 12));
        }
        v1 = a1;
        v2 = a2;
        v3 = a3;
        v4 = a4;
        return offset;
    }

    private static int round(int acc, int lane) {
        return Integer.rotateLeft(acc + lane * P2, 13) * P1;
    }

    /** The hash of everything added since the last {@link #reset}; the state is left as it is. */
    @Override
    public int digest() {
        int h = input.total >= 16
                ? Integer.rotateLeft(v1, 1) + Integer.rotateLeft(v2, 7) + Integer.rotateLeft(v3, 12)
                        + Integer.rotateLeft(v4, 18)
                : seed + P5;
        h += (int) input.total;
        return finish(h, input.pendingView, 0, input.pendingLength);
    }

    private static int finish(int h, ByteBuffer b, int offset, int end) {
        for (; offset <= end - 4; offset += 4) {
            h = Integer.rotateLeft(h + (int) INT_LE.get(b, offset) * P3, 17) * P4;
        }
        for (; offset < end; offset++) {
            h = Integer.rotateLeft(h + (b.get(offset) & 0xff) * P5, 11) * P1;
        }
        h ^= h >>> 15;
        h *= P2;
        h ^= h >>> 13;
        h *= P3;
        h ^= h >>> 16;
        return h;
    }

    /** The hash with seed 0 of {@code length} bytes of {@code buffer} from {@code offset}; the state is untouched. */
    @Override
    public int hash(ByteBuffer buffer, int offset, int length) {
        return hash(buffer, offset, length, 0);
    }

    /** The hash of {@code length} bytes of {@code buffer} from absolute index {@code offset}, in one call. */
    public static int hash(ByteBuffer buffer, int offset, int length, int seed) {
        int end = offset + length;
        int h;
        if (length >= 16) {
            int a1 = seed + P1 + P2;
            int a2 = seed + P2;
            int a3 = seed;
            int a4 = seed - P1;
            for (; offset <= end - 16; offset += 16) {
                a1 = round(a1, (int) INT_LE.get(buffer, offset));
                a2 = round(a2, (int) INT_LE.get(buffer, offset + 4));
                a3 = round(a3, (int) INT_LE.get(buffer, offset + 8));
                a4 = round(a4, (int) INT_LE.get(buffer, offset + 12));
            }
            h = Integer.rotateLeft(a1, 1) + Integer.rotateLeft(a2, 7) + Integer.rotateLeft(a3, 12)
                    + Integer.rotateLeft(a4, 18);
        } else {
            h = seed + P5;
        }
        return finish(h + length, buffer, offset, end);
    }
}
