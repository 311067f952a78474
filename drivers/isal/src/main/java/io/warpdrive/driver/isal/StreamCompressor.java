package io.warpdrive.driver.isal;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.driver.isal.igzip.IgzipAbi;
import io.warpdrive.driver.isal.igzip.NativeMemory;
import io.warpdrive.driver.isal.igzip.ZStream;
import io.warpdrive.lib.format.MemberFraming;
import java.nio.ByteBuffer;

/**
 * One compressed stream being written across requests: the header (written here, held
 * back while the destination has no room for it), then igzip's {@code isal_deflate} with
 * the request's flush, which writes the deflate data and at the end the trailer. The
 * native stream is given, not owned.
 *
 * <p>As on the soft driver: NONE consumes all input unless the destination fills first;
 * SYNC and FULL also write out everything so far (FULL without history across the point);
 * FINISH ends the stream, repeated until it returns true. A call that stops on a full
 * destination returns false and is repeated with more room and the rest of the input.
 */
final class StreamCompressor {
    private final ZStream stream;
    private final AddressCache sourceAddress;
    private final AddressCache destinationAddress;
    /** Header bytes not yet written. */
    private final ByteBuffer pending = ByteBuffer.allocate(16);
    private final Algorithm algorithm;
    private final int level;
    private final int igzipLevel;
    private final WindowSize window;
    /** The preset dictionary, primed again on every reset; null without one. */
    private final NativeMemory dictionary;

    private boolean headerQueued;
    /** A FINISH call was made: only FINISH may follow. */
    private boolean finishBegun;
    /** FINISH has taken all input: only FINISH without input may follow. */
    private boolean finishing;
    private boolean finished;

    StreamCompressor(ZStream stream, AddressCache sourceAddress, AddressCache destinationAddress, Algorithm algorithm,
            int level, int igzipLevel, WindowSize window, NativeMemory dictionary) {
        this.stream = stream;
        this.sourceAddress = sourceAddress;
        this.destinationAddress = destinationAddress;
        this.algorithm = algorithm;
        this.level = level;
        this.igzipLevel = igzipLevel;
        this.window = window;
        this.dictionary = dictionary;
        reset();
    }

    /** Starts a new stream with the same parameters. */
    void reset() {
        stream.init();
        stream.parameters(igzipLevel, Framing.gzipFlag(algorithm), Framing.histBits(window));
        if (dictionary != null) {
            int code = stream.dictionary(dictionary.address(), dictionary.size());
            if (code != IgzipAbi.COMP_OK) {
                throw new WdException(WdStatus.INTERNAL, "igzip refused the stream's preset dictionary of "
                        + dictionary.size() + " bytes (isal_deflate_set_dict returned " + code + ")");
            }
        }
        pending.clear().limit(0);
        headerQueued = false;
        finishBegun = false;
        finishing = false;
        finished = false;
    }

    /**
     * Compresses from {@code src} into {@code dst}, advancing both.
     *
     * @return true once the stream is finished (FINISH given and everything written)
     * @throws WdException OUTPUT_LIMIT_EXCEEDED when {@code outputLimit} rather than the
     *         destination stops the output; INVALID_STATE for input after FINISH
     */
    boolean process(ByteBuffer src, ByteBuffer dst, Flush flush, long outputLimit) {
        checkOrder(src, flush);
        if (finished) {
            return true;
        }
        if (!headerQueued) {
            MemberFraming.writeHeader(pending.clear(), algorithm, level, window);
            pending.flip();
            headerQueued = true;
        }
        long allowance = outputLimit;
        if (pending.hasRemaining()) {
            int n = (int) Math.min(Math.min(pending.remaining(), dst.remaining()), allowance);
            dst.put(dst.position(), pending, pending.position(), n);
            dst.position(dst.position() + n);
            pending.position(pending.position() + n);
            allowance -= n;
            if (pending.hasRemaining()) {
                return blocked(dst, allowance, outputLimit);
            }
        }
        finishBegun |= flush == Flush.FINISH;
        int input = src.remaining();
        int room = (int) Math.min(dst.remaining(), allowance);
        stream.input(sourceAddress.at(src), input);
        stream.output(destinationAddress.at(dst), room);
        stream.flush(flush == Flush.SYNC ? IgzipAbi.SYNC_FLUSH : flush == Flush.FULL ? IgzipAbi.FULL_FLUSH
                : IgzipAbi.NO_FLUSH);
        stream.endOfStream(flush == Flush.FINISH);
        int code = stream.deflate();
        if (code != IgzipAbi.COMP_OK) {
            throw new WdException(WdStatus.INTERNAL, "igzip refused to compress the " + algorithm.uadkName()
                    + " stream (isal_deflate returned " + code + ")");
        }
        int produced = room - stream.availOut();
        src.position(src.position() + input - stream.availIn());
        dst.position(dst.position() + produced);
        allowance -= produced;
        switch (flush) {
            case NONE:
                return src.hasRemaining() ? blocked(dst, allowance, outputLimit) : false;
            case SYNC:
            case FULL:
                // igzip: room left over, or a new block next, means everything so far is written
                boolean flushed = stream.availOut() > 0 || (!src.hasRemaining()
                        && stream.state() == IgzipAbi.ZSTATE_NEW_HDR);
                return flushed ? false : blocked(dst, allowance, outputLimit);
            case FINISH:
                if (stream.state() == IgzipAbi.ZSTATE_END) {
                    finished = true;
                    return true;
                }
                finishing = !src.hasRemaining();
                return blocked(dst, allowance, outputLimit);
            default:
                throw new IllegalStateException("unknown flush " + flush);
        }
    }

    private void checkOrder(ByteBuffer src, Flush flush) {
        if (finished && src.hasRemaining()) {
            throw new WdException(WdStatus.INVALID_STATE, "the compressed stream is already finished; "
                    + src.remaining() + " more input bytes cannot be added (reset the stream to start a new one)");
        }
        if (!finished && finishBegun && (flush != Flush.FINISH || (finishing && src.hasRemaining()))) {
            throw new WdException(WdStatus.INVALID_STATE, "FINISH has begun: call again with FINISH and no new"
                    + " input until the end of the stream is written (got " + flush + " with " + src.remaining()
                    + " input bytes)");
        }
    }

    /** The output stopped: an error when the output limit stopped it, otherwise "call again with more room". */
    private static boolean blocked(ByteBuffer dst, long allowance, long outputLimit) {
        if (allowance == 0 && dst.hasRemaining()) {
            throw new WdException(WdStatus.OUTPUT_LIMIT_EXCEEDED,
                    "compressed output would exceed the output limit of " + outputLimit + " bytes");
        }
        return false;
    }

    boolean isFinished() {
        return finished;
    }
}
