package io.warpdrive.driver.isal;

import io.warpdrive.driver.isal.igzip.IgzipAbi;

/**
 * Which igzip level (0..3) serves each of the platform's levels (1..9), and which zlib level
 * the output then compares to — a level is a promise about the ratio. Measured on dickens in
 * 64 KiB requests (output/input): igzip 0 (fixed Huffman tables) 0.472, worse than zlib 1's
 * 0.459; igzip 1 0.449, zlib 1's ratio or better but not zlib 2's (0.443); igzip 2 0.440, zlib
 * 2's; igzip 3, its best, 0.431 — still zlib 2, short of zlib 3 (0.428) and far from zlib 6
 * (0.400). So isal honours levels 1 and 2 only ({@link #ratioLevel}); under AUTO the platform
 * sends levels 3 to 9 to a driver that honours them unless the engine accepts the nearest
 * level. The default, {@value #DEFAULT}, gives each level the igzip level that honours it
 * where one does and igzip's best elsewhere. Every igzip level is several times faster than
 * zlib level 1 (streams use 1 where the map says 0, see {@link #streamLevel}); a
 * configuration may map differently ({@code levels=0,1,1,2,2,3,3,3,3} for speed at level 1).
 */
final class LevelMap {
    static final String DEFAULT = "1,2,3,3,3,3,3,3,3";
    /** Index: igzip level; value: the zlib level whose ratio its output meets (0: not even zlib 1's). */
    private static final int[] ZLIB_EQUIVALENT = {0, 1, 2, 2};
    static final int MIN_PLATFORM_LEVEL = 1;
    static final int MAX_PLATFORM_LEVEL = 9;

    /** Index: platform level; value: igzip level. */
    private final int[] igzip = new int[MAX_PLATFORM_LEVEL + 1];
    private final int highest;
    private final String spec;

    private LevelMap(int[] levels, String spec) {
        int max = IgzipAbi.MIN_LEVEL;
        for (int i = 0; i < levels.length; i++) {
            igzip[i + MIN_PLATFORM_LEVEL] = levels[i];
            max = Math.max(max, levels[i]);
        }
        this.highest = max;
        this.spec = spec;
    }

    static LevelMap defaults() {
        return parse(DEFAULT);
    }

    /**
     * @param spec nine igzip levels, comma-separated, for the platform's levels 1 to 9
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static LevelMap parse(String spec) {
        String[] parts = spec == null ? new String[0] : spec.trim().split("\\s*,\\s*");
        if (parts.length != MAX_PLATFORM_LEVEL) {
            throw new IllegalArgumentException("'" + spec + "' must list " + MAX_PLATFORM_LEVEL
                    + " igzip levels, one for each level 1 to 9");
        }
        int[] levels = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                levels[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                levels[i] = -1;
            }
            if (levels[i] < IgzipAbi.MIN_LEVEL || levels[i] > IgzipAbi.MAX_LEVEL) {
                throw new IllegalArgumentException("'" + parts[i] + "' for level " + (i + MIN_PLATFORM_LEVEL)
                        + " is not an igzip level (" + IgzipAbi.MIN_LEVEL + ".." + IgzipAbi.MAX_LEVEL + ")");
            }
        }
        return new LevelMap(levels, String.join(",", parts));
    }

    /** The igzip level for a platform level, which must be 1..9. */
    int igzipLevel(int platformLevel) {
        return igzip[platformLevel];
    }

    /**
     * The igzip level for a stream at a platform level: as {@link #igzipLevel}, but 1 for 0.
     * igzip 0 writes every block with its fixed Huffman tables, a header of some hundred
     * bytes, and in a stream (unlike a stateless request, where igzip falls back to stored
     * blocks) nothing keeps that within the platform's compress bound: a small stream could
     * need more room than {@code maxCompressedLength} promises.
     */
    int streamLevel(int platformLevel) {
        return Math.max(1, igzip[platformLevel]);
    }

    /** The zlib level whose ratio the output at a platform level (1..9) meets ({@code Driver.ratioLevel}). */
    int ratioLevel(int platformLevel) {
        return ZLIB_EQUIVALENT[igzip[platformLevel]];
    }

    /** The highest igzip level any platform level maps to (what a worker's level buffer must hold). */
    int highest() {
        return highest;
    }

    /** As configured: {@code 1,1,2,...}. */
    @Override
    public String toString() {
        return spec;
    }
}
