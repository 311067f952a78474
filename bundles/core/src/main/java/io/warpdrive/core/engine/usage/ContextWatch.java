package io.warpdrive.core.engine.usage;

import io.warpdrive.stats.UsageEvent;
import io.warpdrive.stats.UsageThresholds;

/**
 * The crossings of one {@link ContextCounters}: {@link UsageEvent#SUBMITTED} from the request
 * path (a volatile read per request, a write and a push only on the first request after the
 * counters were seen with nothing pending), the others from the engine's watch thread, which
 * compares the counters with the listeners' thresholds at each {@link #look}. Each crossing is
 * pushed once: IDLE again only after work was pending again, SLOW again only after the rate
 * recovered or the work drained.
 */
final class ContextWatch {
    /** Completed bytes are turned into a rate over at least this long (shorter is noise). */
    static final long RATE_WINDOW_NANOS = 1_000_000_000L;

    private final ContextCounters counters;
    private final UsageEvents events;
    /** Armed: the next submitted request pushes SUBMITTED. Set by the watch when nothing is pending. */
    private volatile boolean quiet = true;

    // ---- the watch thread only ----
    UsageThresholds thresholds = UsageThresholds.NONE;
    /** The thresholds generation they were asked at (see {@link UsageEvents#generation()}). */
    long thresholdsGeneration = -1;
    private boolean busy;
    private long idleSince = Long.MIN_VALUE;
    private boolean idleTold;
    private boolean slowTold;
    private long windowStart = Long.MIN_VALUE;
    private long windowBytes;

    ContextWatch(ContextCounters counters, UsageEvents events) {
        this.counters = counters;
        this.events = events;
    }

    /** Request path, after the submitted request was counted. */
    void submitted() {
        if (quiet) {
            quiet = false;
            events.push(UsageEvent.SUBMITTED, counters);
        }
    }

    /** The watch thread: compares the counters with the thresholds at {@code now}. */
    void look(long now) {
        boolean pendingNow = counters.pending() > 0;
        if (pendingNow) {
            if (quiet) { // submitted between the look that armed it and the arming: told here instead
                quiet = false;
                events.push(UsageEvent.SUBMITTED, counters);
            }
            if (!busy) {
                busy = true;
                idleTold = false;
                startWindow(now);
            }
            lookAtRate(now);
            return;
        }
        boolean worked = busy || !quiet; // pending at the last look, or submitted (and done) since
        if (worked || idleSince == Long.MIN_VALUE) {
            if (worked) {
                events.push(UsageEvent.COMPLETED, counters);
            }
            busy = false;
            slowTold = false;
            idleTold = false;
            idleSince = now;
        }
        quiet = true;
        long idle = thresholds.idleNanos();
        if (idle > 0 && !idleTold && now - idleSince >= idle) {
            idleTold = true;
            events.push(UsageEvent.IDLE, counters);
        }
    }

    private void lookAtRate(long now) {
        double min = thresholds.minBytesPerSecond();
        long elapsed = now - windowStart;
        if (min <= 0 || elapsed < RATE_WINDOW_NANOS) {
            return;
        }
        double rate = (counters.completedBytes() - windowBytes) * 1e9 / elapsed;
        if (rate < min) {
            if (!slowTold) {
                slowTold = true;
                events.push(UsageEvent.SLOW, counters);
            }
        } else {
            slowTold = false;
        }
        startWindow(now);
    }

    private void startWindow(long now) {
        windowStart = now;
        windowBytes = counters.completedBytes();
    }
}
