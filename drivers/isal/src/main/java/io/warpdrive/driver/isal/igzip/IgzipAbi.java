package io.warpdrive.driver.isal.igzip;

/**
 * Facts of ISA-L's {@code igzip_lib.h} (ISA-L 2.30, soname {@code libisal.so.2}, built with
 * the default 32 KiB history as distributions build it) for LP64 Linux: struct sizes and
 * the offsets of the fields the driver touches, return codes and flag values. The offsets
 * follow from the declarations and C's alignment rules; {@link IgzipSelfTest} checks them
 * against the loaded library before the driver uses it.
 */
public final class IgzipAbi {
    private IgzipAbi() {
    }

    // ---- struct isal_zstream (compression) --------------------------------------------
    /** {@code sizeof(struct isal_zstream)}: 64 bytes of fields, then {@code struct isal_zstate} (82320). */
    public static final int ZSTREAM_SIZE = 82_384;
    public static final int ZS_NEXT_IN = 0;
    public static final int ZS_AVAIL_IN = 8;
    public static final int ZS_TOTAL_IN = 12;
    public static final int ZS_NEXT_OUT = 16;
    public static final int ZS_AVAIL_OUT = 24;
    public static final int ZS_TOTAL_OUT = 28;
    public static final int ZS_HUFFTABLES = 32;
    public static final int ZS_LEVEL = 40;
    public static final int ZS_LEVEL_BUF_SIZE = 44;
    public static final int ZS_LEVEL_BUF = 48;
    public static final int ZS_END_OF_STREAM = 56;
    public static final int ZS_FLUSH = 58;
    public static final int ZS_GZIP_FLAG = 60;
    public static final int ZS_HIST_BITS = 62;
    /** {@code internal_state.state} ({@code enum isal_zstate_state}). */
    public static final int ZS_STATE = 84;

    /** {@code isal_zstate_state}: a new block header comes next (everything before is flushed). */
    public static final int ZSTATE_NEW_HDR = 0;
    /** {@code isal_zstate_state}: the stream, trailer included, is complete. */
    public static final int ZSTATE_END = 11;

    /** Flush values. */
    public static final int NO_FLUSH = 0;
    public static final int SYNC_FLUSH = 1;
    public static final int FULL_FLUSH = 2;

    /** {@code gzip_flag}: raw deflate, or only the trailer of gzip or zlib (the driver writes headers). */
    public static final int IGZIP_DEFLATE = 0;
    public static final int IGZIP_GZIP_NO_HDR = 2;
    public static final int IGZIP_ZLIB_NO_HDR = 4;

    /** Compression return codes. */
    public static final int COMP_OK = 0;
    public static final int STATELESS_OVERFLOW = -1;

    /** Compression levels igzip has. */
    public static final int MIN_LEVEL = 0;
    public static final int MAX_LEVEL = 3;

    /**
     * {@code ISAL_DEF_LVLx_DEFAULT}: the level buffer igzip suggests per level (0 needs
     * none): hash tables of the level plus 64 Ki 4-byte tokens.
     */
    private static final int[] LEVEL_BUF_SIZES = {0, 282_624, 331_776, 348_160};

    /** The level buffer for igzip level {@code level} (0..3). */
    public static int levelBufSize(int level) {
        return LEVEL_BUF_SIZES[level];
    }

    /** The largest level buffer: one of this size serves every level. */
    public static final int MAX_LEVEL_BUF_SIZE = 348_160;

    /** igzip's window: {@code hist_bits} 0 means the full 32 KiB; 8..15 a smaller power of two. */
    public static final int MAX_HIST_BITS = 15;

    // ---- struct inflate_state (decompression) -------------------------------------------
    /** {@code sizeof(struct inflate_state)}. */
    public static final int INFLATE_STATE_SIZE = 87_368;
    public static final int IS_NEXT_OUT = 0;
    public static final int IS_AVAIL_OUT = 8;
    public static final int IS_TOTAL_OUT = 12;
    public static final int IS_NEXT_IN = 16;
    /** {@code uint64_t read_in}: input bits read ahead, consumed from the least significant end. */
    public static final int IS_READ_IN = 24;
    public static final int IS_AVAIL_IN = 32;
    /** {@code int32_t read_in_length}: how many bits of {@code read_in} are unused. */
    public static final int IS_READ_IN_LENGTH = 36;
    /** After the two Huffman lookup tables (18912 + 2208 bytes from offset 40). */
    public static final int IS_BLOCK_STATE = 21_160;
    public static final int IS_CRC_FLAG = 21_172;
    public static final int IS_CRC = 21_176;
    public static final int IS_HIST_BITS = 21_180;
    /** {@code int32_t tmp_out_processed}: the last field {@code isal_inflate_init} sets. */
    public static final int IS_TMP_OUT_PROCESSED = 21_212;

    /** {@code isal_block_state}: a new block header comes next. */
    public static final int ISAL_BLOCK_NEW_HDR = 0;
    /** {@code isal_block_state}: the deflate stream has ended and all its output is written. */
    public static final int ISAL_BLOCK_FINISH = 5;

    /** {@code crc_flag}: raw deflate, or deflate data whose CRC-32 / Adler-32 igzip computes into {@code crc}. */
    public static final int ISAL_DEFLATE = 0;
    public static final int ISAL_GZIP_NO_HDR = 2;
    public static final int ISAL_ZLIB_NO_HDR = 4;

    /** Decompression return codes. */
    public static final int ISAL_DECOMP_OK = 0;
    public static final int ISAL_NEED_DICT = 6;
    public static final int ISAL_INVALID_BLOCK = -1;
    public static final int ISAL_INVALID_SYMBOL = -2;
    public static final int ISAL_INVALID_LOOKBACK = -3;
    public static final int ISAL_INVALID_WRAPPER = -4;
    public static final int ISAL_UNSUPPORTED_METHOD = -5;
    public static final int ISAL_INCORRECT_CHECKSUM = -6;

    /** What an inflate return code means, for messages. */
    public static String inflateError(int code) {
        switch (code) {
            case ISAL_INVALID_BLOCK: return "invalid block";
            case ISAL_INVALID_SYMBOL: return "invalid symbol";
            case ISAL_INVALID_LOOKBACK: return "invalid distance too far back";
            case ISAL_INVALID_WRAPPER: return "invalid wrapper";
            case ISAL_UNSUPPORTED_METHOD: return "unsupported method";
            case ISAL_INCORRECT_CHECKSUM: return "incorrect checksum";
            case ISAL_NEED_DICT: return "needs a dictionary";
            default: return "igzip error " + code;
        }
    }
}
