package io.warpdrive.core.model;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;

/**
 * The classes a performance model keeps apart: operation, algorithm, level class and
 * request-size class, folded into one cell index so that a model is a few flat arrays.
 * Size classes are powers of two: class 0 holds requests up to 1 KiB, class k those above
 * 2^(9+k) up to 2^(10+k) bytes, the last class everything above 8 MiB.
 */
public final class RequestClass {
    /** Number of request-size classes. */
    public static final int SIZES = 15;
    /** Level classes: fast (levels up to 3, and every decompression), default (4 to 6), best (7 and up). */
    public static final int LEVELS = 3;
    private static final int ALGORITHMS = Algorithm.values().length;
    private static final int OPERATIONS = Operation.values().length;
    /** Number of cells of a model. */
    public static final int CELLS = OPERATIONS * ALGORITHMS * LEVELS * SIZES;
    private static final String[] LEVEL_NAMES = { "fast", "default", "best" };

    private RequestClass() {
    }

    public static int sizeClass(long bytes) {
        if (bytes <= 1024) {
            return 0;
        }
        int log2 = 63 - Long.numberOfLeadingZeros(bytes - 1); // bytes in (2^log2, 2^(log2+1)]
        return Math.min(SIZES - 1, log2 - 9);
    }

    /** Largest request of a size class (its upper bound); the last class has none. */
    public static long sizeClassUpper(int sizeClass) {
        return sizeClass >= SIZES - 1 ? Long.MAX_VALUE : 1L << (10 + sizeClass);
    }

    /** A representative size of a class: its upper bound, or 16 MiB for the last one. */
    public static long sizeClassTypical(int sizeClass) {
        return sizeClass >= SIZES - 1 ? 16L << 20 : sizeClassUpper(sizeClass);
    }

    /**
     * The level class of a request of the algorithm: LZ4's levels 1 and 2 (its fast
     * compressor) are fast and its HC levels best; zstd's and the deflate family's levels
     * as {@link #levelClass(Operation, int)} (zstd's negative levels are fast).
     */
    public static int levelClass(Operation operation, Algorithm algorithm, int level) {
        if (algorithm == Algorithm.LZ4 && operation == Operation.COMPRESS) {
            return level <= 2 ? 0 : 2;
        }
        return levelClass(operation, level);
    }

    public static int levelClass(Operation operation, int level) {
        if (operation == Operation.DECOMPRESS || level <= 3) {
            return 0;
        }
        return level <= 6 ? 1 : 2;
    }

    public static String levelClassName(int levelClass) {
        return LEVEL_NAMES[levelClass];
    }

    public static int cell(Operation operation, Algorithm algorithm, int levelClass, int sizeClass) {
        return ((operation.ordinal() * ALGORITHMS + algorithm.ordinal()) * LEVELS + levelClass) * SIZES + sizeClass;
    }

    /** The cell of a request of this operation, algorithm, compression level and size in bytes. */
    public static int of(Operation operation, Algorithm algorithm, int level, long bytes) {
        return cell(operation, algorithm, levelClass(operation, algorithm, level), sizeClass(bytes));
    }

    /** The first cell of the row (same operation, algorithm and level class) a cell belongs to. */
    static int rowStart(int cell) {
        return cell - cell % SIZES;
    }

    public static int sizeClassOf(int cell) {
        return cell % SIZES;
    }

    public static int levelClassOf(int cell) {
        return cell / SIZES % LEVELS;
    }

    public static Algorithm algorithmOf(int cell) {
        return Algorithm.values()[cell / SIZES / LEVELS % ALGORITHMS];
    }

    public static Operation operationOf(int cell) {
        return Operation.values()[cell / SIZES / LEVELS / ALGORITHMS];
    }

    /** A cell for people, as the crossover lines name kinds of request: "gzip compress fast 4 KiB". */
    public static String describe(int cell) {
        return algorithmOf(cell).uadkName() + " " + operationOf(cell).name().toLowerCase(java.util.Locale.ROOT) + " "
                + levelClassName(levelClassOf(cell)) + " " + sizeClassName(sizeClassOf(cell));
    }

    /** "4 KiB", "64 KiB", "1 MiB", "> 8 MiB": the upper bound of a size class, for people. */
    public static String sizeClassName(int sizeClass) {
        if (sizeClass >= SIZES - 1) {
            return "> " + bytes(sizeClassUpper(SIZES - 2));
        }
        return bytes(sizeClassUpper(sizeClass));
    }

    public static String bytes(long n) {
        return io.warpdrive.admin.ModelEstimate.sizeName(n);
    }
}
