package io.warpdrive.core.engine.request;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Completed asynchronous requests of one consumer waiting to be delivered by its
 * {@code Compressor.poll} calls (caller-driven completion). An intrusive multi-producer
 * queue (Vyukov): producers are completing threads and never block; the consumer side
 * is guarded by a try-lock because several of the consumer's threads may poll.
 */
public final class CompletionInbox {
    private final InboxNode stub = new InboxNode();
    private final AtomicReference<InboxNode> tail = new AtomicReference<>(stub);
    private volatile InboxNode head = stub;
    private final ReentrantLock takeLock = new ReentrantLock();
    private volatile Thread waitingPoller;

    /** A finished request waits here for the consumer's next poll. */
    public void add(EngineRequest r) {
        r.next = null;
        InboxNode prev = tail.getAndSet(r);
        prev.next = r;
        Thread t = waitingPoller;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Next completed request, or null when none (or another thread is taking). */
    public EngineRequest take() {
        if (!takeLock.tryLock()) {
            return null;
        }
        try {
            return takeLocked();
        } finally {
            takeLock.unlock();
        }
    }

    private EngineRequest takeLocked() {
        for (;;) {
            InboxNode h = head;
            InboxNode next = h.next;
            if (h == stub) {
                if (next == null) {
                    return null;
                }
                head = next;
                h = next;
                next = next.next;
            }
            if (next != null) {
                head = next;
                h.next = null;
                return (EngineRequest) h;
            }
            if (h != tail.get()) {
                // A producer swapped the tail but has not linked yet; it will in a moment.
                Thread.onSpinWait();
                continue;
            }
            // h is the last element: put the stub behind it so h can be taken.
            stub.next = null;
            InboxNode prev = tail.getAndSet(stub);
            prev.next = stub;
            next = h.next;
            if (next != null) {
                head = next;
                h.next = null;
                return (EngineRequest) h;
            }
            Thread.onSpinWait();
        }
    }

    /** Parks the calling poller until something is added or the time is up. */
    public void awaitAdd(long nanos) {
        if (nanos <= 0) {
            return;
        }
        waitingPoller = Thread.currentThread();
        try {
            if (isEmpty()) {
                LockSupport.parkNanos(this, nanos);
            }
        } finally {
            waitingPoller = null;
        }
    }

    /** Head always points at the stub or at a request not yet taken. */
    boolean isEmpty() {
        return head == stub && stub.next == null;
    }
}
