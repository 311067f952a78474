package io.warpdrive.core.engine.stream;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.comp.SgList;
import io.warpdrive.lib.format.GzipFormat;
import java.nio.ByteBuffer;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;

/**
 * What a deflate-family compression stream keeps so that it can continue on another engine as
 * one valid stream: whether its output so far ends at a flush point (every byte the engine took
 * is in the output the caller has, which ends byte-aligned after a non-final block), the last
 * 32 KiB of its input (the next engine's dictionary), and the running checksum and length of the
 * input. Those are the platform's, not the engine's: after a move the next engine writes raw
 * deflate and the platform writes the gzip or zlib trailer ({@link #trailer()}). A zstd or LZ4
 * stream keeps no window: the platform ends the old engine's frame ({@link FrameEnd}, which
 * hashes the input for the frame's content checksum) and the next engine begins a new one.
 *
 * <p>One request of a stream at a time: the stream's request discipline is this object's lock.
 */
final class CompressionCheckpoint {
    /** Deflate's largest window: the dictionary a continuing engine is primed with. */
    static final int WINDOW = 32 * 1024;

    private final Algorithm algorithm;
    private final Checksum checksum;
    /** Deflate family: the last input, the next engine's dictionary; null for zstd and LZ4. */
    private final byte[] window;
    /** zstd and LZ4: what ends the frame an engine began; null for the deflate family. */
    private final FrameEnd frameEnd;
    /** Bytes of input so far (the gzip ISIZE is this modulo 2^32). */
    private long length;
    /** Next write position in the window ring. */
    private int windowEnd;
    private boolean windowFull;
    /** Positions of the source's segments when the current request began. */
    private final SegmentStarts starts = new SegmentStarts();
    private final SegmentStarts.Bytes taker = this::take;
    private boolean atFlushPoint = true;
    /** Output of this stream the caller has or the platform holds for it (0: none, the stream can start over). */
    private long delivered;

    CompressionCheckpoint(Algorithm algorithm, FrameOptions frame) {
        this.algorithm = algorithm;
        this.checksum = algorithm == Algorithm.GZIP ? new CRC32() : algorithm == Algorithm.ZLIB ? new Adler32() : null;
        this.frameEnd = FrameEnd.serves(algorithm) ? new FrameEnd(algorithm, frame) : null;
        this.window = frameEnd == null ? new byte[WINDOW] : null;
    }

    /** Whether streams of this algorithm can be checkpointed (deflate and its gzip/zlib framings, zstd, LZ4). */
    static boolean serves(Algorithm a) {
        return a == Algorithm.DEFLATE || a == Algorithm.ZLIB || a == Algorithm.GZIP || FrameEnd.serves(a);
    }

    /** Remembers where the request's input starts. */
    void beforeRequest(SgList source) {
        starts.record(source);
    }

    /**
     * A request succeeded: takes its input into the checksum, length and window, and notes
     * whether the output now ends at a flush point (all input taken, and the engine stopped
     * with output space left or at the end: nothing of it waits inside the engine).
     */
    void succeeded(SgList source, long consumed, long requestSize, long produced, boolean outputRoomLeft,
            boolean endOfStream) {
        starts.advanced(source, taker);
        delivered += produced;
        if (frameEnd != null) {
            frameEnd.output(produced, endOfStream);
        }
        atFlushPoint = endsAtFlushPoint(consumed, requestSize, outputRoomLeft, endOfStream);
    }

    /** A request's output ends at a flush point: all its input taken, and output room left or the end. */
    static boolean endsAtFlushPoint(long consumed, long requestSize, boolean outputRoomLeft, boolean endOfStream) {
        return endOfStream || (consumed == requestSize && outputRoomLeft);
    }

    private void take(ByteBuffer b, int from, int to) {
        if (frameEnd != null) {
            frameEnd.content(b, from, to);
            return;
        }
        if (checksum != null) {
            int limit = b.limit();
            b.limit(to).position(from);
            checksum.update(b); // leaves the position at `to`, where it was
            b.limit(limit);
        }
        length += to - from;
        int n = Math.min(to - from, WINDOW);
        int start = to - n;
        int first = Math.min(n, WINDOW - windowEnd);
        b.get(start, window, windowEnd, first);
        if (n > first) {
            b.get(start + first, window, 0, n - first);
        }
        if (windowEnd + n >= WINDOW) {
            windowFull = true;
        }
        windowEnd = (windowEnd + n) % WINDOW;
    }

    /** The output ends at a flush point: another engine can continue the stream from here. */
    boolean atFlushPoint() {
        return atFlushPoint;
    }

    /** Output the caller has received of this stream. */
    long delivered() {
        return delivered;
    }

    /** The last (up to) 32 KiB of input, oldest first: the dictionary for the next engine. */
    byte[] dictionary() {
        if (!windowFull) {
            return java.util.Arrays.copyOf(window, windowEnd);
        }
        byte[] d = new byte[WINDOW];
        System.arraycopy(window, windowEnd, d, 0, WINDOW - windowEnd);
        System.arraycopy(window, 0, d, WINDOW - windowEnd, windowEnd);
        return d;
    }

    /** zstd, LZ4: output of a frame the stream's engine began went out, and the frame has not ended. */
    boolean frameOpen() {
        return frameEnd != null && frameEnd.open();
    }

    /** zstd, LZ4: the bytes that end the open frame ({@link #frameOpen}); what follows is a new frame. */
    byte[] endFrame() {
        return frameEnd.end();
    }

    /** The trailer the platform writes after the final block of a moved stream (empty for raw deflate). */
    byte[] trailer() {
        if (algorithm == Algorithm.GZIP) {
            ByteBuffer t = ByteBuffer.allocate(GzipFormat.TRAILER_LENGTH);
            GzipFormat.writeTrailer(t, (int) checksum.getValue(), length);
            return t.array();
        }
        if (algorithm == Algorithm.ZLIB) {
            return ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array(); // big-endian Adler-32
        }
        return new byte[0];
    }

    /** Starts over (the stream was reset). */
    void reset() {
        if (checksum != null) {
            checksum.reset();
        }
        length = 0;
        windowEnd = 0;
        windowFull = false;
        atFlushPoint = true;
        delivered = 0;
        if (frameEnd != null) {
            frameEnd.startNext();
        }
    }
}
