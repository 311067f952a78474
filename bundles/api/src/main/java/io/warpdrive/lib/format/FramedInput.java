package io.warpdrive.lib.format;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The input of one decompression call as the framing sees it: a sequence of buffers
 * (a scatter-gather list, or bytes held back from an earlier call followed by the new
 * source) read in order. Parsers take bytes from {@link #current()} and advance its
 * position themselves, so nothing is copied.
 *
 * @since 1.1
 */
@ConsumerType
public interface FramedInput {

    /** The first buffer with bytes remaining, or null when the input is exhausted. */
    ByteBuffer current();

    /**
     * The unsigned byte {@code ahead} bytes past the current position, across buffers,
     * without consuming anything; -1 when the input has fewer bytes.
     */
    int peek(int ahead);
}
