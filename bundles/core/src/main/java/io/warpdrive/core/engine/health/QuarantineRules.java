package io.warpdrive.core.engine.health;

import java.util.concurrent.TimeUnit;

/**
 * When a device is quarantined and when it comes back: {@code quarantine.errors.per.hour} device
 * errors within an hour quarantine it (0: never); a known-answer probe every
 * {@code quarantine.probe.interval.s} brings it back when it passes (0: no probe); the
 * {@code quarantine.flap.limit}-th quarantine within {@code quarantine.flap.window.min} keeps it out
 * until an administrator resets it (0: no limit).
 */
public record QuarantineRules(int errorsPerHour, long probeIntervalNanos, int flapLimit, long flapWindowNanos) {
    public static final int DEFAULT_ERRORS_PER_HOUR = 10;
    public static final long DEFAULT_PROBE_INTERVAL_S = 60;
    public static final int DEFAULT_FLAP_LIMIT = 3;
    public static final long DEFAULT_FLAP_WINDOW_MIN = 60;

    /** @throws IllegalArgumentException naming the value that does not fit */
    public QuarantineRules {
        if (errorsPerHour < 0) {
            throw new IllegalArgumentException("quarantine.errors.per.hour must not be negative: " + errorsPerHour);
        }
        if (probeIntervalNanos < 0) {
            throw new IllegalArgumentException("quarantine.probe.interval.s must not be negative");
        }
        if (flapLimit < 0) {
            throw new IllegalArgumentException("quarantine.flap.limit must not be negative: " + flapLimit);
        }
        if (flapWindowNanos <= 0) {
            throw new IllegalArgumentException("quarantine.flap.window.min must be positive");
        }
    }

    /** From the configuration's units (seconds, minutes). */
    public static QuarantineRules of(int errorsPerHour, long probeIntervalSeconds, int flapLimit,
            long flapWindowMinutes) {
        if (probeIntervalSeconds < 0 || flapWindowMinutes <= 0) {
            throw new IllegalArgumentException(probeIntervalSeconds < 0
                    ? "quarantine.probe.interval.s must not be negative: " + probeIntervalSeconds
                    : "quarantine.flap.window.min must be positive: " + flapWindowMinutes);
        }
        return new QuarantineRules(errorsPerHour, TimeUnit.SECONDS.toNanos(probeIntervalSeconds), flapLimit,
                TimeUnit.MINUTES.toNanos(flapWindowMinutes));
    }

    /** These rules, with no quarantine after device errors. */
    public QuarantineRules withoutIsolation() {
        return new QuarantineRules(0, probeIntervalNanos, flapLimit, flapWindowNanos);
    }

    public static QuarantineRules defaults() {
        return of(DEFAULT_ERRORS_PER_HOUR, DEFAULT_PROBE_INTERVAL_S, DEFAULT_FLAP_LIMIT, DEFAULT_FLAP_WINDOW_MIN);
    }
}
