package io.warpdrive.core.model;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Service time of one device as a fixed cost plus a cost per byte, per cell ({@link RequestClass}):
 * a least-squares line through the cell's samples, older samples weighing less (each new sample
 * multiplies the weight of the earlier ones by {@value #KEEP_TEXT}), the regression form of
 * StarPU's history-based performance models.
 *
 * <p>The first two completions of each kind of request, whatever their sizes, are not learned
 * from (class loading, the interpreter): a size class that comes after them learns from its first
 * (a calibration's 64 KiB jobs follow its 4 KiB ones). A sample more than {@value #CLIP} times
 * the prediction counts as that much.
 *
 * <p>Updates keep weighted running means and co-moments (West's algorithm, stable when every
 * sample has the same size) and publish the fitted line in two plain arrays that the pick reads
 * without a lock. A cell has one writer at a time: a completion that finds its cell being updated
 * by another thread drops its sample (counted) rather than wait. A reader may see a fixed cost and
 * a per-byte cost one update apart, which moves a prediction by one sample's worth. Nothing here
 * allocates after construction.
 */
public final class ServiceModel {
    /** Samples a cell needs before it predicts; until then it reads as unknown and gets tried. */
    public static final int MIN_SAMPLES = 4;
    /** The first completions of a kind (a row of size classes) pay class loading and the interpreter: not learned from. */
    private static final int SKIPPED = 2;
    /** Completions a cell of a kind never seen needs before it predicts. */
    public static final int TO_PREDICT = SKIPPED + MIN_SAMPLES;
    /**
     * A sample above this many times the prediction counts as that much: a job preempted by the
     * host's scheduler (milliseconds) must not move the mean of jobs of microseconds far, while
     * an engine that really slowed down still moves it by a few percent per sample and is followed.
     */
    private static final int CLIP = 2;
    private static final double KEEP = 1 - 1.0 / 32;
    private static final String KEEP_TEXT = "31/32";
    /** A cell fits its own slope when its sizes spread by at least this fraction of their mean. */
    private static final double SPREAD = 0.05;
    private static final int W = 0;
    private static final int MX = 1;
    private static final int MY = 2;
    private static final int CXX = 3;
    private static final int CXY = 4;
    private static final int STRIDE = 5;

    private final double[] state = new double[RequestClass.CELLS * STRIDE];
    private final double[] fixedNanos = new double[RequestClass.CELLS];
    private final double[] nanosPerByte = new double[RequestClass.CELLS];
    /** Whether the cell's slope comes from its own spread of sizes (else from neighbours or a split). */
    private final boolean[] ownSlope = new boolean[RequestClass.CELLS];
    private final long[] samples = new long[RequestClass.CELLS];
    /**
     * Completions not learned from so far, per kind of request (at the index of its row's first
     * cell). Two sizes of a kind completing at once may both count one: one sample more or less
     * is skipped, once.
     */
    private final byte[] skipped = new byte[RequestClass.CELLS];
    private final long[] lastSampleNanos = new long[RequestClass.CELLS];
    /** Whether the cell's state came from the data folder and has not been checked against the device since. */
    private final boolean[] restored = new boolean[RequestClass.CELLS];
    private final AtomicIntegerArray writing = new AtomicIntegerArray(RequestClass.CELLS);
    private final AtomicLong dropped = new AtomicLong();

    /** Predicted service time in nanoseconds, or -1 while the cell has fewer than {@link #MIN_SAMPLES}. */
    public long predict(int cell, long bytes) {
        if (samples[cell] < MIN_SAMPLES) {
            return -1;
        }
        double ns = fixedNanos[cell] + nanosPerByte[cell] * bytes;
        return ns < 1 ? 1 : (long) ns;
    }

    /** Adds one observation; returns false when another thread was updating the cell (sample dropped). */
    public boolean record(int cell, long bytes, long nanos, long now) {
        if (!writing.compareAndSet(cell, 0, 1)) {
            dropped.incrementAndGet();
            return false;
        }
        try {
            int row = RequestClass.rowStart(cell);
            if (skipped[row] < SKIPPED) {
                skipped[row]++;
                return true;
            }
            int o = cell * STRIDE;
            double x = bytes;
            double y = Math.max(1, nanos);
            if (samples[cell] >= MIN_SAMPLES) {
                y = Math.min(y, CLIP * (fixedNanos[cell] + nanosPerByte[cell] * x));
            }
            double w = state[o + W] * KEEP + 1;
            double dx = x - state[o + MX];
            double dy = y - state[o + MY];
            double mx = state[o + MX] + dx / w;
            double my = state[o + MY] + dy / w;
            state[o + W] = w;
            state[o + MX] = mx;
            state[o + MY] = my;
            state[o + CXX] = state[o + CXX] * KEEP + dx * (x - mx);
            state[o + CXY] = state[o + CXY] * KEEP + dx * (y - my);
            lastSampleNanos[cell] = now;
            samples[cell]++;
            fit(cell);
        } finally {
            writing.set(cell, 0);
        }
        return true;
    }

    private void fit(int cell) {
        int o = cell * STRIDE;
        double w = state[o + W];
        double mx = state[o + MX];
        double my = state[o + MY];
        double variance = state[o + CXX] / w;
        double slope;
        boolean own = variance > SPREAD * SPREAD * mx * mx && variance > 0;
        if (own) {
            slope = state[o + CXY] / state[o + CXX];
        } else {
            slope = neighbourSlope(cell);
            if (slope < 0) {
                // No spread of sizes here or next door: split the mean time half fixed, half per
                // byte, which is off by at most a quarter anywhere in a class twice as wide as low.
                slope = mx > 0 ? my / (2 * mx) : 0;
            }
        }
        double fixed = my - slope * mx;
        if (slope < 0) {
            slope = 0;
            fixed = my;
        } else if (fixed < 0) {
            fixed = 0;
            slope = mx > 0 ? my / mx : 0;
        }
        ownSlope[cell] = own;
        nanosPerByte[cell] = slope;
        fixedNanos[cell] = fixed;
    }

    /** The mean of the slopes the neighbouring size classes fitted from their own spread, or -1. */
    private double neighbourSlope(int cell) {
        int row = RequestClass.rowStart(cell);
        double sum = 0;
        int n = 0;
        for (int c = cell - 1; c <= cell + 1; c += 2) {
            if (c >= row && c < row + RequestClass.SIZES && ownSlope[c] && samples[c] >= MIN_SAMPLES) {
                sum += nanosPerByte[c];
                n++;
            }
        }
        return n == 0 ? -1 : sum / n;
    }

    /**
     * The cell's state as text ({@code w mx my cxx cxy samples}) for the data folder, or null when
     * it has learned nothing.
     */
    public String save(int cell) {
        if (samples[cell] == 0) {
            return null;
        }
        int o = cell * STRIDE;
        return state[o + W] + " " + state[o + MX] + " " + state[o + MY] + " " + state[o + CXX] + " " + state[o + CXY]
                + " " + samples[cell];
    }

    /** Restores what {@link #save} wrote (before the cell serves requests); false when it is not such text. */
    public boolean restore(int cell, String text, long now) {
        String[] f = text.trim().split(" ");
        if (f.length != 6) {
            return false;
        }
        double[] v = new double[STRIDE];
        long n;
        try {
            for (int i = 0; i < STRIDE; i++) {
                v[i] = Double.parseDouble(f[i]);
                if (!Double.isFinite(v[i])) {
                    return false;
                }
            }
            n = Long.parseLong(f[5]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (v[W] <= 0 || n <= 0) {
            return false;
        }
        System.arraycopy(v, 0, state, cell * STRIDE, STRIDE);
        samples[cell] = n;
        skipped[RequestClass.rowStart(cell)] = SKIPPED;
        lastSampleNanos[cell] = now;
        restored[cell] = true;
        fit(cell);
        return true;
    }

    /** Whether the cell came from the data folder and no calibration has checked it yet. */
    public boolean restored(int cell) {
        return restored[cell];
    }

    /**
     * A calibration checked the cell: it is the device's own from now on, kept ({@code forget}
     * false) or forgotten, to learn afresh from the samples that follow as a new cell does.
     * Waits out a completion updating the cell (calibration runs off the request path).
     */
    void checked(int cell, boolean forget) {
        while (!writing.compareAndSet(cell, 0, 1)) {
            Thread.onSpinWait();
        }
        try {
            restored[cell] = false;
            if (forget) {
                java.util.Arrays.fill(state, cell * STRIDE, (cell + 1) * STRIDE, 0);
                samples[cell] = 0;
                skipped[RequestClass.rowStart(cell)] = 0; // the run's first jobs of the kind are its cold ones
                ownSlope[cell] = false;
                fixedNanos[cell] = 0;
                nanosPerByte[cell] = 0;
            }
        } finally {
            writing.set(cell, 0);
        }
    }

    public long samples(int cell) {
        return samples[cell];
    }

    /** When the cell last learned (the model's clock), 0 if never. */
    public long lastSampleNanos(int cell) {
        return lastSampleNanos[cell];
    }

    public double fixedNanos(int cell) {
        return fixedNanos[cell];
    }

    public double nanosPerByte(int cell) {
        return nanosPerByte[cell];
    }

    /** How settled the cell is, 0 to 1: the decayed weight of its samples against the most it can reach. */
    public double confidence(int cell) {
        return Math.min(1, state[cell * STRIDE + W] * (1 - KEEP));
    }

    /** Samples dropped because their cell was being updated by another completion. */
    public long dropped() {
        return dropped.get();
    }
}
