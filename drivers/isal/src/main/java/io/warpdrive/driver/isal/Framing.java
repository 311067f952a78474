package io.warpdrive.driver.isal;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.driver.isal.igzip.IgzipAbi;
import io.warpdrive.lib.format.GzipFormat;
import io.warpdrive.lib.format.ZlibFormat;
import java.nio.ByteBuffer;

/**
 * How the three algorithms map onto igzip: the driver writes gzip and zlib headers itself
 * (with the shared {@code io.warpdrive.lib.format} writers, as every driver does, so the
 * XFL, FLEVEL and window fields say what was asked) and has igzip write the deflate data
 * and the trailer; on decompression it parses headers and trailers itself and has igzip
 * decode raw deflate while computing the CRC-32 or Adler-32 the trailer is checked against.
 */
final class Framing {
    private Framing() {
    }

    static int headerLength(Algorithm algorithm) {
        return algorithm == Algorithm.GZIP ? GzipFormat.HEADER_LENGTH
                : algorithm == Algorithm.ZLIB ? ZlibFormat.HEADER_LENGTH : 0;
    }

    /** Writes the header for the platform's {@code level} at the position, advancing it. */
    static void writeHeader(ByteBuffer dst, Algorithm algorithm, int level, WindowSize window) {
        if (algorithm == Algorithm.GZIP) {
            GzipFormat.writeHeader(dst, level);
        } else if (algorithm == Algorithm.ZLIB) {
            ZlibFormat.writeHeader(dst, level, window);
        }
    }

    /** igzip's {@code gzip_flag}: the deflate data, then the algorithm's trailer. */
    static int gzipFlag(Algorithm algorithm) {
        return algorithm == Algorithm.GZIP ? IgzipAbi.IGZIP_GZIP_NO_HDR
                : algorithm == Algorithm.ZLIB ? IgzipAbi.IGZIP_ZLIB_NO_HDR : IgzipAbi.IGZIP_DEFLATE;
    }

    /** igzip's {@code crc_flag}: raw deflate, with the checksum the algorithm's trailer holds. */
    static int crcFlag(Algorithm algorithm) {
        return algorithm == Algorithm.GZIP ? IgzipAbi.ISAL_GZIP_NO_HDR
                : algorithm == Algorithm.ZLIB ? IgzipAbi.ISAL_ZLIB_NO_HDR : IgzipAbi.ISAL_DEFLATE;
    }

    /**
     * igzip's {@code hist_bits} for a window: the largest power of two not above it (24 KiB
     * compresses with 16 KiB; the zlib header still announces the 32 KiB it rounds up to,
     * which only promises the decoder more than is used).
     */
    static int histBits(WindowSize window) {
        int bits = 31 - Integer.numberOfLeadingZeros(window.bytes());
        return bits >= IgzipAbi.MAX_HIST_BITS ? 0 : bits;
    }
}
