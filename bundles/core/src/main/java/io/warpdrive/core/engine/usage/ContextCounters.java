package io.warpdrive.core.engine.usage;

import io.warpdrive.comp.Operation;
import java.util.concurrent.atomic.LongAdder;

/**
 * Work of one consumer (symbolic name) under one context tag: requests and input bytes
 * submitted and completed, per direction. A session finds its counters once when it opens;
 * the request path only adds, and reads one volatile flag to push
 * {@link io.warpdrive.stats.UsageEvent#SUBMITTED} on the first request after a quiet spell
 * (the other crossings are the {@link ContextWatch}'s).
 */
public final class ContextCounters {
    private static final int OPERATIONS = Operation.values().length;

    final String consumer;
    /** The context tag, or null. */
    final String tag;
    /**
     * [operation] × {submitted requests, submitted bytes, completed requests, completed bytes,
     * submitted work, completed work}: work is the declared work, or the bytes when none was declared.
     */
    final LongAdder[][] cells = new LongAdder[OPERATIONS][6];

    /** The crossings watched on these counters (the engine's watch thread; the flag also the request path). */
    final ContextWatch watch;

    ContextCounters(String consumer, String tag, UsageEvents events) {
        this.consumer = consumer;
        this.tag = tag;
        this.watch = new ContextWatch(this, events);
        for (LongAdder[] byOp : cells) {
            for (int i = 0; i < byOp.length; i++) {
                byOp[i] = new LongAdder();
            }
        }
    }

    /** @param declaredWork the request's declared work, 0: its bytes are its work */
    public void submitted(Operation op, long bytes, long declaredWork) {
        LongAdder[] c = cells[op.ordinal()];
        c[0].increment();
        c[1].add(bytes);
        c[4].add(declaredWork > 0 ? declaredWork : bytes);
        watch.submitted();
    }

    public void completed(Operation op, long bytes, long declaredWork) {
        LongAdder[] c = cells[op.ordinal()];
        c[2].increment();
        c[3].add(bytes);
        c[5].add(declaredWork > 0 ? declaredWork : bytes);
    }

    /** Requests submitted and not completed yet, all directions (completed read first: never negative but after a reset). */
    long pending() {
        long completed = 0;
        long submitted = 0;
        for (LongAdder[] byOp : cells) {
            completed += byOp[2].sum();
        }
        for (LongAdder[] byOp : cells) {
            submitted += byOp[0].sum();
        }
        return Math.max(0, submitted - completed);
    }

    /** Input bytes completed, all directions. */
    long completedBytes() {
        long n = 0;
        for (LongAdder[] byOp : cells) {
            n += byOp[3].sum();
        }
        return n;
    }

    void reset() {
        for (LongAdder[] byOp : cells) {
            for (LongAdder c : byOp) {
                c.reset();
            }
        }
    }
}
