package io.warpdrive.health;

import java.util.ArrayDeque;

/**
 * Readings of the platform's cumulative hardware and CPU request counters, kept for one window,
 * so that the share served by CPU engines over the last window is the difference between the
 * newest reading and the newest one at least a window old (or the oldest one kept, early on).
 * Counters that went down (the accounting was reset) start the window again. Not thread-safe:
 * the check calls it under its own lock.
 */
final class FallbackWindow {

    /** One reading: when, and the counters then. */
    record Reading(long nanos, long hardware, long cpu) {
    }

    /** What the window saw: requests in it, of them on CPU engines, and the span it covers. */
    record Share(long requests, long cpu, long spanNanos) {
        double cpuShare() {
            return requests == 0 ? 0 : (double) cpu / requests;
        }
    }

    private final ArrayDeque<Reading> readings = new ArrayDeque<>();
    private long windowNanos;

    FallbackWindow(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    void window(long nanos) {
        windowNanos = nanos;
    }

    /** Adds a reading and returns the share between it and the window's start. */
    Share record(long nanos, long hardware, long cpu) {
        Reading last = readings.peekLast();
        if (last != null && (hardware < last.hardware || cpu < last.cpu)) {
            readings.clear();
        }
        Reading now = new Reading(nanos, hardware, cpu);
        readings.addLast(now);
        // Keep exactly one reading at or before the window's start: the baseline.
        while (readings.size() > 1) {
            var it = readings.iterator();
            it.next();
            if (nanos - it.next().nanos >= windowNanos) {
                readings.removeFirst();
            } else {
                break;
            }
        }
        Reading base = readings.peekFirst();
        long hw = now.hardware - base.hardware;
        long c = now.cpu - base.cpu;
        return new Share(hw + c, c, now.nanos - base.nanos);
    }
}
