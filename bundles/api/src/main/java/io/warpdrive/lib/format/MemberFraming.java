package io.warpdrive.lib.format;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WindowSize;
import java.nio.ByteBuffer;

/**
 * The framing around the deflate data of a gzip, zlib or raw deflate stream being read:
 * which member it is in, its header and trailer (parsed from a {@link FramedInput} in
 * pieces of any size), and what follows a member (another gzip member, or data that is
 * not part of the stream and is left in the input). {@link MemberDecoder} drives it for a
 * software or CPU inflater; a device that decodes and checks the trailer itself uses the
 * header and member parts only. Its static part writes the header compressors write.
 *
 * <p>Not thread-safe; one per worker or stream, reused through {@link #start}. It does not
 * allocate after construction.
 *
 * @since 1.1
 */
public final class MemberFraming {
    private final GzipHeaderParser gzipHeader = new GzipHeaderParser();
    private final ZlibHeaderParser zlibHeader = new ZlibHeaderParser();
    private final GzipTrailerReader gzipTrailer = new GzipTrailerReader();
    private final ZlibTrailerReader zlibTrailer = new ZlibTrailerReader();

    private Algorithm algorithm;
    /** Members (streams) that have ended, for messages. */
    private long membersEnded;

    /** The length of the header compressors write for {@code algorithm} (0 for raw deflate). */
    public static int headerLength(Algorithm algorithm) {
        return algorithm == Algorithm.GZIP ? GzipFormat.HEADER_LENGTH
                : algorithm == Algorithm.ZLIB ? ZlibFormat.HEADER_LENGTH : 0;
    }

    /**
     * Writes the header compressors write for {@code algorithm} at the platform's
     * {@code level} at {@code dst}'s position, advancing it: the fixed gzip header (XFL from
     * the level) or the zlib header (FLEVEL and window); nothing for raw deflate.
     */
    public static void writeHeader(ByteBuffer dst, Algorithm algorithm, int level, WindowSize window) {
        if (algorithm == Algorithm.GZIP) {
            GzipFormat.writeHeader(dst, level);
        } else if (algorithm == Algorithm.ZLIB) {
            ZlibFormat.writeHeader(dst, level, window);
        }
    }

    /** Starts reading a new stream of {@code streamAlgorithm} at its first member. */
    public void start(Algorithm streamAlgorithm) {
        if (streamAlgorithm == null) {
            throw Failures.invalidArgument("no algorithm given");
        }
        algorithm = streamAlgorithm;
        membersEnded = 0;
        startMember();
    }

    /** The next member (gzip) or the stream's start: a fresh header and trailer. */
    public void startMember() {
        gzipHeader.reset();
        zlibHeader.reset();
        gzipTrailer.reset();
        zlibTrailer.reset();
    }

    /** The stream's algorithm; null before {@link #start}. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** True when members have a header and a trailer (gzip, zlib); raw deflate has neither. */
    public boolean hasFraming() {
        return algorithm != Algorithm.DEFLATE;
    }

    /**
     * Consumes header bytes from {@code in}, exactly the header's.
     *
     * @return true once the header is complete
     * @throws io.warpdrive.comp.WdException CORRUPT_INPUT for a bad header, UNSUPPORTED for
     *         a zlib preset dictionary or an oversized gzip header
     */
    public boolean parseHeader(FramedInput in) {
        for (ByteBuffer buffer = in.current(); buffer != null; buffer = in.current()) {
            if (algorithm == Algorithm.GZIP ? gzipHeader.parse(buffer) : zlibHeader.parse(buffer)) {
                return true;
            }
        }
        return false;
    }

    /** @throws io.warpdrive.comp.WdException TRUNCATED_INPUT when the input ended inside the header */
    public void checkHeaderComplete() {
        if (algorithm == Algorithm.GZIP) {
            gzipHeader.checkComplete();
        } else {
            zlibHeader.checkComplete();
        }
    }

    /**
     * Consumes trailer bytes from {@code in}, exactly the trailer's.
     *
     * @return true once the trailer is complete
     */
    public boolean readTrailer(FramedInput in) {
        for (ByteBuffer buffer = in.current(); buffer != null; buffer = in.current()) {
            if (algorithm == Algorithm.GZIP ? gzipTrailer.read(buffer) : zlibTrailer.read(buffer)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks the complete trailer against the member's data.
     *
     * @param checksum CRC-32 (gzip) or Adler-32 (zlib) of the member's output
     * @param output bytes the member decompressed to (gzip's ISIZE, modulo 2^32)
     * @throws io.warpdrive.comp.WdException CHECKSUM_MISMATCH
     */
    public void verifyTrailer(int checksum, long output) {
        if (algorithm == Algorithm.GZIP) {
            gzipTrailer.verify(checksum, output);
        } else {
            zlibTrailer.verify(checksum);
        }
    }

    /** @throws io.warpdrive.comp.WdException TRUNCATED_INPUT when the input ended inside the trailer */
    public void checkTrailerComplete() {
        if (algorithm == Algorithm.GZIP) {
            gzipTrailer.checkComplete();
        } else {
            zlibTrailer.checkComplete();
        }
    }

    /** The current member has ended (its trailer checked, or by the device). */
    public void memberEnded() {
        membersEnded++;
    }

    /** Members (streams) that have ended since {@link #start}. */
    public long membersEnded() {
        return membersEnded;
    }

    /** After a gzip member: true when the input continues with the magic of another member. */
    public boolean nextMemberFollows(FramedInput in) {
        return algorithm == Algorithm.GZIP && in.peek(0) == GzipFormat.ID1 && in.peek(1) == GzipFormat.ID2;
    }

    /**
     * After a member that no other follows in {@code in}: true when the stream ended at the
     * end of the input consumed. What follows is left in the input. The one doubt is a gzip
     * input that ends with a single 0x1f when more input may come: the start of another
     * member or a byte of trailing data, which only more input can tell (false).
     */
    public boolean endsHere(FramedInput in, boolean lastInput) {
        return algorithm != Algorithm.GZIP || lastInput || in.peek(0) != GzipFormat.ID1 || in.peek(1) >= 0;
    }

    /** "gzip member 2" or "zlib stream", for messages ("stream" before {@link #start}). */
    public String where() {
        if (algorithm == null) {
            return "stream";
        }
        return algorithm == Algorithm.GZIP ? "gzip member " + (membersEnded + 1) : algorithm.uadkName() + " stream";
    }
}
