package io.warpdrive.lib.format;

import io.warpdrive.comp.Algorithm;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What decodes the raw deflate data of a member for a {@link MemberDecoder}: a driver's
 * inflater (java.util.zip's {@code Inflater}, ISA-L's igzip, a device). The engine owns
 * the call's output and limit and reads the same input the decoder parses the framing
 * from; the decoder says when a member's data begins and checks the trailer against the
 * engine's checksum and output count.
 *
 * @since 1.1
 */
@ConsumerType
public interface DeflateEngine {

    /** Why {@link #inflate} returned. */
    enum Stop {
        /** The deflate data ended; the input is positioned just after it. */
        ENDED,
        /** No room for more output (destination full or output limit reached). */
        OUTPUT_FULL,
        /** All input is consumed and the data has not ended. */
        INPUT_EXHAUSTED
    }

    /**
     * Forgets the last member and starts on the deflate data of a new one of
     * {@code algorithm}, whose trailer's checksum {@link #checksum()} then computes.
     */
    void startMember(Algorithm algorithm);

    /**
     * Decodes until the deflate data ends, the output is full or the input is consumed.
     *
     * @param probe the output is full and the caller must know whether the data goes on:
     *        decode into one byte of scratch space instead of the output; any byte
     *        produced there answers {@link Stop#OUTPUT_FULL} (the data needs more room)
     * @throws io.warpdrive.comp.WdException CORRUPT_INPUT (or another status) with the
     *         engine's reason only; the decoder adds which member it was in
     */
    Stop inflate(boolean probe);

    /** True when the output limit, not the destination's size, stopped the output. */
    boolean limitReached();

    /** The CRC-32 (gzip) or Adler-32 (zlib) of this member's output so far. */
    int checksum();

    /** Bytes this member has decompressed to so far. */
    long memberOutput();
}
