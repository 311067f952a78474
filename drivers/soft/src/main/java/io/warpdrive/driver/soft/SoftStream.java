package io.warpdrive.driver.soft;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.JobChecks;
import io.warpdrive.lib.StreamState;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The state of one soft-driver stream ({@code wd_stm_comp}): its own deflater or
 * inflater, whose history must survive from one job to the next, and the framing state
 * (a header or trailer half written or half read, the running checksum). It travels with
 * the stream's jobs to whichever worker serves them; the platform guarantees one job of
 * a stream at a time, so it needs no locking.
 *
 * <p>After any failure the stream is broken: what was consumed and produced up to the
 * failure cannot be undone, so continuing would silently produce wrong data. Later calls
 * fail with INVALID_STATE until {@link #reset()}.
 */
class SoftStream implements StreamState {
    private final Algorithm algorithm;
    private final Operation operation;
    private final Deflater deflater;
    private final Inflater inflater;
    private final FramedDeflater compressor;
    private final FramedInflater decompressor;
    /** The preset dictionary's last window, primed again on every reset; null without one. */
    private final byte[] dictionary;
    private boolean broken;
    private volatile boolean closed;

    /**
     * @throws WdException INVALID_ARGUMENT for a missing parameter or, when compressing, a
     *         level outside 1..9, or a dictionary on anything but raw deflate compression;
     *         UNSUPPORTED for a compression window below 32 KiB
     */
    SoftStream(Algorithm algorithm, Operation operation, int level, WindowSize window) {
        this(algorithm, operation, level, window, null);
    }

    /**
     * @param dictionary primes a raw deflate compression stream (see
     *        {@link io.warpdrive.lib.Driver#openStream(Algorithm, Operation, int, WindowSize, ByteBuffer)});
     *        null or empty for none; read, not consumed
     */
    SoftStream(Algorithm algorithm, Operation operation, int level, WindowSize window, ByteBuffer dictionary) {
        JobChecks.checkKind(SoftDriver.INFO, algorithm, operation);
        JobChecks.checkDictionary(SoftDriver.INFO, algorithm, operation, dictionary);
        this.dictionary = lastWindow(dictionary);
        this.algorithm = algorithm;
        this.operation = operation;
        Checksums checksums = new Checksums();
        if (operation == Operation.COMPRESS) {
            JobChecks.checkLevel(level);
            JobChecks.checkCompressionWindow(SoftDriver.INFO, window);
            deflater = new Deflater(level, algorithm != Algorithm.ZLIB);
            compressor = new FramedDeflater(checksums);
            compressor.start(algorithm, level, deflater);
            prime();
            inflater = null;
            decompressor = null;
        } else {
            inflater = new Inflater(true);
            decompressor = new FramedInflater(checksums);
            decompressor.start(algorithm, inflater);
            deflater = null;
            compressor = null;
        }
    }

    /**
     * Processes one job of the stream, advancing the positions of {@code src} and
     * {@code dst} by what was consumed and produced.
     *
     * <p>Compress: all of the input is consumed unless the destination fills up first,
     * in which case the call returns false and the caller calls again with more room and
     * the rest of the input. SYNC and FULL emit everything pending (when there is room);
     * FINISH writes the end of the stream and its trailer, repeated until it returns true.
     *
     * <p>Decompress: consumes input until the destination is full or the input ends.
     * True when a stream (for gzip a member) ended exactly at the end of the input
     * consumed; a following gzip member starts in the same or a later call. After the
     * end of a zlib or deflate stream, and after a gzip member followed by data that is
     * not another member, input is left unconsumed. FINISH means no more input will come:
     * a stream that has not ended when the input runs out is TRUNCATED_INPUT.
     *
     * @param outputLimit the most bytes this call may produce
     * @return end of stream
     * @throws WdException a data, output or state error; the stream is broken afterwards
     */
    boolean process(SgList src, SgList dst, Flush flush, long outputLimit) {
        if (closed) {
            throw new WdException(WdStatus.INVALID_STATE, "the stream is closed");
        }
        if (broken) {
            throw new WdException(WdStatus.INVALID_STATE, "stream is broken after an earlier error; reset it");
        }
        try {
            JobChecks.checkBuffers(src, dst, outputLimit);
            JobChecks.checkFlush(flush);
            return operation == Operation.COMPRESS
                    ? compressor.process(src, dst, flush, outputLimit)
                    : decompressor.process(src, dst, flush, outputLimit);
        } catch (WdException e) {
            broken = true;
            throw e;
        } catch (RuntimeException e) {
            broken = true;
            throw new WdException(WdStatus.INTERNAL, "the soft stream failed: " + e, e);
        }
    }

    Algorithm algorithm() {
        return algorithm;
    }

    Operation operation() {
        return operation;
    }

    /** True when the stream has ended: compress finished, or decompress at the end of a stream or member. */
    boolean isFinished() {
        return operation == Operation.COMPRESS ? compressor.isFinished() : decompressor.isEnded();
    }

    boolean isBroken() {
        return broken;
    }

    /** Starts a new stream with the same parameters, also after a failure. */
    void reset() {
        if (closed) {
            throw new WdException(WdStatus.INVALID_STATE, "the stream is closed");
        }
        if (operation == Operation.COMPRESS) {
            compressor.reset();
            prime();
        } else {
            decompressor.reset();
        }
        broken = false;
    }

    /** zlib keeps only a window's worth of a dictionary: a copy of the last 32 KiB, or null without one. */
    private static byte[] lastWindow(ByteBuffer dictionary) {
        if (dictionary == null || !dictionary.hasRemaining()) {
            return null;
        }
        int n = Math.min(dictionary.remaining(), WindowSize.W32K.bytes());
        byte[] copy = new byte[n];
        dictionary.get(dictionary.limit() - n, copy);
        return copy;
    }

    /** Gives the freshly started deflater its dictionary, if the stream has one. */
    private void prime() {
        if (dictionary != null) {
            deflater.setDictionary(dictionary);
        }
    }

    /** Ends the deflater or inflater, releasing its native memory. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (deflater != null) {
            deflater.end();
        }
        if (inflater != null) {
            inflater.end();
        }
    }
}
