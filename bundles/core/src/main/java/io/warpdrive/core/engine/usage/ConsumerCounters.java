package io.warpdrive.core.engine.usage;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdStatus;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one consumer (bundle symbolic name and version): kept by the engine across
 * the consumer's restarts, policy swaps and driver restarts. Succeeded requests are
 * counted in cells per algorithm, direction and hardware-or-CPU, so totals and shares are
 * sums of the same cells.
 */
public final class ConsumerCounters {
    private static final int ALGORITHMS = Algorithm.values().length;
    private static final int OPERATIONS = Operation.values().length;
    private static final WdStatus[] STATUSES = WdStatus.values();

    final String name;
    final String version;
    volatile long bundleId;

    /** [algorithm][operation][0 = CPU, 1 = hardware] × {requests, bytes in, bytes out}. */
    final LongAdder[][][][] cells = new LongAdder[ALGORITHMS][OPERATIONS][2][3];
    final LongAdder[] errors = new LongAdder[STATUSES.length];
    final LongAdder queuedNanos = new LongAdder();
    final LongAdder serviceNanos = new LongAdder();
    final LongAdder hardwareBusyNanos = new LongAdder();
    final LongAdder cpuNanos = new LongAdder();
    /** Sync requests whose caller was to spin for its completion (expected soon), and those parked at once. */
    final LongAdder syncSpins = new LongAdder();
    final LongAdder syncParks = new LongAdder();
    /** Moving averages of {@link #hardwareBusyNanos} and {@link #cpuNanos} per second, sampled by the engine's tick. */
    final RateAverages hardwareBusyRate = new RateAverages();
    final RateAverages cpuRate = new RateAverages();

    ConsumerCounters(String name, String version) {
        this.name = name;
        this.version = version;
        for (LongAdder[][][] byOp : cells) {
            for (LongAdder[][] byKind : byOp) {
                for (LongAdder[] counts : byKind) {
                    for (int i = 0; i < counts.length; i++) {
                        counts[i] = new LongAdder();
                    }
                }
            }
        }
        for (int i = 0; i < errors.length; i++) {
            errors[i] = new LongAdder();
        }
    }

    public void succeeded(Algorithm a, Operation op, boolean hardware, long bytesIn, long bytesOut) {
        LongAdder[] c = cells[a.ordinal()][op.ordinal()][hardware ? 1 : 0];
        c[0].increment();
        c[1].add(bytesIn);
        c[2].add(bytesOut);
    }

    /**
     * A sync caller's wait ended: whether it was to spin (its request expected soon) or parked at
     * once, and the CPU it burnt spinning.
     */
    public void syncWaited(boolean spun, long spinNanos) {
        (spun ? syncSpins : syncParks).increment();
        cpuNanos.add(spinNanos);
    }

    /**
     * A finished request's times: queued before it was sent (or until it failed unsent), served
     * by its engine (on the device: hardware busy time too), and the CPU the platform spent on it.
     */
    public void timed(long queued, long service, boolean onHardware, long cpu) {
        queuedNanos.add(queued);
        if (service != 0) {
            serviceNanos.add(service);
            if (onHardware) {
                hardwareBusyNanos.add(service);
            }
        }
        cpuNanos.add(cpu);
    }

    /** Sync requests whose caller was to spin, and those parked at once, so far. */
    public long syncSpins() {
        return syncSpins.sum();
    }

    public long syncParks() {
        return syncParks.sum();
    }

    public void failed(WdStatus status) {
        errors[status.ordinal()].increment();
    }

    void reset() {
        for (LongAdder[][][] byOp : cells) {
            for (LongAdder[][] byKind : byOp) {
                for (LongAdder[] counts : byKind) {
                    for (LongAdder c : counts) {
                        c.reset();
                    }
                }
            }
        }
        for (LongAdder e : errors) {
            e.reset();
        }
        queuedNanos.reset();
        serviceNanos.reset();
        hardwareBusyNanos.reset();
        cpuNanos.reset();
    }
}
