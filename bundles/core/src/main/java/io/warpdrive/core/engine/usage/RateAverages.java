package io.warpdrive.core.engine.usage;

/**
 * The rate of one growing counter (nanoseconds of busy time per nanosecond of wall time)
 * averaged over 1, 5 and 15 minutes like load averages: at each sample every average moves
 * toward the rate since the last sample by {@code 1 - e^(-elapsed/window)}. Sampled by the
 * engine's once-a-second tick, never on the request path. A counter that went down (reset)
 * counts from zero.
 */
final class RateAverages {
    static final long[] WINDOWS_NANOS = { 60_000_000_000L, 300_000_000_000L, 900_000_000_000L };

    private final double[] averages = new double[WINDOWS_NANOS.length];
    private long lastValue;
    private long lastNanos;
    private boolean started;

    synchronized void sample(long value, long nowNanos) {
        if (!started) {
            started = true;
            lastValue = value;
            lastNanos = nowNanos;
            return;
        }
        long elapsed = nowNanos - lastNanos;
        if (elapsed <= 0) {
            return;
        }
        long delta = value >= lastValue ? value - lastValue : value;
        double rate = delta / (double) elapsed;
        for (int i = 0; i < averages.length; i++) {
            double keep = Math.exp(-elapsed / (double) WINDOWS_NANOS[i]);
            averages[i] = averages[i] * keep + rate * (1 - keep);
        }
        lastValue = value;
        lastNanos = nowNanos;
    }

    /** The averages now; {@code i} indexes {@link #WINDOWS_NANOS}. */
    synchronized double average(int i) {
        return averages[i];
    }
}
