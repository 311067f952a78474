package io.warpdrive.stats;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when the engine's work counters of a consumer under a context tag ({@link ContextUsage})
 * cross: work submitted while none was pending, all work completed, idle beyond a threshold,
 * throughput below a threshold — the events a policy that resizes scheduling contexts (the
 * hypervisor) acts on at once instead of at its next reading of the counters. Register it as a
 * service (whiteboard).
 *
 * <p>{@link UsageEvent#SUBMITTED} is told on the submitting thread, the others on the engine's
 * watch thread, which looks at every counter a few times a second (idleness and throughput are
 * about time passing without a request to notice it). Both must return at once and must not
 * block; what they throw is logged and ignored. The request path pays one volatile read for
 * this, and nothing else until a crossing.
 *
 * @since 1.3
 */
@ConsumerType
public interface UsageEventListener {

    /**
     * The thresholds to watch for the work of a consumer under a context tag. Asked on the
     * engine's watch thread when it first sees the counters and after
     * {@link UsageStats#thresholdsChanged()}; where several listeners watch the same counters,
     * the smallest idle threshold and the largest throughput threshold count, and each listener
     * is told of every crossing.
     *
     * @param consumer symbolic name of the consumer bundle
     * @param contextTag the sessions' context tag, or null
     */
    UsageThresholds thresholds(String consumer, String contextTag);

    /**
     * A crossing.
     *
     * @param consumer symbolic name of the consumer bundle
     * @param contextTag the sessions' context tag, or null
     */
    void crossed(UsageEvent event, String consumer, String contextTag);
}
