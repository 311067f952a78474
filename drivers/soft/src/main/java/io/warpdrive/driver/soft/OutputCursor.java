package io.warpdrive.driver.soft;

import io.warpdrive.comp.SgList;
import java.nio.ByteBuffer;
import java.util.zip.Checksum;

/**
 * Walks a destination {@link SgList} and enforces the request's output limit. The codec
 * asks for a segment with room ({@link #acquire()}), writes into it, and hands it back
 * ({@link #release}); when the limit is nearer than the segment's end, the segment's
 * limit is lowered while the codec writes and restored afterwards, so the codec can never
 * produce more than allowed and the caller's buffer is left as it was given.
 *
 * <p>Every {@code acquire} must be followed by {@code release}; {@link #finish()} in a
 * {@code finally} restores a segment whose write threw.
 */
final class OutputCursor {
    private final Checksums checksums;
    private SgList list;
    private int index;
    /** Bytes the output limit still allows. */
    private long allowance;

    private ByteBuffer acquired;
    private int acquiredPosition;
    private int acquiredLimit;

    OutputCursor(Checksums checksums) {
        this.checksums = checksums;
    }

    void start(SgList destination, long outputLimit) {
        list = destination;
        index = 0;
        allowance = outputLimit;
        acquired = null;
    }

    /** A segment with room, its limit lowered to the allowance; null when there is no room or no allowance. */
    ByteBuffer acquire() {
        ByteBuffer segment = nextWithRoom();
        if (segment == null || allowance == 0) {
            return null;
        }
        acquired = segment;
        acquiredPosition = segment.position();
        acquiredLimit = segment.limit();
        if (segment.remaining() > allowance) {
            segment.limit(acquiredPosition + (int) allowance);
        }
        return segment;
    }

    /**
     * Takes back the acquired segment, restoring its limit, and accounts for what was
     * written into it.
     *
     * @param checksum updated over the bytes written, or null
     * @return bytes written since {@link #acquire()}
     */
    int release(Checksum checksum) {
        ByteBuffer segment = acquired;
        if (segment == null) {
            return 0;
        }
        acquired = null;
        int written = segment.position() - acquiredPosition;
        segment.limit(acquiredLimit);
        if (checksum != null) {
            checksums.update(checksum, segment, acquiredPosition, acquiredPosition + written);
        }
        allowance -= written;
        return written;
    }

    /** Restores any segment still acquired (after a failure) and forgets the caller's list. */
    void finish() {
        if (acquired != null) {
            acquired.limit(acquiredLimit);
            acquired = null;
        }
        list = null;
    }

    /** True when the output limit, not the destination's size, is what stops the codec. */
    boolean limitReached() {
        return allowance == 0 && nextWithRoom() != null;
    }

    private ByteBuffer nextWithRoom() {
        for (; index < list.size(); index++) {
            ByteBuffer segment = list.get(index);
            if (segment.hasRemaining()) {
                return segment;
            }
        }
        return null;
    }
}
