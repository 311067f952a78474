package io.warpdrive.core.engine.stream;

import io.warpdrive.comp.SgList;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What a decompression stream keeps so that it can continue on another engine without any of
 * the engine's state: the compressed input consumed since its last resume point, how much
 * output was delivered since that point, and the last {@value #TAIL} bytes of that output.
 *
 * <p>A resume point is the stream's start, or where its engine reported the end of the stream
 * (a gzip member, a zlib or raw deflate stream, a zstd or LZ4 frame): from there a fresh state
 * of any engine goes on exactly as the old one would. Decompression is deterministic, so a fresh
 * state fed the kept input produces again the output already delivered: the platform discards
 * that ({@link Phase#DISCARD}, comparing its last bytes with the kept tail), and any output of
 * the kept input beyond it is new and goes to the caller ({@link Phase#LEFTOVER}); then the
 * caller's own input follows. No byte is delivered twice, none is skipped.
 *
 * <p>Memory is bounded: past {@code limit} bytes of kept input (the platform's
 * {@code stream.resume.input.mb}), or when the platform's limit on all streams' kept input
 * ({@code stream.resume.total.mb}, {@link KeptInputBudget}) refuses the next chunk, the input is
 * dropped and the stream cannot resume until its engine reports the next end of stream, where
 * it tries again. The input is kept in the budget's chunks, given back at every resume point and
 * when the stream closes, fails or is reset ({@link #release}): a request copies its input once
 * and allocates nothing. A resume point inside a member (a deflate block boundary) would need the
 * engine's window and bit position, which no engine reports: not used.
 *
 * <p>One request of a stream at a time: the stream's request discipline is this object's lock.
 */
final class DecompressionResume {
    /** Output kept to check the re-produced output against. */
    static final int TAIL = 4096;
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();
    /** Output space of one discarding job. */
    static final int DISCARD_CHUNK = 64 * 1024;

    /** Where a resuming stream stands. */
    enum Phase {
        /** Not resuming: requests are the caller's. */
        NONE,
        /** Kept input is replayed into scratch space until the output delivered before is produced again. */
        DISCARD,
        /** The rest of the kept input is replayed into the caller's output space (new output). */
        LEFTOVER
    }

    private final long limit;
    private final KeptInputBudget budget;
    /** The kept input: chunks of the budget, the first {@code chunkCount} in use. */
    private byte[][] chunks = new byte[4][];
    private int chunkCount;
    private int keptLength;
    /** Output delivered since the resume point. */
    private long delivered;
    private final byte[] tail = new byte[TAIL];
    private int tailEnd;
    private boolean tailFull;
    /** Why the stream cannot resume now, or null. */
    private String cannotResume;
    private final SegmentStarts inputStarts = new SegmentStarts();
    private final SegmentStarts outputStarts = new SegmentStarts();
    private final SegmentStarts.Bytes keepInput = this::keep;
    private final SegmentStarts.Bytes keepOutput = this::keepTail;

    private Phase phase = Phase.NONE;
    /** Kept input fed to the new engine so far. */
    private int replayed;
    /** Output of the new engine discarded so far. */
    private long discarded;
    private ByteBuffer scratch;
    private final SgList replaySource = SgList.allocate(1);
    private final SgList discardSpace = SgList.allocate(1);

    /**
     * @param limit most kept input in bytes; 0: the stream never resumes
     * @param budget the platform's limit on all streams' kept input, where the chunks come from
     */
    DecompressionResume(long limit, KeptInputBudget budget) {
        this.limit = limit;
        this.budget = budget;
        this.cannotResume = limit == 0 ? "stream.resume.input.mb is 0" : null;
    }

    /** Remembers where the caller's buffers of the request stand. */
    void beforeRequest(SgList source, SgList destination) {
        inputStarts.record(source);
        outputStarts.record(destination);
    }

    /**
     * A request delivered its output: keeps the input it consumed and the tail of its output;
     * at an end of stream the next resume point starts.
     */
    void succeeded(SgList source, SgList destination, long produced, boolean endOfStream) {
        if (endOfStream) {
            resumePoint();
            return;
        }
        if (cannotResume == null) {
            inputStarts.advanced(source, keepInput);
        }
        delivered += produced;
        outputStarts.advanced(destination, keepOutput);
    }

    private void keep(ByteBuffer b, int from, int to) {
        if (cannotResume != null) {
            return;
        }
        if (keptLength + (long) (to - from) > limit) {
            stopKeeping("it took more than " + limit + " bytes of compressed input (stream.resume.input.mb)"
                    + " since its last resume point (its start, or the end of a member or frame)");
            return;
        }
        while (from < to) {
            int at = keptLength % KeptInputBudget.CHUNK;
            if (at == 0 && keptLength == chunkCount * KeptInputBudget.CHUNK && !addChunk()) {
                stopKeeping("the compressed input that all streams keep reached the platform's limit of "
                        + budget.limit() + " bytes (stream.resume.total.mb) since its last resume point (its start,"
                        + " or the end of a member or frame)");
                return;
            }
            int n = Math.min(to - from, KeptInputBudget.CHUNK - at);
            b.get(from, chunks[keptLength / KeptInputBudget.CHUNK], at, n);
            from += n;
            keptLength += n;
        }
    }

    private boolean addChunk() {
        byte[] c = budget.take();
        if (c == null) {
            return false;
        }
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, 2 * chunks.length);
        }
        chunks[chunkCount++] = c;
        return true;
    }

    private void stopKeeping(String why) {
        cannotResume = why;
        release();
    }

    /**
     * Gives the kept input's chunks back to the budget (a resume point; the stream closed, failed
     * or was reset). Idempotent: a stream closed while its last request completes may call it twice.
     */
    synchronized void release() {
        for (int i = 0; i < chunkCount; i++) {
            budget.giveBack(chunks[i]);
            chunks[i] = null;
        }
        chunkCount = 0;
        keptLength = 0;
    }

    private void keepTail(ByteBuffer b, int from, int to) {
        int n = Math.min(to - from, TAIL);
        int start = to - n;
        int first = Math.min(n, TAIL - tailEnd);
        b.get(start, tail, tailEnd, first);
        if (n > first) {
            b.get(start + first, tail, 0, n - first);
        }
        if (tailEnd + n >= TAIL) {
            tailFull = true;
        }
        tailEnd = (tailEnd + n) % TAIL;
    }

    private void resumePoint() {
        release();
        delivered = 0;
        tailEnd = 0;
        tailFull = false;
        cannotResume = limit == 0 ? cannotResume : null;
        phase = Phase.NONE;
    }

    /**
     * The stream's engine went away: the next engine starts from the resume point. Null when it
     * can; else why not.
     */
    String startReplay() {
        if (cannotResume != null) {
            return cannotResume;
        }
        replayed = 0;
        discarded = 0;
        phase = delivered > 0 ? Phase.DISCARD : keptLength > 0 ? Phase.LEFTOVER : Phase.NONE;
        return null;
    }

    Phase phase() {
        return phase;
    }

    /**
     * The kept input not yet fed to the new engine, as far as the chunk it starts in goes (the
     * replay's next job takes the next chunk), its position marked.
     */
    SgList replaySource() {
        ByteBuffer rest = NOTHING; // all of it fed: a job without input takes what the engine still holds
        if (replayed < keptLength) {
            int at = replayed % KeptInputBudget.CHUNK;
            rest = ByteBuffer.wrap(chunks[replayed / KeptInputBudget.CHUNK], at,
                    Math.min(keptLength - replayed, KeptInputBudget.CHUNK - at)).asReadOnlyBuffer();
        }
        replaySource.set(rest);
        replaySource.markPositions();
        return replaySource;
    }

    /** Scratch space for at most the output still to discard, its position marked. */
    SgList discardSpace() {
        if (scratch == null) {
            scratch = ByteBuffer.allocate(DISCARD_CHUNK);
        }
        scratch.clear().limit((int) Math.min(DISCARD_CHUNK, delivered - discarded));
        discardSpace.set(scratch);
        discardSpace.markPositions();
        return discardSpace;
    }

    /**
     * A discarding job finished: checks its output against the kept tail and moves on. Null when
     * the replay goes on; else why the stream cannot resume.
     */
    String discarded(long consumed, long produced, boolean endOfStream) {
        long at = discarded;
        long checkFrom = delivered - tailLength();
        for (int i = 0; i < produced; i++) {
            long p = at + i;
            if (p >= checkFrom && scratch.get(i) != tail[tailIndex(p)]) {
                phase = Phase.NONE;
                return "the new engine produced other output than was delivered (byte " + p + " after the resume"
                        + " point differs)";
            }
        }
        replayed += (int) consumed;
        discarded += produced;
        if (discarded == delivered) {
            phase = replayed < keptLength ? Phase.LEFTOVER : Phase.NONE;
            return null;
        }
        if (endOfStream || (consumed == 0 && produced == 0)) {
            phase = Phase.NONE;
            return "the new engine produced " + discarded + " bytes from the kept input where " + delivered
                    + " were delivered";
        }
        return null;
    }

    /**
     * A job replaying the rest of the kept input into the caller's output space finished. Null
     * when the replay goes on or is over; else why the stream cannot resume.
     */
    String replayedLeftover(long consumed, long produced, boolean endOfStream, boolean outputSpaceLeft) {
        replayed += (int) consumed;
        if (replayed == keptLength || endOfStream) {
            phase = Phase.NONE;
            return null;
        }
        if (consumed == 0 && produced == 0 && outputSpaceLeft) {
            phase = Phase.NONE;
            return "the new engine took none of the kept input";
        }
        return null;
    }

    /** The replay stops (the request failed; a next move starts it over). */
    void cancelReplay() {
        phase = Phase.NONE;
    }

    /** Starts over (the stream was reset). */
    void reset() {
        resumePoint();
    }

    private int tailLength() {
        return tailFull ? TAIL : tailEnd;
    }

    /** Where output byte {@code p} (counted from the resume point) is in the tail ring. */
    private int tailIndex(long p) {
        int oldest = tailFull ? tailEnd : 0;
        return (int) ((oldest + (p - (delivered - tailLength()))) % TAIL);
    }
}
