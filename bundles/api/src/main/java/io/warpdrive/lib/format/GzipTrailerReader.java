package io.warpdrive.lib.format;

import java.nio.ByteBuffer;

/**
 * Reads a gzip trailer (CRC-32 and ISIZE, little-endian) that may arrive split across
 * buffers and calls, and checks it against what the decompressor computed. One per
 * worker or stream, reused with {@link #reset()}.
 */
public final class GzipTrailerReader {
    private final FixedBytes bytes = new FixedBytes(GzipFormat.TRAILER_LENGTH);

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

    /** The CRC-32 the trailer records. */
    public int crc() {
        requireComplete();
        return bytes.littleEndian32(0);
    }

    /** The uncompressed length modulo 2^32 the trailer records. */
    public long size() {
        requireComplete();
        return bytes.littleEndian32(4) & 0xffff_ffffL;
    }

    /**
     * Checks the trailer against the member's data.
     *
     * @param crc32 CRC-32 of the decompressed member
     * @param uncompressedLength bytes the member decompressed to (compared modulo 2^32)
     * @throws io.warpdrive.comp.WdException CHECKSUM_MISMATCH when either field differs
     */
    public void verify(int crc32, long uncompressedLength) {
        if (crc() != crc32) {
            throw Failures.mismatch("gzip CRC-32 mismatch: trailer says " + Failures.hex32(crc())
                    + ", data has " + Failures.hex32(crc32));
        }
        long expected = uncompressedLength & 0xffff_ffffL;
        if (size() != expected) {
            throw Failures.mismatch("gzip ISIZE mismatch: trailer says " + size() + " bytes, data has "
                    + expected + " (modulo 2^32)");
        }
    }

    /** @throws io.warpdrive.comp.WdException TRUNCATED_INPUT when the input ended inside the trailer */
    public void checkComplete() {
        if (!bytes.isComplete()) {
            throw Failures.truncated("gzip trailer truncated: " + bytes.filled() + " of "
                    + GzipFormat.TRAILER_LENGTH + " bytes");
        }
    }

    public void reset() {
        bytes.reset();
    }

    private void requireComplete() {
        if (!bytes.isComplete()) {
            throw Failures.incomplete("the gzip trailer");
        }
    }
}
