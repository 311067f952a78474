package io.warpdrive.core.engine;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one queue; striped adders so completing threads do not contend. */
final class QueueCounters {
    final LongAdder completed = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder serviceNanos = new LongAdder();
    /** Completions reported twice by a driver (ignored; a driver bug made visible). */
    final LongAdder duplicateCompletions = new LongAdder();
}
