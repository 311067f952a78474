package io.warpdrive.uacce;

/**
 * One 64-bit MMIO doorbell register of a queue, bound once when the queue is set up so
 * that ringing it allocates nothing. The caller orders its ring writes before the store
 * with a full fence.
 */
@FunctionalInterface
public interface Doorbell {
    /** A single 64-bit store of {@code value} into the register. */
    void ring(long value);
}
