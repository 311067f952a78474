package io.warpdrive.zip;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A {@link ByteBuffer} view of a range of a caller's array, kept for the next call on the same
 * array: callers such as {@code DeflaterOutputStream} pass the same buffer every time, and a
 * view per call would be an allocation per call.
 */
final class ArrayWindow {
    private byte[] array;
    private ByteBuffer view;

    /** The view of {@code array[offset, offset + length)}, positioned at {@code offset}. */
    ByteBuffer of(byte[] array, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, array.length);
        if (array != this.array) {
            this.array = array;
            view = ByteBuffer.wrap(array);
        }
        view.clear().position(offset).limit(offset + length);
        return view;
    }

    /** Forgets the array, so that a discarded caller buffer is not kept reachable. */
    void release() {
        array = null;
        view = null;
    }
}
