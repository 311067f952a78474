package io.warpdrive.stats;

/**
 * A crossing in the engine's work counters of one consumer under one context tag, pushed to
 * {@link UsageEventListener}s as it happens instead of being found by reading the counters
 * periodically. Each is told once per crossing, not per request.
 *
 * @since 1.3
 */
public enum UsageEvent {
    /** Work was submitted while none was pending (the first request after a quiet spell). */
    SUBMITTED,
    /** All the work submitted so far has completed: nothing is pending any more. */
    COMPLETED,
    /** Nothing has been pending for longer than the listener's idle threshold. */
    IDLE,
    /** Work is pending and the completed input bytes per second fell below the listener's threshold. */
    SLOW
}
