package io.warpdrive.core.engine.stream;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The platform-wide limit on the compressed input that decompression streams keep to resume on
 * another engine ({@code stream.resume.total.mb}), and the chunks that input is kept in.
 *
 * <p>Streams take kept input in chunks of {@value #CHUNK} bytes: one atomic add per chunk, no lock.
 * A stream refused a chunk stops keeping until its next resume point ({@link DecompressionResume}).
 * Chunks given back are reused, up to {@value #SPARE} of them, so that a stream's kept input
 * allocates nothing once the platform has run a while; the spare chunks are not counted against
 * the limit (they are held by no stream).
 */
public final class KeptInputBudget {
    /** Bytes of one chunk of kept input: the unit of the budget. */
    public static final int CHUNK = 32 * 1024;
    /**
     * Chunks kept for reuse when given back: 16 MiB, what one stream keeps at the default {@code
     * stream.resume.input.mb}, so that a stream that keeps that much allocates nothing either.
     */
    static final int SPARE = 512;

    /** Bytes in chunks that streams hold. */
    private final AtomicLong taken = new AtomicLong();
    /** Chunks refused because the limit was reached: each stops one stream keeping. */
    private final AtomicLong refusals = new AtomicLong();
    private volatile long limit;
    private final AtomicReferenceArray<byte[]> spare = new AtomicReferenceArray<>(SPARE);

    /** @param limit most bytes that all streams together keep */
    public KeptInputBudget(long limit) {
        this.limit = limit;
    }

    /** A new limit (a configuration change): chunks already taken stay with their streams. */
    public void limit(long bytes) {
        limit = bytes;
    }

    /** The most bytes that all streams together keep. */
    public long limit() {
        return limit;
    }

    /** Bytes in chunks that streams hold now. */
    public long taken() {
        return taken.get();
    }

    /** Times a stream was refused a chunk since the last {@link #resetRefusals}. */
    public long refusals() {
        return refusals.get();
    }

    /** Counts refusals from zero again (the platform's counters were reset). */
    public void resetRefusals() {
        refusals.set(0);
    }

    /**
     * A chunk of {@value #CHUNK} bytes counted against the limit, or null when it would pass the
     * limit (counted: the stream asking stops keeping until its next resume point).
     */
    byte[] take() {
        long t;
        do {
            t = taken.get();
            if (t + CHUNK > limit) {
                refusals.incrementAndGet();
                return null;
            }
        } while (!taken.compareAndSet(t, t + CHUNK));
        for (int i = 0; i < SPARE; i++) {
            if (spare.get(i) != null) {
                byte[] c = spare.getAndSet(i, null);
                if (c != null) {
                    return c;
                }
            }
        }
        return new byte[CHUNK];
    }

    /** Gives back a chunk from {@link #take}; the caller no longer uses it. */
    void giveBack(byte[] chunk) {
        taken.addAndGet(-CHUNK);
        for (int i = 0; i < SPARE; i++) {
            if (spare.get(i) == null && spare.compareAndSet(i, null, chunk)) {
                return;
            }
        }
    }
}
