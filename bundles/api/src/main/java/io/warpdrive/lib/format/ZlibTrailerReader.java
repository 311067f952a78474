package io.warpdrive.lib.format;

import java.nio.ByteBuffer;

/**
 * Reads a zlib trailer (Adler-32, big-endian) that may arrive split across buffers and
 * calls, and checks it against the decompressed data's checksum. One per worker or
 * stream, reused with {@link #reset()}.
 */
public final class ZlibTrailerReader {
    private final FixedBytes bytes = new FixedBytes(ZlibFormat.TRAILER_LENGTH);

    /**
     * Consumes up to the trailer's missing bytes from {@code src}.
     *
     * @return true once the whole trailer has been read
     */
    public boolean read(ByteBuffer src) {
        return bytes.fill(src);
    }

    public boolean isComplete() {
        return bytes.isComplete();
    }

    /** The Adler-32 the trailer records. */
    public int adler() {
        if (!bytes.isComplete()) {
            throw Failures.incomplete("the zlib trailer");
        }
        return bytes.bigEndian32(0);
    }

    /** @throws io.warpdrive.comp.WdException CHECKSUM_MISMATCH when the data's Adler-32 differs */
    public void verify(int adler32) {
        if (adler() != adler32) {
            throw Failures.mismatch("zlib Adler-32 mismatch: trailer says " + Failures.hex32(adler())
                    + ", data has " + Failures.hex32(adler32));
        }
    }

    /** @throws io.warpdrive.comp.WdException TRUNCATED_INPUT when the input ended inside the trailer */
    public void checkComplete() {
        if (!bytes.isComplete()) {
            throw Failures.truncated("zlib trailer truncated: " + bytes.filled() + " of "
                    + ZlibFormat.TRAILER_LENGTH + " bytes");
        }
    }

    public void reset() {
        bytes.reset();
    }
}
