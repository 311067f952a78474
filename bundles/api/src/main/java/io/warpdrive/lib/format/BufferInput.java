package io.warpdrive.lib.format;

import java.nio.ByteBuffer;

/**
 * A {@link FramedInput} over one buffer, reusable: {@link #of} points it at the buffer of
 * the call at hand without allocating.
 *
 * @since 1.1
 */
public final class BufferInput implements FramedInput {
    private ByteBuffer buffer;

    /** Reads from {@code source} (null to let go of it); returns this. */
    public BufferInput of(ByteBuffer source) {
        buffer = source;
        return this;
    }

    @Override
    public ByteBuffer current() {
        return buffer != null && buffer.hasRemaining() ? buffer : null;
    }

    @Override
    public int peek(int ahead) {
        return buffer != null && ahead < buffer.remaining() ? buffer.get(buffer.position() + ahead) & 0xff : -1;
    }
}
