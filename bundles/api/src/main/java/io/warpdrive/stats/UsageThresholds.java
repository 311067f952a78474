package io.warpdrive.stats;

/**
 * What a {@link UsageEventListener} wants watched for the work of one consumer under one
 * context tag.
 *
 * @param idleNanos nothing pending for longer than this is {@link UsageEvent#IDLE}; 0: not watched
 * @param minBytesPerSecond completed input bytes per second below this while work is pending
 *        is {@link UsageEvent#SLOW}; 0: not watched
 * @since 1.3
 */
public record UsageThresholds(long idleNanos, double minBytesPerSecond) {
    /** Nothing watched beyond {@link UsageEvent#SUBMITTED} and {@link UsageEvent#COMPLETED}. */
    public static final UsageThresholds NONE = new UsageThresholds(0, 0);

    public UsageThresholds {
        if (idleNanos < 0 || !(minBytesPerSecond >= 0)) {
            throw new IllegalArgumentException("thresholds must not be negative: idle " + idleNanos + " ns, "
                    + minBytesPerSecond + " bytes/s");
        }
    }
}
