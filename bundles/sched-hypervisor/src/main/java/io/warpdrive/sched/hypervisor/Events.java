package io.warpdrive.sched.hypervisor;

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

    /** The thread to wake. */
    void waiter(Thread t) {
        waiter = t;
    }
}
