package io.warpdrive.testing.conformance;

import io.warpdrive.comp.SgList;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Lays data out as the codec may receive it: one flat buffer or a scatter-gather list
 * of odd-sized segments, on the heap (as slices with an array offset) or direct.
 */
public final class Buffers {
    /** Segment sizes cycled through by scatter-gather layouts: odd, tiny and larger than a window. */
    public static final int[] ODD_SEGMENTS = {1, 7, 4093, 65537};

    /** How a test lays out a buffer. */
    public enum Layout {
        FLAT_HEAP(false, false), FLAT_DIRECT(false, true), SG_HEAP(true, false), SG_DIRECT(true, true);

        public final boolean scatterGather;
        public final boolean direct;

        Layout(boolean scatterGather, boolean direct) {
            this.scatterGather = scatterGather;
            this.direct = direct;
        }

        public SgList source(byte[] data) {
            return Buffers.source(data, 0, data.length, scatterGather ? ODD_SEGMENTS : null, direct);
        }

        public SgList space(long bytes) {
            return Buffers.space(bytes, scatterGather ? ODD_SEGMENTS : null, direct);
        }
    }

    private Buffers() {
    }

    /** {@code data[from, to)} as segments of the sizes in {@code pattern} (cycled), or one segment when null. */
    public static SgList source(byte[] data, int from, int to, int[] pattern, boolean direct) {
        ByteBuffer whole;
        if (direct) {
            whole = ByteBuffer.allocateDirect(to - from).put(data, from, to - from).flip();
        } else {
            whole = ByteBuffer.wrap(data, from, to - from).slice();
        }
        return slices(whole, pattern);
    }

    /** Empty output space of {@code bytes} bytes in segments of the sizes in {@code pattern}, or one segment. */
    public static SgList space(long bytes, int[] pattern, boolean direct) {
        int size = Math.toIntExact(bytes);
        return slices(direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size), pattern);
    }

    private static SgList slices(ByteBuffer whole, int[] pattern) {
        if (pattern == null) {
            return SgList.of(whole);
        }
        SgList list = SgList.allocate(16);
        int at = 0;
        for (int i = 0; at < whole.limit(); i++) {
            int n = Math.min(pattern[i % pattern.length], whole.limit() - at);
            list.add(whole.slice(at, n));
            at += n;
        }
        if (list.size() == 0) {
            list.add(whole);
        }
        return list;
    }

    /** The bytes produced into segments that started empty at position 0: each one's [0, position). */
    public static byte[] produced(SgList destination) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < destination.size(); i++) {
            ByteBuffer segment = destination.get(i).duplicate();
            segment.flip();
            byte[] bytes = new byte[segment.remaining()];
            segment.get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** An upper bound of a compressed size: zlib's compressBound plus room for gzip framing. */
    public static long compressBound(long length) {
        return length + (length >> 12) + (length >> 14) + (length >> 25) + 13 + 18;
    }
}
