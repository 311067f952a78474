package io.warpdrive.lib.format;

import java.nio.ByteBuffer;

/**
 * What the streaming xxHash variants share: input fed in pieces of any size goes to the hash's
 * lanes in whole stripes (16 bytes for XXH32, 32 for XXH64); the bytes short of a stripe wait here
 * for the next piece or for the digest, which also needs the total length. Allocates nothing
 * after construction. Not thread-safe.
 */
final class StripeBuffer {
    /** A hash's lanes run over every whole stripe in [offset, end) and say where they stopped. */
    interface Lanes {
        int stripes(ByteBuffer b, int offset, int end);
    }

    private final int stripe;
    private final Lanes lanes;
    private final byte[] pending;
    /** The bytes short of a stripe, [0, {@link #pendingLength}), for the digest to read. */
    final ByteBuffer pendingView;
    int pendingLength;
    /** Bytes fed since the last reset. */
    long total;

    StripeBuffer(int stripe, Lanes lanes) {
        this.stripe = stripe;
        this.lanes = lanes;
        this.pending = new byte[stripe];
        this.pendingView = ByteBuffer.wrap(pending);
    }

    void reset() {
        total = 0;
        pendingLength = 0;
    }

    /** Feeds {@code length} bytes of {@code buffer} from absolute index {@code offset}; positions are untouched. */
    void update(ByteBuffer buffer, int offset, int length) {
        total += length;
        int end = offset + length;
        if (pendingLength > 0) {
            int take = Math.min(stripe - pendingLength, length);
            buffer.get(offset, pending, pendingLength, take);
            pendingLength += take;
            offset += take;
            if (pendingLength < stripe) {
                return;
            }
            lanes.stripes(pendingView, 0, stripe);
            pendingLength = 0;
        }
        offset = lanes.stripes(buffer, offset, end);
        if (offset < end) {
            pendingLength = end - offset;
            buffer.get(offset, pending, 0, pendingLength);
        }
    }
}
