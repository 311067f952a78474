package io.warpdrive.stats;

/**
 * A figure averaged over the last 1, 5 and 15 minutes, as load averages are: exponentially
 * weighted, so the recent past counts most. Immutable.
 *
 * @since 1.2
 */
public final class MovingAverages {
    public static final MovingAverages ZERO = new MovingAverages(0, 0, 0);

    private final double oneMinute;
    private final double fiveMinutes;
    private final double fifteenMinutes;

    public MovingAverages(double oneMinute, double fiveMinutes, double fifteenMinutes) {
        this.oneMinute = oneMinute;
        this.fiveMinutes = fiveMinutes;
        this.fifteenMinutes = fifteenMinutes;
    }

    public double oneMinute() {
        return oneMinute;
    }

    public double fiveMinutes() {
        return fiveMinutes;
    }

    public double fifteenMinutes() {
        return fifteenMinutes;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.3f %.3f %.3f", oneMinute, fiveMinutes, fifteenMinutes);
    }
}
