package io.warpdrive.testing.data;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The sizes where code that splits, buffers or bounds data goes wrong: nothing, one and two
 * bytes, and one below, at and above 4 KiB (a page, a small packet), 64 KiB (the platform's
 * stream buffers), 1 MiB, and any limits a test adds (a driver's per-request limit).
 */
public final class EdgeSizes {
    private static final int[] STANDARD = {0, 1, 2, 4095, 4096, 4097, 65_535, 65_536, 65_537,
        (1 << 20) - 1, 1 << 20, (1 << 20) + 1};

    private EdgeSizes() {
    }

    /** The standard sizes, ascending. */
    public static int[] standard() {
        return STANDARD.clone();
    }

    /** The standard sizes and one below, at and one above each of {@code limits}, ascending, no repeats. */
    public static int[] withLimits(int... limits) {
        IntStream extra = Arrays.stream(limits).flatMap(l -> IntStream.of(l - 1, l, l + 1)).filter(s -> s >= 0);
        return IntStream.concat(Arrays.stream(STANDARD), extra).distinct().sorted().toArray();
    }
}
