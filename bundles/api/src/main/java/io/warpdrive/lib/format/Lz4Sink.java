package io.warpdrive.lib.format;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where an {@link Lz4FrameDecoder} puts decompressed bytes: the destination of the call at
 * hand (one buffer or a scatter-gather list) within its output limit.
 *
 * @since 1.2
 */
@ConsumerType
public interface Lz4Sink {

    /**
     * Copies as much of {@code stage} (position to limit) as the room and the output limit
     * take, advancing both.
     *
     * @return true when all of it was written, false when the destination is full
     * @throws io.warpdrive.comp.WdException OUTPUT_LIMIT_EXCEEDED when the limit, not the
     *         destination, stops it
     */
    boolean write(ByteBuffer stage);

    /**
     * A buffer that takes {@code length} bytes from its position within the room and the
     * limit, for the decoder to decompress into in place; null when none does (the decoder
     * then stages the block and {@link #write}s it). The decoder writes from the buffer's
     * position without moving it and then says how much through {@link #advance}.
     */
    ByteBuffer direct(int length);

    /** Counts {@code n} bytes written in place into the last {@link #direct} buffer and moves its position past them. */
    void advance(int n);

    /** The most bytes that may still be written under the output limit, for the declared content size. */
    long allowance();
}
