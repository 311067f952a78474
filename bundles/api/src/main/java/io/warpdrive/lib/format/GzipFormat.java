package io.warpdrive.lib.format;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Constants of the gzip member format (RFC 1952) and writers of the header and trailer
 * a compressor emits. The header is the fixed 10-byte one UADK writes
 * ({@code 1f 8b 08 00 00000000 00 03}: deflate, no flags, no time, Unix), optionally
 * with the XFL byte gzip sets for its fastest and best levels. Parsing, which must
 * accept every valid header, is {@link GzipHeaderParser}'s job.
 */
public final class GzipFormat {
    /** First magic byte. */
    public static final int ID1 = 0x1f;
    /** Second magic byte. */
    public static final int ID2 = 0x8b;
    /** CM value for deflate, the only method RFC 1952 defines. */
    public static final int CM_DEFLATE = 8;

    /** FLG bit: the data is probably text (a hint only). */
    public static final int FTEXT = 0x01;
    /** FLG bit: a CRC16 of the header precedes the deflate data. */
    public static final int FHCRC = 0x02;
    /** FLG bit: XLEN and that many bytes of extra field follow. */
    public static final int FEXTRA = 0x04;
    /** FLG bit: a zero-terminated original file name follows. */
    public static final int FNAME = 0x08;
    /** FLG bit: a zero-terminated comment follows. */
    public static final int FCOMMENT = 0x10;
    /** FLG bits that must be zero. */
    public static final int RESERVED_FLAGS = 0xe0;

    /** XFL written by gzip for its slowest, best compression (level 9). */
    public static final int XFL_MAX_COMPRESSION = 2;
    /** XFL written by gzip for its fastest compression (level 1). */
    public static final int XFL_FASTEST = 4;
    /** OS value for Unix, what UADK and gzip on Linux write. */
    public static final int OS_UNIX = 3;

    /** Length of the header without optional fields. */
    public static final int HEADER_LENGTH = 10;
    /** Length of the trailer: CRC-32 and ISIZE. */
    public static final int TRAILER_LENGTH = 8;

    private GzipFormat() {
    }

    /** The XFL byte gzip writes for a level: 2 for 9, 4 for 1, 0 otherwise. */
    public static int xfl(int level) {
        return level == 9 ? XFL_MAX_COMPRESSION : level == 1 ? XFL_FASTEST : 0;
    }

    /**
     * Writes UADK's header with XFL 0 at the buffer's position, advancing it.
     *
     * @throws java.nio.BufferOverflowException when fewer than {@link #HEADER_LENGTH} bytes remain
     */
    public static void writeHeader(ByteBuffer dst) {
        writeHeaderWithXfl(dst, 0);
    }

    /**
     * Writes the 10-byte header with the XFL byte for {@code level} (see {@link #xfl(int)}),
     * advancing the position.
     *
     * @throws java.nio.BufferOverflowException when fewer than {@link #HEADER_LENGTH} bytes remain
     */
    public static void writeHeader(ByteBuffer dst, int level) {
        writeHeaderWithXfl(dst, xfl(level));
    }

    private static void writeHeaderWithXfl(ByteBuffer dst, int xfl) {
        if (dst.remaining() < HEADER_LENGTH) {
            throw new BufferOverflowException();
        }
        dst.put((byte) ID1).put((byte) ID2).put((byte) CM_DEFLATE).put((byte) 0) // no flags
                .putInt(0) // MTIME 0: no time stamp, as UADK (byte order irrelevant for zero)
                .put((byte) xfl).put((byte) OS_UNIX);
    }

    /**
     * Writes the trailer: CRC-32 of the uncompressed data and its length modulo 2^32,
     * both little-endian, advancing the position.
     *
     * @throws java.nio.BufferOverflowException when fewer than {@link #TRAILER_LENGTH} bytes remain
     */
    public static void writeTrailer(ByteBuffer dst, int crc32, long uncompressedLength) {
        if (dst.remaining() < TRAILER_LENGTH) {
            throw new BufferOverflowException();
        }
        ByteOrder order = dst.order();
        dst.order(ByteOrder.LITTLE_ENDIAN).putInt(crc32).putInt((int) uncompressedLength).order(order);
    }

    /** The CRC-32 field of a complete trailer starting at {@code index} (absolute; the position is not moved). */
    public static int trailerCrc(ByteBuffer src, int index) {
        return littleEndian32(src, index);
    }

    /** The ISIZE field (length modulo 2^32) of a complete trailer starting at {@code index}. */
    public static long trailerSize(ByteBuffer src, int index) {
        return littleEndian32(src, index + 4) & 0xffff_ffffL;
    }

    private static int littleEndian32(ByteBuffer src, int index) {
        return (src.get(index) & 0xff) | (src.get(index + 1) & 0xff) << 8 | (src.get(index + 2) & 0xff) << 16
                | (src.get(index + 3) & 0xff) << 24;
    }
}
