package io.warpdrive.comp;

/**
 * The compressed formats the platform serves: the deflate family, named as UADK names them
 * ({@code alg_name}), and the zstd and LZ4 frame formats.
 *
 * <p>Each algorithm has its own range of {@linkplain #minLevel() levels}: 1 (fastest) to 9
 * (smallest) for the deflate family; zstd's own levels, its negative "fast" levels (-131072
 * to -1, faster the more negative) and 1 to 22 (3 its default; level 0, zstd's "the
 * default", is not a level here); LZ4's levels as the {@code lz4} tool numbers them, 1 and
 * 2 its fast compressor and 3 to 12 its high-compression (HC) compressor at that level.
 *
 * <p>The {@link WindowSize} of a session is deflate's history window; zstd takes its window
 * from the level and LZ4's history is 64 KiB, so neither reads it.
 */
public enum Algorithm {
    /** Raw deflate (RFC 1951), no header or trailer. */
    DEFLATE("deflate", 1, 9, 6),
    /** zlib (RFC 1950): 2-byte header, deflate, Adler-32 trailer. */
    ZLIB("zlib", 1, 9, 6),
    /** gzip (RFC 1952): header, deflate, CRC-32 and ISIZE trailer. */
    GZIP("gzip", 1, 9, 6),
    /**
     * The zstd frame format (RFC 8878), one or more frames, skippable frames allowed.
     *
     * @since 1.2
     */
    ZSTD("zstd", -(1 << 17), 22, 3),
    /**
     * The LZ4 frame format (magic 0x184D2204), one or more frames, skippable frames allowed.
     *
     * @since 1.2
     */
    LZ4("lz4", 1, 12, 1);

    private static final Algorithm[] VALUES = values();
    private final String uadkName;
    private final int minLevel;
    private final int maxLevel;
    private final int defaultLevel;

    Algorithm(String uadkName, int minLevel, int maxLevel, int defaultLevel) {
        this.uadkName = uadkName;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.defaultLevel = defaultLevel;
    }

    /**
     * The name used by UADK, sysfs {@code algorithms} and the shell: deflate, zlib, gzip,
     * zstd, lz4. (UADK's {@code lz77_zstd} is HiSilicon's intermediate form, not the zstd
     * frame format.)
     */
    public String uadkName() {
        return uadkName;
    }

    /**
     * True for deflate, zlib and gzip: the formats whose levels promise zlib's ratio and whose
     * window is a {@link WindowSize}.
     *
     * @since 1.2
     */
    public boolean isDeflateFamily() {
        return this == DEFLATE || this == ZLIB || this == GZIP;
    }

    /**
     * Lowest compression level (fastest).
     *
     * @since 1.2
     */
    public int minLevel() {
        return minLevel;
    }

    /**
     * Highest compression level (smallest output).
     *
     * @since 1.2
     */
    public int maxLevel() {
        return maxLevel;
    }

    /**
     * The level a session gets when none is given: 6 for the deflate family, 3 for zstd, 1 for LZ4.
     *
     * @since 1.2
     */
    public int defaultLevel() {
        return defaultLevel;
    }

    /**
     * True if {@code level} is one of this algorithm's levels.
     *
     * @since 1.2
     */
    public boolean isLevel(int level) {
        return level >= minLevel && level <= maxLevel && level != 0;
    }

    /**
     * The most bytes one complete stream of this format may take for {@code inputLength}
     * bytes compressed in one request: a bound to size a destination with.
     *
     * @throws WdException INVALID_ARGUMENT for a negative length
     * @since 1.2
     */
    public long compressBound(long inputLength) {
        if (inputLength < 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "negative input length " + inputLength);
        }
        long n = inputLength;
        switch (this) {
            case ZSTD:
                // ZSTD_COMPRESSBOUND plus the largest frame header (18) and the checksum (4).
                return n + (n >> 8) + (n < (128 << 10) ? ((128 << 10) - n) >> 11 : 0) + 22;
            case LZ4:
                // Every 64 KiB block may be stored: a 4-byte size and a 4-byte checksum each;
                // the largest frame header (19), the end mark and the content checksum (8).
                return n + ((n + 0xffff) >> 16) * 8 + 27;
            default:
                // zlib's conservative deflate bound plus the framing.
                long framing = this == GZIP ? 18 : this == ZLIB ? 6 : 0;
                return n + ((n + 7) >> 3) + ((n + 63) >> 6) + 5 + framing;
        }
    }

    /**
     * Parses a name as used on the command line or in sysfs (case-insensitive).
     *
     * @throws WdException with {@link WdStatus#UNSUPPORTED} for an unknown name
     */
    public static Algorithm fromName(String name) {
        if (name != null) {
            for (Algorithm a : VALUES) {
                if (a.uadkName.equalsIgnoreCase(name.trim()) || a.name().equalsIgnoreCase(name.trim())) {
                    return a;
                }
            }
        }
        throw new WdException(WdStatus.UNSUPPORTED,
                "unknown algorithm '" + name + "' (known: deflate, zlib, gzip, zstd, lz4)");
    }
}
