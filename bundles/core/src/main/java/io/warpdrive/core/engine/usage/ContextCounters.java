package io.warpdrive.core.engine.usage;

import io.warpdrive.comp.Operation;
import java.util.concurrent.atomic.LongAdder;

/**
 * Work of one consumer (symbolic name) under one context tag: requests and input bytes
 * submitted and completed, per direction. A session finds its counters once when it opens;
 * the request path only adds.
 */
public final class ContextCounters {
    private static final int OPERATIONS = Operation.values().length;

    final String consumer;
    /** The context tag, or null. */
    final String tag;
    /** [operation] × {submitted requests, submitted bytes, completed requests, completed bytes}. */
    final LongAdder[][] cells = new LongAdder[OPERATIONS][4];

    ContextCounters(String consumer, String tag) {
        this.consumer = consumer;
        this.tag = tag;
        for (LongAdder[] byOp : cells) {
            for (int i = 0; i < byOp.length; i++) {
                byOp[i] = new LongAdder();
            }
        }
    }

    public void submitted(Operation op, long bytes) {
        LongAdder[] c = cells[op.ordinal()];
        c[0].increment();
        c[1].add(bytes);
    }

    public void completed(Operation op, long bytes) {
        LongAdder[] c = cells[op.ordinal()];
        c[2].increment();
        c[3].add(bytes);
    }

    void reset() {
        for (LongAdder[] byOp : cells) {
            for (LongAdder c : byOp) {
                c.reset();
            }
        }
    }
}
