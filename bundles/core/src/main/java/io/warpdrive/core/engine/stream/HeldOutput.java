package io.warpdrive.core.engine.stream;

import io.warpdrive.comp.SgList;
import java.nio.ByteBuffer;

/**
 * Output of a compression stream that the platform holds for its caller: what its engine wrote
 * beyond the caller's output space, and the trailer of a stream that moved. Held here, not inside
 * the engine, the output survives the engine going away: the stream's requests end at a flush
 * point whatever the caller's output space, so the stream can move. The caller gets the held
 * output first, at its next requests, served without an engine. Output held when an engine job
 * starts (the end of the frame a moved zstd or LZ4 stream's old engine began) stays in front of
 * what that engine writes.
 *
 * <p>One request of a stream at a time: the stream's request discipline is this object's lock.
 */
final class HeldOutput {
    /** Engine output space the platform gives one request at most; a larger request's output stays in its engine. */
    static final long LIMIT = 8L << 20;
    /** Room for the framing around the deflate bound: gzip header and trailer, a sync flush's empty block. */
    private static final long FRAMING = 64;

    /** Write mode while an engine writes into it, read mode while output is held; null until needed. */
    private ByteBuffer buffer;
    private final SgList space = SgList.allocate(1);
    private boolean engineWriting;
    /** While an engine writes: the held bytes in front of its output. */
    private int heldBeforeEngine;
    /** The held output ends the stream. */
    private boolean endsStream;

    /**
     * The engine output space a request of {@code bound} bytes of worst-case output needs when the
     * caller gave {@code room}: 0 when the caller's room is enough, or the request too large to hold.
     */
    static long needed(long bound, long room) {
        long need = bound + FRAMING;
        return room >= need || need > LIMIT ? 0 : need;
    }

    /**
     * The platform's output space for the engine, {@code size} bytes after what is held (a failed
     * job's output dropped), its position marked.
     */
    SgList engineSpace(long size) {
        dropEngineOutput();
        int kept = buffer == null ? 0 : buffer.remaining();
        if (buffer == null || buffer.capacity() < kept + size) {
            ByteBuffer larger = ByteBuffer.allocate((int) (kept + size));
            if (buffer != null) {
                larger.put(buffer);
            }
            buffer = larger;
        } else {
            buffer.compact();
        }
        heldBeforeEngine = kept;
        buffer.limit((int) (kept + size));
        space.set(buffer);
        space.markPositions();
        engineWriting = true;
        return space;
    }

    /** The engine's job over: what it wrote is held. */
    void engineDone(boolean endOfStream) {
        if (engineWriting) {
            buffer.flip();
            engineWriting = false;
        }
        endsStream = endOfStream;
    }

    /**
     * Holds {@code bytes} after what is held (a moved stream's trailer, the end of a frame); the
     * output of an engine job that failed is dropped.
     */
    void append(byte[] bytes, boolean endOfStream) {
        dropEngineOutput();
        if (buffer == null) {
            buffer = ByteBuffer.allocate(bytes.length).flip();
        }
        buffer.compact();
        if (buffer.remaining() < bytes.length) {
            ByteBuffer larger = ByteBuffer.allocate(buffer.position() + bytes.length);
            buffer.flip();
            larger.put(buffer);
            buffer = larger;
        }
        buffer.put(bytes).flip();
        endsStream = endOfStream;
    }

    /** An engine job writing here failed: its output is nothing, what was held before it stays. */
    private void dropEngineOutput() {
        if (engineWriting) {
            buffer.limit(heldBeforeEngine).position(0);
            engineWriting = false;
        }
    }

    /** Output is held for the caller. */
    boolean holds() {
        return !engineWriting && buffer != null && buffer.hasRemaining();
    }

    /** Writes what {@code dst} takes of the held output; returns the bytes written. */
    long deliverTo(SgList dst) {
        return dst.scatterFrom(buffer);
    }

    /** Everything held was delivered and it ended the stream. */
    boolean deliveredEnd() {
        return endsStream && !holds();
    }

    /** Drops what is held (the stream was reset). */
    void clear() {
        if (buffer != null) {
            buffer.clear().flip();
        }
        engineWriting = false;
        heldBeforeEngine = 0;
        endsStream = false;
    }
}
