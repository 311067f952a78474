package io.warpdrive.driver.soft;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.format.GzipFormat;
import io.warpdrive.lib.format.GzipHeaderParser;
import io.warpdrive.lib.format.GzipTrailerReader;
import io.warpdrive.lib.format.ZlibHeaderParser;
import io.warpdrive.lib.format.ZlibTrailerReader;
import java.nio.ByteBuffer;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One compressed stream being read: header, deflate data, trailer, and for gzip the
 * members that follow. A raw {@link Inflater} decodes the deflate data for all three
 * algorithms while the framing is parsed and checked here with the shared
 * {@code io.warpdrive.lib.format} parsers. Doing the zlib framing here too (rather than
 * letting a wrapped Inflater do it) gives every failure its own status instead of a
 * {@link DataFormatException} message to interpret: an Adler-32 mismatch is
 * CHECKSUM_MISMATCH, a preset dictionary UNSUPPORTED, a bad header CORRUPT_INPUT.
 *
 * <p>Each phase consumes exactly its own bytes, so a stream may be fed in pieces of any
 * size, and what follows the end of a stream is left in the source for the caller. Both
 * stateless jobs (one call with FINISH: the input is all there is) and streams run
 * through {@link #process}. The inflater is given, not owned.
 */
final class FramedInflater {
    private enum Phase { HEADER, BODY, TRAILER, ENDED }

    /** Why the deflate data stopped before its end. */
    private enum Stop { ENDED, OUTPUT_FULL, INPUT_EXHAUSTED }

    private final InputCursor in = new InputCursor();
    private final OutputCursor out;
    private final GzipHeaderParser gzipHeader = new GzipHeaderParser();
    private final GzipTrailerReader gzipTrailer = new GzipTrailerReader();
    private final ZlibHeaderParser zlibHeader = new ZlibHeaderParser();
    private final ZlibTrailerReader zlibTrailer = new ZlibTrailerReader();
    private final CRC32 crc = new CRC32();
    private final Adler32 adler = new Adler32();
    /** Handed to the inflater between calls so it keeps no reference to a caller's buffer. */
    private final ByteBuffer noInput = ByteBuffer.allocate(0);
    /**
     * Output space of zero bytes: with a full destination the inflater can still reach
     * the end of the data when only an end-of-block code is left, which needs no output.
     */
    private final ByteBuffer noRoom = ByteBuffer.allocate(0);
    /** One byte of scratch output to tell "needs more room" from "needs more input" before failing. */
    private final ByteBuffer probe = ByteBuffer.allocate(1);

    private Algorithm algorithm;
    private Inflater inflater;
    /** CRC-32 for gzip, Adler-32 for zlib, none for raw deflate. */
    private Checksum checksum;
    private Phase phase;
    /** Members (streams) that have ended, for messages. */
    private long membersEnded;
    private long outputLimit;
    /** The deflate data stopped on a full destination with all input consumed. */
    private boolean stalledWithoutInput;

    FramedInflater(Checksums checksums) {
        this.out = new OutputCursor(checksums);
    }

    /** Starts reading a new stream with {@code inflater}, which must be raw ({@code nowrap}). */
    void start(Algorithm algorithm, Inflater inflater) {
        this.algorithm = algorithm;
        this.inflater = inflater;
        this.checksum = algorithm == Algorithm.GZIP ? crc : algorithm == Algorithm.ZLIB ? adler : null;
        membersEnded = 0;
        startMember();
    }

    /** Starts a new stream on the same inflater. */
    void reset() {
        if (inflater != null) {
            start(algorithm, inflater);
        }
    }

    /** Resets the lent inflater and lets go of it. */
    void detach() {
        if (inflater != null) {
            inflater.reset();
            inflater = null;
        }
    }

    private void startMember() {
        inflater.reset();
        gzipHeader.reset();
        gzipTrailer.reset();
        zlibHeader.reset();
        zlibTrailer.reset();
        crc.reset();
        adler.reset();
        phase = algorithm == Algorithm.DEFLATE ? Phase.BODY : Phase.HEADER;
    }

    /**
     * Stateless decompression: {@code src} is all the input there is, and {@code dst}
     * must take all of the output.
     *
     * @throws WdException OUTPUT_TOO_SMALL when the destination is too small, and as
     *         {@link #process} otherwise
     */
    void decodeAll(SgList src, SgList dst, long outputLimit) {
        long room = dst.remaining();
        if (process(src, dst, Flush.FINISH, outputLimit)) {
            return;
        }
        if (stalledWithoutInput && !needsMoreRoom()) {
            throw truncatedDeflateData();
        }
        throw new WdException(WdStatus.OUTPUT_TOO_SMALL, "the destination's " + room
                + " bytes are too small for the decompressed data of " + where());
    }

    /**
     * The destination filled up just as the input ran out: the stream may be complete
     * but for output room, or truncated. One byte more of output tells. This changes the
     * inflater's state, so it is only done when the request fails either way.
     */
    private boolean needsMoreRoom() {
        try {
            probe.clear();
            return inflater.inflate(probe) > 0 || inflater.finished();
        } catch (DataFormatException e) {
            throw corrupt(e);
        }
    }

    /**
     * Decompresses from {@code src} into {@code dst}, advancing both.
     *
     * @param flush FINISH means no more input will come: a stream that has not ended by
     *        the end of {@code src} is then truncated
     * @return true when a stream (a gzip member) ended exactly at the end of the input
     *         consumed; bytes after it that do not start another gzip member are left
     *         in {@code src}
     * @throws WdException CORRUPT_INPUT, TRUNCATED_INPUT, CHECKSUM_MISMATCH, UNSUPPORTED
     *         (preset dictionary) or OUTPUT_LIMIT_EXCEEDED
     */
    boolean process(SgList src, SgList dst, Flush flush, long outputLimit) {
        in.start(src);
        out.start(dst, outputLimit);
        this.outputLimit = outputLimit;
        boolean lastInput = flush == Flush.FINISH;
        stalledWithoutInput = false;
        try {
            for (;;) {
                switch (phase) {
                    case HEADER:
                        if (!parseHeader()) {
                            return inputEnded(lastInput);
                        }
                        phase = Phase.BODY;
                        break;
                    case BODY:
                        Stop stop = inflateBody();
                        if (stop == Stop.OUTPUT_FULL) {
                            return outputFull();
                        }
                        if (stop == Stop.INPUT_EXHAUSTED) {
                            return inputEnded(lastInput);
                        }
                        if (algorithm == Algorithm.DEFLATE) {
                            phase = Phase.ENDED;
                            membersEnded++;
                        } else {
                            phase = Phase.TRAILER;
                        }
                        break;
                    case TRAILER:
                        if (!readTrailer()) {
                            return inputEnded(lastInput);
                        }
                        verifyTrailer();
                        phase = Phase.ENDED;
                        membersEnded++;
                        break;
                    case ENDED:
                        if (!nextMemberFollows()) {
                            return algorithm != Algorithm.GZIP || lastInput || !loneFirstMagicByte();
                        }
                        startMember();
                        break;
                    default:
                        throw new IllegalStateException("unknown phase " + phase);
                }
            }
        } catch (DataFormatException e) {
            throw corrupt(e);
        } finally {
            inflater.setInput(noInput);
            out.finish();
            in.clear();
        }
    }

    private boolean parseHeader() {
        for (ByteBuffer segment = in.current(); segment != null; segment = in.current()) {
            if (algorithm == Algorithm.GZIP ? gzipHeader.parse(segment) : zlibHeader.parse(segment)) {
                return true;
            }
        }
        return false;
    }

    private Stop inflateBody() throws DataFormatException {
        for (;;) {
            if (inflater.finished()) {
                return Stop.ENDED;
            }
            if (inflater.needsInput()) {
                ByteBuffer segment = in.current();
                if (segment != null) {
                    inflater.setInput(segment);
                }
            }
            ByteBuffer room = out.acquire();
            long readBefore = inflater.getBytesRead();
            int written = inflater.inflate(room != null ? room : noRoom);
            out.release(checksum);
            if (written > 0 || inflater.getBytesRead() != readBefore || inflater.finished()) {
                continue;
            }
            if (room == null) {
                stalledWithoutInput = inflater.needsInput();
                return Stop.OUTPUT_FULL;
            }
            if (inflater.needsInput()) {
                return Stop.INPUT_EXHAUSTED;
            }
            // A raw inflater never asks for a dictionary; anything else that stalls is a bug.
            throw new WdException(WdStatus.INTERNAL, "the inflater made no progress in " + where());
        }
    }

    private boolean readTrailer() {
        for (ByteBuffer segment = in.current(); segment != null; segment = in.current()) {
            if (algorithm == Algorithm.GZIP ? gzipTrailer.read(segment) : zlibTrailer.read(segment)) {
                return true;
            }
        }
        return false;
    }

    private void verifyTrailer() {
        if (algorithm == Algorithm.GZIP) {
            gzipTrailer.verify((int) crc.getValue(), inflater.getBytesWritten());
        } else {
            zlibTrailer.verify((int) adler.getValue());
        }
    }

    /** After a gzip member: true when the input continues with the magic of another member. */
    private boolean nextMemberFollows() {
        return algorithm == Algorithm.GZIP && in.peek(0) == GzipFormat.ID1 && in.peek(1) == GzipFormat.ID2;
    }

    /**
     * The input ends with a single 0x1f after a member: the start of another member or one
     * byte of trailing data, which only more input can tell. It is left unconsumed.
     */
    private boolean loneFirstMagicByte() {
        return in.peek(0) == GzipFormat.ID1 && in.peek(1) < 0;
    }

    /** The input ran out before the stream ended: fine unless it was the last input. */
    private boolean inputEnded(boolean lastInput) {
        if (!lastInput) {
            return false;
        }
        switch (phase) {
            case HEADER:
                if (algorithm == Algorithm.GZIP) {
                    gzipHeader.checkComplete();
                } else {
                    zlibHeader.checkComplete();
                }
                break;
            case TRAILER:
                if (algorithm == Algorithm.GZIP) {
                    gzipTrailer.checkComplete();
                } else {
                    zlibTrailer.checkComplete();
                }
                break;
            default:
                break;
        }
        throw truncatedDeflateData();
    }

    /** zlib's reason ("invalid block type", "invalid distance too far back") is kept in the message. */
    private WdException corrupt(DataFormatException e) {
        return new WdException(WdStatus.CORRUPT_INPUT, "corrupt deflate data in " + where() + ": "
                + (e.getMessage() == null ? "invalid data" : e.getMessage()), e);
    }

    private WdException truncatedDeflateData() {
        return new WdException(WdStatus.TRUNCATED_INPUT, "input ended inside the deflate data of " + where()
                + " after " + inflater.getBytesRead() + " compressed bytes (" + inflater.getBytesWritten()
                + " decompressed)");
    }

    private boolean outputFull() {
        if (out.limitReached()) {
            throw new WdException(WdStatus.OUTPUT_LIMIT_EXCEEDED, "decompressed output would exceed the output"
                    + " limit of " + outputLimit + " bytes in " + where());
        }
        return false;
    }

    private String where() {
        return algorithm == Algorithm.GZIP ? "gzip member " + (membersEnded + 1)
                : algorithm.uadkName() + " stream";
    }

    /** True when the last stream (or gzip member) has ended and no other has begun. */
    boolean isEnded() {
        return phase == Phase.ENDED;
    }
}
