package io.warpdrive.core.engine.usage;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one queue: striped adders, so completing threads do not contend. Busy time
 * is the time with at least one job in flight, measured on the 0→1 and 1→0 transitions of
 * the in-flight count; throughput is sampled over the last interval by the engine's tick.
 */
public final class QueueCounters {
    final LongAdder completed = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder serviceNanos = new LongAdder();
    /** Queue failures (device errors, timeouts, closed) and duplicate completions. */
    final LongAdder faults = new LongAdder();
    /** Completions reported twice by a driver (ignored; a driver bug made visible). */
    final LongAdder duplicateCompletions = new LongAdder();
    private final LongAdder busyNanos = new LongAdder();
    private volatile long busySince;
    /** Start of counting: when the queue opened, or the last reset. */
    private volatile long since = System.nanoTime();

    private long sampledBytes;
    private long sampledAt = since;
    private volatile double intervalThroughput;

    /** A job completed: its bytes in and out. */
    public void completed(long in, long out) {
        completed.increment();
        bytesIn.add(in);
        bytesOut.add(out);
    }

    /** A queue failure (device error, timeout, closed). */
    public void fault() {
        faults.increment();
    }

    /** The driver reported a completion twice: ignored, counted as a fault of the queue. */
    public void duplicateCompletion() {
        duplicateCompletions.increment();
        faults.increment();
    }

    /** Completions the driver reported twice. */
    public long duplicateCompletions() {
        return duplicateCompletions.sum();
    }

    public void busy(long now) {
        busySince = now;
    }

    public void idle(long now) {
        long since = busySince;
        if (since != 0) {
            busyNanos.add(now - since);
        }
    }

    /** Busy time so far, counting a busy period still running. */
    long busyNanos(boolean busyNow, long now) {
        long total = busyNanos.sum();
        long since = busySince;
        return busyNow && since != 0 ? total + (now - since) : total;
    }

    /** Input bytes per second since the previous sample (the engine's tick calls this). */
    void sample(long now) {
        long bytes = bytesIn.sum();
        long elapsed = now - sampledAt;
        if (elapsed > 0) {
            intervalThroughput = (bytes - sampledBytes) * 1e9 / elapsed;
        }
        sampledBytes = bytes;
        sampledAt = now;
    }

    double intervalThroughput() {
        return intervalThroughput;
    }

    /** Time counted without a job in flight. */
    long idleNanos(boolean busyNow, long now) {
        return Math.max(0, now - since - busyNanos(busyNow, now));
    }

    void reset() {
        completed.reset();
        failed.reset();
        bytesIn.reset();
        bytesOut.reset();
        serviceNanos.reset();
        faults.reset();
        duplicateCompletions.reset();
        busyNanos.reset();
        sampledBytes = 0;
        long now = System.nanoTime();
        since = now;
        if (busySince != 0) {
            busySince = now;
        }
    }
}
