package io.warpdrive.driver.soft;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.format.SgInput;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One compressed stream being written: a {@link Deflater} plus the gzip framing
 * java.util.zip leaves to the caller (header, CRC-32 of the input, trailer). zlib needs no
 * framing here because a wrapped {@code Deflater} writes its header and Adler-32 itself;
 * raw deflate has none.
 *
 * <p>Both stateless jobs (one call with FINISH) and streams (many calls) run through
 * {@link #process}. When the destination fills up it returns false having consumed only
 * part of the input; framing bytes that did not fit wait in {@link PendingBytes} and are
 * written first on the next call. The deflater is given, not owned: a worker's codec
 * lends one of its cached deflaters per job, a stream keeps its own.
 */
final class FramedDeflater {
    private final SgInput in = new SgInput();
    private final OutputCursor out;
    private final Checksums checksums;
    private final PendingBytes pending = new PendingBytes();
    private final CRC32 crc = new CRC32();
    /** Handed to the deflater between calls so it keeps no reference to a caller's buffer. */
    private final ByteBuffer noInput = ByteBuffer.allocate(0);
    /**
     * One byte of output space: when the end of a raw stream exactly fills the output,
     * zlib reports it finished only on one more call, and it refuses calls without room.
     */
    private final ByteBuffer probe = ByteBuffer.allocate(1);

    private Algorithm algorithm;
    private int level;
    private Deflater deflater;
    private long outputLimit;
    private boolean headerQueued;
    private boolean finishing;
    private boolean trailerQueued;
    private boolean finished;

    FramedDeflater(Checksums checksums) {
        this.checksums = checksums;
        this.out = new OutputCursor(checksums);
    }

    /**
     * Starts a new stream on {@code deflater}, which must be freshly created or reset and
     * be raw ({@code nowrap}) for gzip and deflate, wrapped for zlib.
     */
    void start(Algorithm algorithm, int level, Deflater deflater) {
        this.algorithm = algorithm;
        this.level = level;
        this.deflater = deflater;
        restart();
    }

    /** Starts a new stream on the same deflater. */
    void reset() {
        if (deflater != null) {
            deflater.reset();
        }
        restart();
    }

    /** Resets the lent deflater and lets go of it. */
    void detach() {
        reset();
        deflater = null;
    }

    private void restart() {
        crc.reset();
        pending.clear();
        headerQueued = false;
        finishing = false;
        trailerQueued = false;
        finished = false;
    }

    /**
     * Compresses from {@code src} into {@code dst}, advancing both.
     *
     * @return true once the stream is finished (FINISH given and everything written)
     * @throws WdException OUTPUT_LIMIT_EXCEEDED when {@code outputLimit} rather than the
     *         destination stops the output; INVALID_STATE for input after FINISH
     */
    boolean process(SgList src, SgList dst, Flush flush, long outputLimit) {
        in.start(src);
        out.start(dst, outputLimit);
        this.outputLimit = outputLimit;
        try {
            checkOrder(src, flush);
            if (finished) {
                return true;
            }
            if (!headerQueued) {
                if (algorithm == Algorithm.GZIP) {
                    pending.queueGzipHeader(level);
                }
                headerQueued = true;
            }
            if (!pending.drainTo(out) || !deflateInput()) {
                return blocked();
            }
            switch (flush) {
                case NONE:
                    return false;
                case SYNC:
                case FULL:
                    if (!flush(flush == Flush.SYNC ? Deflater.SYNC_FLUSH : Deflater.FULL_FLUSH)) {
                        return blocked();
                    }
                    return false; // a flush never ends the stream
                case FINISH:
                    return finish() || blocked();
                default:
                    throw new IllegalStateException("unknown flush " + flush);
            }
        } finally {
            deflater.setInput(noInput);
            out.finish();
            in.clear();
        }
    }

    private void checkOrder(SgList src, Flush flush) {
        if (finished && src.hasRemaining()) {
            throw new WdException(WdStatus.INVALID_STATE, "the compressed stream is already finished; "
                    + src.remaining() + " more input bytes cannot be added (reset the stream to start a new one)");
        }
        if (finishing && !finished && (flush != Flush.FINISH || src.hasRemaining())) {
            throw new WdException(WdStatus.INVALID_STATE, "FINISH has begun: call again with FINISH and no new"
                    + " input until the end of the stream is written (got " + flush + " with " + src.remaining()
                    + " input bytes)");
        }
    }

    /** Feeds all input to the deflater; false when the output filled up first. */
    private boolean deflateInput() {
        for (ByteBuffer segment = in.current(); segment != null; segment = in.current()) {
            deflater.setInput(segment);
            while (segment.hasRemaining()) {
                ByteBuffer room = out.acquire();
                if (room == null) {
                    return false;
                }
                int before = segment.position();
                deflater.deflate(room, Deflater.NO_FLUSH);
                out.release(null);
                if (algorithm == Algorithm.GZIP) {
                    checksums.update(crc, segment, before, segment.position());
                }
            }
        }
        return true;
    }

    /**
     * SYNC or FULL flush: as java.util.zip documents, a flush that fills the output
     * completely may have more to write, so repeat until a call leaves room.
     */
    private boolean flush(int mode) {
        for (;;) {
            ByteBuffer room = out.acquire();
            if (room == null) {
                return false;
            }
            int space = room.remaining();
            int written = deflater.deflate(room, mode);
            out.release(null);
            if (written < space) {
                return true;
            }
        }
    }

    private boolean finish() {
        finishing = true;
        deflater.finish();
        while (!deflater.finished()) {
            ByteBuffer room = out.acquire();
            if (room == null) {
                if (endsWithoutMoreRoom()) {
                    break;
                }
                return false;
            }
            deflater.deflate(room, Deflater.NO_FLUSH);
            out.release(null);
        }
        if (!trailerQueued) {
            if (algorithm == Algorithm.GZIP) {
                pending.queueGzipTrailer((int) crc.getValue(), deflater.getBytesRead());
            }
            trailerQueued = true;
        }
        if (!pending.drainTo(out)) {
            return false;
        }
        finished = true;
        return true;
    }

    /**
     * The output is full while finishing: asks the deflater for one more byte. None and
     * finished means the stream had ended exactly at the end of the room; a byte means it
     * needs more room, and the byte is kept to be written first next time.
     */
    private boolean endsWithoutMoreRoom() {
        probe.clear();
        deflater.deflate(probe, Deflater.NO_FLUSH);
        if (probe.position() > 0) {
            pending.queue(probe.flip());
            return false;
        }
        return deflater.finished();
    }

    /** The output stopped: an error when the output limit stopped it, otherwise "call again with more room". */
    private boolean blocked() {
        if (out.limitReached()) {
            throw new WdException(WdStatus.OUTPUT_LIMIT_EXCEEDED,
                    "compressed output would exceed the output limit of " + outputLimit + " bytes");
        }
        return false;
    }

    boolean isFinished() {
        return finished;
    }
}
