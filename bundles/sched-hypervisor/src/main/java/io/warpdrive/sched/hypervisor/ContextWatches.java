package io.warpdrive.sched.hypervisor;

import io.warpdrive.stats.UsageThresholds;
import java.util.List;

/**
 * What the engine watches for the contexts (immutable, published at each configuration): a
 * consumer's work under a context tag is watched with its context's shortest maximum idle time
 * and its minimum throughput; work outside every context is not watched and its crossings ask
 * for no round.
 */
final class ContextWatches {
    static final ContextWatches NONE = new ContextWatches(new ContextMatcher(List.of()), List.of());

    private final ContextMatcher matcher;
    private final UsageThresholds[] byContext;

    /** @param contexts ordered as the matcher's indices */
    ContextWatches(ContextMatcher matcher, List<ContextSpec> contexts) {
        this.matcher = matcher;
        this.byContext = new UsageThresholds[contexts.size()];
        for (int i = 0; i < byContext.length; i++) {
            ContextSpec s = contexts.get(i);
            byContext[i] = new UsageThresholds(s.shortestMaxIdleNanos(), s.minBytesPerSecond());
        }
    }

    UsageThresholds thresholds(String consumer, String contextTag) {
        int c = matcher.match(consumer, contextTag);
        return c < 0 ? UsageThresholds.NONE : byContext[c];
    }

    /** True when the work is some context's (nothing allocated: the engine's threads ask). */
    boolean inContext(String consumer, String contextTag) {
        return matcher.match(consumer, contextTag) >= 0;
    }
}
