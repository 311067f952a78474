package io.warpdrive.core.engine.stream;

import io.warpdrive.comp.SgList;
import java.nio.ByteBuffer;

/**
 * Where each segment of a request's buffer list stood when the request began, so that the bytes
 * the engine consumed or produced can be read afterwards from the caller's own buffers.
 */
final class SegmentStarts {
    /** Takes the bytes {@code [from, to)} of a segment. */
    interface Bytes {
        void take(ByteBuffer segment, int from, int to);
    }

    private int[] starts = new int[4];
    private int segments;

    /** Remembers where the list's segments stand now. */
    void record(SgList list) {
        int n = list.size();
        if (starts.length < n) {
            starts = new int[Math.max(n, 2 * starts.length)];
        }
        for (int i = 0; i < n; i++) {
            starts[i] = list.get(i).position();
        }
        segments = n;
    }

    /** Hands {@code sink} the bytes each segment advanced over since {@link #record}, in order. */
    void advanced(SgList list, Bytes sink) {
        for (int i = 0; i < segments && i < list.size(); i++) {
            ByteBuffer b = list.get(i);
            int from = starts[i];
            int to = b.position();
            if (to > from) {
                sink.take(b, from, to);
            }
        }
    }
}
