package io.warpdrive.lib.format;

import io.warpdrive.comp.WindowSize;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Constants of the zlib format (RFC 1950) and writers of its header and trailer. The
 * header's FLEVEL is derived from the level exactly as zlib derives it, so a stream made
 * by a driver starts with the same two bytes zlib would write.
 */
public final class ZlibFormat {
    /** CM value for deflate, the only method RFC 1950 defines. */
    public static final int CM_DEFLATE = 8;
    /** Largest CINFO: a 32 KiB window. */
    public static final int MAX_CINFO = 7;
    /** FLG bit: a preset dictionary's DICTID follows the header. */
    public static final int FDICT = 0x20;
    /** Length of the header (CMF, FLG) without DICTID. */
    public static final int HEADER_LENGTH = 2;
    /** Length of the trailer: Adler-32, big-endian. */
    public static final int TRAILER_LENGTH = 4;

    private ZlibFormat() {
    }

    /**
     * FLEVEL for a compression level as zlib sets it: 0 (fastest) for levels 0 and 1,
     * 1 (fast) for 2 to 5, 2 (default) for 6, 3 (maximum) for 7 to 9.
     *
     * @throws io.warpdrive.comp.WdException INVALID_ARGUMENT for a level outside 0..9
     */
    public static int flevel(int level) {
        if (level < 0 || level > 9) {
            throw Failures.invalidArgument("zlib level " + level + " outside 0..9");
        }
        return level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3;
    }

    /**
     * CINFO for a window: log2 of the window size minus 8, rounded up, because the
     * header must announce a window at least as large as the compressor uses (24 KiB
     * is announced as 32 KiB).
     */
    public static int cinfo(WindowSize window) {
        int log2RoundedUp = 32 - Integer.numberOfLeadingZeros(window.bytes() - 1);
        return log2RoundedUp - 8;
    }

    /** The window size in bytes that a CINFO value announces. */
    public static int windowBytes(int cinfo) {
        return 1 << (cinfo + 8);
    }

    /**
     * The two header bytes as one big-endian value ({@code CMF << 8 | FLG}), with FCHECK
     * set so that it is a multiple of 31 and no preset dictionary.
     */
    public static int header(int level, WindowSize window) {
        int cmf = cinfo(window) << 4 | CM_DEFLATE;
        int flg = flevel(level) << 6;
        int remainder = (cmf << 8 | flg) % 31;
        return cmf << 8 | flg | (remainder == 0 ? 0 : 31 - remainder);
    }

    /**
     * Writes the header for {@code level} and {@code window}, advancing the position.
     *
     * @throws BufferOverflowException when fewer than {@link #HEADER_LENGTH} bytes remain
     */
    public static void writeHeader(ByteBuffer dst, int level, WindowSize window) {
        int header = header(level, window);
        if (dst.remaining() < HEADER_LENGTH) {
            throw new BufferOverflowException();
        }
        dst.put((byte) (header >>> 8)).put((byte) header);
    }

    /**
     * Writes the Adler-32 of the uncompressed data, big-endian, advancing the position.
     *
     * @throws BufferOverflowException when fewer than {@link #TRAILER_LENGTH} bytes remain
     */
    public static void writeTrailer(ByteBuffer dst, int adler32) {
        if (dst.remaining() < TRAILER_LENGTH) {
            throw new BufferOverflowException();
        }
        dst.put((byte) (adler32 >>> 24)).put((byte) (adler32 >>> 16)).put((byte) (adler32 >>> 8))
                .put((byte) adler32);
    }

    /** The Adler-32 of a complete trailer starting at {@code index} (absolute; the position is not moved). */
    public static int trailerAdler(ByteBuffer src, int index) {
        return (src.get(index) & 0xff) << 24 | (src.get(index + 1) & 0xff) << 16 | (src.get(index + 2) & 0xff) << 8
                | (src.get(index + 3) & 0xff);
    }
}
