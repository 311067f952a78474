package io.warpdrive.sched.coordinator;

import io.warpdrive.coordinator.TunePolicy;
import java.util.function.Consumer;

/**
 * The tunes of one level of one resource, in the order of the resource's policy: a doubly
 * linked list, as in the coordinator's design, so an untune unlinks its node at once. The head is the level's
 * value. Guarded by the {@link Coordination}'s lock.
 */
final class TuneList {
    private TuneNode head;
    private TuneNode tail;
    private int size;

    TuneNode head() {
        return head;
    }

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return size;
    }

    /**
     * Inserts by policy: INSTANT_APPLY at the head (the latest is honoured), LAZY_APPLY at the
     * tail (first in, first out), HIGHER_IS_BETTER and LOWER_IS_BETTER by value, behind the
     * tunes of an equal value (among equals, the earlier stays in force).
     */
    void insert(TuneNode n, TunePolicy policy) {
        switch (policy) {
            case INSTANT_APPLY:
                linkBefore(n, head);
                break;
            case LAZY_APPLY:
                linkBefore(n, null);
                break;
            case HIGHER_IS_BETTER:
                linkBefore(n, firstWhere(n.value, true));
                break;
            case LOWER_IS_BETTER:
                linkBefore(n, firstWhere(n.value, false));
                break;
            default:
                throw new IllegalStateException("policy " + policy);
        }
    }

    /** The first node that {@code value} goes before: one with a lower (higher) value; null for the tail. */
    private TuneNode firstWhere(long value, boolean higherFirst) {
        for (TuneNode n = head; n != null; n = n.next) {
            if (higherFirst ? n.value < value : n.value > value) {
                return n;
            }
        }
        return null;
    }

    private void linkBefore(TuneNode n, TuneNode successor) {
        TuneNode predecessor = successor == null ? tail : successor.previous;
        n.previous = predecessor;
        n.next = successor;
        if (predecessor == null) {
            head = n;
        } else {
            predecessor.next = n;
        }
        if (successor == null) {
            tail = n;
        } else {
            successor.previous = n;
        }
        size++;
    }

    void remove(TuneNode n) {
        if (n.previous == null) {
            head = n.next;
        } else {
            n.previous.next = n.next;
        }
        if (n.next == null) {
            tail = n.previous;
        } else {
            n.next.previous = n.previous;
        }
        n.previous = null;
        n.next = null;
        size--;
    }

    void forEach(Consumer<TuneNode> action) {
        for (TuneNode n = head; n != null; n = n.next) {
            action.accept(n);
        }
    }
}
