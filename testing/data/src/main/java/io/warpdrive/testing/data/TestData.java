package io.warpdrive.testing.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Generated data of any kind and size, the same bytes on every machine and JDK: each kind is an
 * endless sequence from its own seed and a request for {@code n} bytes returns its first
 * {@code n}. The longest sequence made so far of each kind is kept, so asking again costs a copy.
 */
public final class TestData {
    /** Sequences are made in steps of this size, so asking for slightly more does not regenerate. */
    private static final int STEP = 1 << 20;
    /** The longest sequence made of each kind, by ordinal; guarded by the kind's lock. */
    private static final byte[][] MADE = new byte[DataKind.values().length][];
    private static final Object[] LOCKS = new Object[DataKind.values().length];

    static {
        Arrays.setAll(LOCKS, i -> new Object());
    }

    private TestData() {
    }

    /** The first {@code size} bytes of {@code kind}'s sequence, in a fresh array. */
    public static byte[] bytes(DataKind kind, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        // A lock per kind, not one map-wide: the mixed kind is made from the others.
        synchronized (LOCKS[kind.ordinal()]) {
            byte[] made = MADE[kind.ordinal()];
            if (made == null || made.length < size) {
                made = generate(kind, size);
                MADE[kind.ordinal()] = made;
            }
            return Arrays.copyOf(made, size);
        }
    }

    private static byte[] generate(DataKind kind, int size) {
        int target = (int) Math.min(Integer.MAX_VALUE - 64, ((long) size + STEP - 1) / STEP * STEP);
        DataWriter out = new DataWriter(target + 64 * 1024);
        kind.generator().generate(new SplittableRandom(kind.seed()), out, target);
        return out.first(target);
    }
}
