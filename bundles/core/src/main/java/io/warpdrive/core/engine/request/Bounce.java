package io.warpdrive.core.engine.request;

import io.warpdrive.comp.SgList;
import java.nio.ByteBuffer;

/**
 * Bounce buffers of one job slot, for drivers that want one flat (and possibly direct)
 * buffer instead of the caller's scatter-gather list or heap memory. Kept with the slot
 * and reused; a buffer larger than {@link #KEEP_LIMIT} is not kept, so a queue does not
 * hold on to memory for the occasional huge request. Direct buffers the slot lets go of (outgrown,
 * above the limit, or the queue closed) are freed at once ({@link DirectMemory}), not left to the
 * collector.
 */
public final class Bounce {
    static final int KEEP_LIMIT = 4 << 20;
    /** The largest bounce buffer: what one ByteBuffer holds. */
    static final long MAX_SIZE = Integer.MAX_VALUE - 64;

    private final boolean direct;
    private ByteBuffer in;
    private ByteBuffer out;
    private final SgList inList = SgList.allocate(1);
    private final SgList outList = SgList.allocate(1);

    public Bounce(boolean direct) {
        this.direct = direct;
    }

    /** Gathers the caller's input into one buffer (advancing the caller's positions to the end). */
    SgList gather(SgList source) {
        int n = checkedSize(source.remaining());
        in = fit(in, n);
        source.gatherInto(in);
        in.flip();
        return inList.set(in);
    }

    /**
     * One buffer as large as the caller's output space, or one byte more than the output
     * limit when that is smaller: the driver must still see that the limit, not the space,
     * is what stops it (it reports OUTPUT_LIMIT_EXCEEDED rather than "come back with more
     * room"); it never writes past the limit, so the extra byte stays unused.
     */
    public SgList outputSpace(SgList destination, long limit) {
        long space = destination.remaining();
        int n = checkedSize(limit < space ? limit + 1 : space);
        out = fit(out, n);
        out.limit(n);
        return outList.set(out);
    }

    /** Input bytes the driver consumed from the gathered buffer. */
    long consumed() {
        return in.position();
    }

    /** Copies what the driver produced into the caller's output; returns the bytes produced. */
    long scatter(SgList destination) {
        out.flip();
        long produced = out.remaining();
        destination.scatterFrom(out);
        return produced;
    }

    /** Drops buffers above the keep limit after a job. */
    void trim() {
        inList.clear();
        outList.clear();
        if (in != null && in.capacity() > KEEP_LIMIT) {
            DirectMemory.free(in);
            in = null;
        }
        if (out != null && out.capacity() > KEEP_LIMIT) {
            DirectMemory.free(out);
            out = null;
        }
    }

    /** Frees both buffers: the slot's queue closed and no job of it uses them any more. */
    void release() {
        inList.clear();
        outList.clear();
        DirectMemory.free(in);
        DirectMemory.free(out);
        in = null;
        out = null;
    }

    private ByteBuffer fit(ByteBuffer b, int n) {
        if (b == null || b.capacity() < n) {
            int size = Math.max(n, 4096);
            ByteBuffer fresh = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
            // Outgrown (freed only once the new one exists: on OutOfMemoryError the old stays ours).
            DirectMemory.free(b);
            b = fresh;
        }
        b.clear();
        b.limit(n);
        return b;
    }

    private static int checkedSize(long n) {
        return (int) Math.min(n, MAX_SIZE);
    }
}
