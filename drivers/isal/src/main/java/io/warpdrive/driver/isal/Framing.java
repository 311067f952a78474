package io.warpdrive.driver.isal;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.driver.isal.igzip.IgzipAbi;

/**
 * How the three algorithms map onto igzip: the driver writes gzip and zlib headers itself
 * (with {@code MemberFraming.writeHeader}, as every driver does, so the XFL, FLEVEL and
 * window fields say what was asked) and has igzip write the deflate data and the trailer;
 * on decompression the platform's member decoder parses headers and trailers and igzip
 * decodes raw deflate while computing the CRC-32 or Adler-32 the trailer is checked against.
 */
final class Framing {
    private Framing() {
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
