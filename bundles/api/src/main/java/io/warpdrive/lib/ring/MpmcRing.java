package io.warpdrive.lib.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Bounded multi-producer multi-consumer ring (Vyukov's sequence-per-slot design): every
 * {@link #offer} and {@link #poll} is a handful of atomic operations, takes no lock and
 * allocates nothing. Used for tag pools (free job slots) and for work handed to driver
 * threads.
 *
 * <p>Unlike the textbook design, {@code offer} fails only when the ring is full and
 * {@code poll} returns null only when it is empty: when the slot at hand belongs to another
 * thread that is between its claim and its publication, they wait for that thread (a few
 * instructions) instead of reporting full or empty. A tag pool holds exactly as many tags
 * as it has room for, so a spurious "full" would lose a tag for good.
 *
 * @param <T> element type
 */
public final class MpmcRing<T> {
    private static final VarHandle ELEMENTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(MpmcRing.class, "head", long.class);
            TAIL = l.findVarHandle(MpmcRing.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] elements;
    private final AtomicLongArray sequences;
    private final int mask;
    private final int capacity;

    // Producers advance tail, consumers advance head; padding keeps them off one cache line.
    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7;
    private volatile long tail;
    @SuppressWarnings("unused")
    private long q1, q2, q3, q4, q5, q6, q7;
    private volatile long head;
    @SuppressWarnings("unused")
    private long r1, r2, r3, r4, r5, r6, r7;

    /** A ring that holds at least {@code capacity} elements (rounded up to a power of two). */
    public MpmcRing(int capacity) {
        if (capacity < 1 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        int size = Integer.highestOneBit(capacity);
        if (size < capacity) {
            size <<= 1;
        }
        this.capacity = size;
        this.mask = size - 1;
        this.elements = new Object[size];
        this.sequences = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            sequences.lazySet(i, i);
        }
    }

    /** Slots in the ring (a power of two, at least what was asked for). */
    public int capacity() {
        return capacity;
    }

    /** Adds an element; false when the ring is full. */
    public boolean offer(T element) {
        if (element == null) {
            throw new NullPointerException("element");
        }
        long pos = tail;
        for (;;) {
            int index = (int) pos & mask;
            long seq = sequences.get(index);
            long diff = seq - pos;
            if (diff == 0) {
                if (TAIL.compareAndSet(this, pos, pos + 1)) {
                    ELEMENTS.setRelease(elements, index, element);
                    sequences.set(index, pos + 1);
                    return true;
                }
                pos = tail;
            } else if (diff < 0) {
                // The slot still holds the element of position pos - capacity, or its consumer has
                // claimed it and not yet freed it. Only the first means full: a ring whose elements
                // never exceed its capacity (a tag pool) must never refuse one.
                if (pos - head >= capacity) {
                    return false;
                }
                Thread.onSpinWait();
                pos = tail;
            } else {
                pos = tail;
            }
        }
    }

    /** Removes the oldest element; null when the ring is empty. */
    @SuppressWarnings("unchecked")
    public T poll() {
        long pos = head;
        for (;;) {
            int index = (int) pos & mask;
            long seq = sequences.get(index);
            long diff = seq - (pos + 1);
            if (diff == 0) {
                if (HEAD.compareAndSet(this, pos, pos + 1)) {
                    T element = (T) ELEMENTS.getAcquire(elements, index);
                    ELEMENTS.setRelease(elements, index, null);
                    sequences.set(index, pos + mask + 1);
                    return element;
                }
                pos = head;
            } else if (diff < 0) {
                // Empty, or a producer has claimed position pos and not yet published its element:
                // only the first means empty, else a consumer could miss an element it was owed.
                if (pos - tail >= 0) {
                    return null;
                }
                Thread.onSpinWait();
                pos = head;
            } else {
                pos = head;
            }
        }
    }

    /** Elements in the ring now (a snapshot; exact only when no other thread is active). */
    public int size() {
        long h = head;
        long t = tail;
        long n = t - h;
        return n < 0 ? 0 : (int) Math.min(n, capacity);
    }

    public boolean isEmpty() {
        return size() == 0;
    }
}
