package io.warpdrive.comp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A scatter-gather list of {@link ByteBuffer}s ({@code wd_datalist}): the input or the
 * output of a request. A flat buffer is the one-element case.
 *
 * <p>Each segment's bytes are those between its position and its limit. Serving a
 * request advances the positions, as a gathering write and a scattering read do: after
 * completion the input positions have moved by the bytes consumed and the output
 * positions by the bytes produced.
 *
 * <p>An {@code SgList} is a reusable, mutable holder and is not thread-safe; it must not
 * be touched while a request that uses it is in flight.
 */
public final class SgList {
    /** The most segments one list may hold. */
    public static final int MAX_SEGMENTS = 1 << 16;

    private ByteBuffer[] segments;
    private int count;
    private int[] marks;

    private SgList(int capacity) {
        this.segments = new ByteBuffer[Math.max(1, capacity)];
    }

    /** An empty list with room for {@code capacity} segments before it grows. */
    public static SgList allocate(int capacity) {
        if (capacity < 0 || capacity > MAX_SEGMENTS) {
            throw new WdException(WdStatus.INVALID_ARGUMENT,
                    "segment capacity " + capacity + " outside 0.." + MAX_SEGMENTS);
        }
        return new SgList(capacity);
    }

    /** A list of the given buffers (not copied: the list refers to them). */
    public static SgList of(ByteBuffer... buffers) {
        if (buffers == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "null buffer array");
        }
        SgList list = new SgList(buffers.length);
        for (ByteBuffer b : buffers) {
            list.add(b);
        }
        return list;
    }

    /** Appends a segment. */
    public SgList add(ByteBuffer buffer) {
        if (buffer == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "null segment at index " + count);
        }
        if (count == MAX_SEGMENTS) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "more than " + MAX_SEGMENTS + " segments");
        }
        if (count == segments.length) {
            segments = Arrays.copyOf(segments, Math.min(MAX_SEGMENTS, segments.length * 2));
        }
        segments[count++] = buffer;
        return this;
    }

    /** Replaces the content with one segment. */
    public SgList set(ByteBuffer buffer) {
        clear();
        return add(buffer);
    }

    /** Removes every segment (the buffers themselves are untouched). */
    public SgList clear() {
        Arrays.fill(segments, 0, count, null);
        count = 0;
        return this;
    }

    /** Number of segments. */
    public int size() {
        return count;
    }

    /** The segment at {@code index}. */
    public ByteBuffer get(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("segment " + index + " of " + count);
        }
        return segments[index];
    }

    /** Total bytes between positions and limits over all segments. */
    public long remaining() {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += segments[i].remaining();
        }
        return total;
    }

    /** True if any segment has bytes remaining. */
    public boolean hasRemaining() {
        for (int i = 0; i < count; i++) {
            if (segments[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    /** True if at most one segment has bytes remaining (no gather/scatter needed). */
    public boolean isFlat() {
        int nonEmpty = 0;
        for (int i = 0; i < count; i++) {
            if (segments[i].hasRemaining() && ++nonEmpty > 1) {
                return false;
            }
        }
        return true;
    }

    /** The first segment with bytes remaining, or the first segment, or null when empty. */
    public ByteBuffer firstRemaining() {
        for (int i = 0; i < count; i++) {
            if (segments[i].hasRemaining()) {
                return segments[i];
            }
        }
        return count == 0 ? null : segments[0];
    }

    /** True if every segment is a direct buffer. */
    public boolean isDirect() {
        for (int i = 0; i < count; i++) {
            if (!segments[i].isDirect()) {
                return false;
            }
        }
        return true;
    }

    /** True if any segment is read-only. */
    public boolean isReadOnly() {
        for (int i = 0; i < count; i++) {
            if (segments[i].isReadOnly()) {
                return true;
            }
        }
        return false;
    }

    /** Remembers every segment's position (the platform does this before serving a request). */
    public void markPositions() {
        if (marks == null || marks.length < count) {
            marks = new int[Math.max(count, 4)];
        }
        for (int i = 0; i < count; i++) {
            marks[i] = segments[i].position();
        }
    }

    /** Restores the positions remembered by {@link #markPositions()}. */
    public void resetPositions() {
        if (marks == null) {
            return;
        }
        for (int i = 0; i < count; i++) {
            segments[i].position(marks[i]);
        }
    }

    /** Bytes the positions moved since {@link #markPositions()}. */
    public long advancedSinceMark() {
        if (marks == null) {
            return 0;
        }
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += segments[i].position() - marks[i];
        }
        return total;
    }

    /**
     * Gathers up to {@code dst.remaining()} bytes from the segments into {@code dst},
     * advancing both.
     *
     * @return bytes copied
     */
    public long gatherInto(ByteBuffer dst) {
        long copied = 0;
        for (int i = 0; i < count && dst.hasRemaining(); i++) {
            ByteBuffer s = segments[i];
            int n = Math.min(s.remaining(), dst.remaining());
            if (n == 0) {
                continue;
            }
            dst.put(dst.position(), s, s.position(), n);
            dst.position(dst.position() + n);
            s.position(s.position() + n);
            copied += n;
        }
        return copied;
    }

    /**
     * Scatters the remaining bytes of {@code src} into the segments, advancing both.
     *
     * @return bytes copied (less than {@code src.remaining()} when the list is full)
     */
    public long scatterFrom(ByteBuffer src) {
        long copied = 0;
        for (int i = 0; i < count && src.hasRemaining(); i++) {
            ByteBuffer s = segments[i];
            int n = Math.min(s.remaining(), src.remaining());
            if (n == 0) {
                continue;
            }
            s.put(s.position(), src, src.position(), n);
            s.position(s.position() + n);
            src.position(src.position() + n);
            copied += n;
        }
        return copied;
    }

    @Override
    public String toString() {
        return "SgList[" + count + " segments, " + remaining() + " bytes]";
    }
}
