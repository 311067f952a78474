package io.warpdrive.sched.hypervisor;

import io.warpdrive.stats.UsageEvent;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntBinaryOperator;

/**
 * Events the request and completion paths push to the hypervisor's thread, so that it decides
 * at once instead of at its next tick: a bit per kind. Raising costs a read of one word; only
 * the first raise of a kind between two rounds (the crossing) writes it and wakes the thread —
 * nothing allocated, nothing locked.
 */
final class Events {
    /** A request carrying a hypervisor tag some context resizes at completed. */
    static final int TAGGED = 1;
    /** A context's request found none of its queues able to take it (work waiting on the context). */
    static final int STARVED = 2;
    /** The engine: a context's work has been idle longer than its shortest maximum idle time. */
    static final int IDLE = 4;
    /** The engine: a context's work completes below its minimum throughput. */
    static final int SLOW = 8;
    /** The engine: work submitted to a context that had none pending, or all its work completed. */
    static final int WORK = 16;
    /** The kinds, by bit, as the shell names them. */
    private static final String[] NAMES = { "tagged completions", "contexts out of queues", "idle contexts",
        "slow contexts", "work started or drained" };
    static final int KINDS = NAMES.length;
    static final Events NONE = new Events();
    private static final IntBinaryOperator OR = (a, b) -> a | b;

    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread waiter;

    /** Any thread: signals the event; wakes the hypervisor's thread if it is the first since its last round. */
    void raise(int event) {
        if ((pending.get() & event) == 0 && (pending.getAndAccumulate(event, OR) & event) == 0) {
            Thread t = waiter;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    boolean any() {
        return pending.get() != 0;
    }

    /** The hypervisor's thread, at the start of a round: the events since the last. */
    int take() {
        return pending.getAndSet(0);
    }

    /** The bit of an event the engine pushes. */
    static int of(UsageEvent event) {
        return switch (event) {
            case IDLE -> IDLE;
            case SLOW -> SLOW;
            case SUBMITTED, COMPLETED -> WORK;
        };
    }

    /** Rounds per kind (indexed by bit number), for the shell: "3 tagged completions, 0 contexts out of queues, ...". */
    static String describe(long[] rounds) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < KINDS; i++) {
            b.append(i == 0 ? "" : ", ").append(i < rounds.length ? rounds[i] : 0).append(' ').append(NAMES[i]);
        }
        return b.toString();
    }

    /** The thread to wake. */
    void waiter(Thread t) {
        waiter = t;
    }
}
