package io.warpdrive.core.engine.stream;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.lib.format.GzipFormat;
import io.warpdrive.lib.format.GzipHeaderParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Compress-and-verify for one sampled deflate-family compression stream on one engine: the
 * stream's own inflate state, fed each request's output as the engine produced it, before it
 * is delivered. Every request of such a stream ends at a flush point (a sync flush, or the end),
 * so the output of request N inflates to exactly the input of request N: the inflated bytes are
 * compared with the input byte for byte (a comparison costs less than checksumming both sides,
 * and proves equality where a checksum only makes it likely). At the end of the stream the
 * format's trailer is checked: zlib's Adler-32 by the inflater itself, gzip's CRC-32 and ISIZE
 * against a running CRC-32 of the verified content.
 *
 * <p>A stream that moved continues as raw deflate primed with its last 32 KiB of input, so its
 * verifier is a raw inflater with that window as its dictionary; the trailer after a move is the
 * platform's own and not checked here. A request whose output did not end at a flush point (its
 * output space too small and more than the platform holds: the rest stays inside the engine)
 * inflates to a prefix of its input only: that prefix is checked, and the stream is verified no
 * further ({@link #gaveUp()}).
 *
 * <p>The inflater's native memory is released by {@link #end()}, which the stream calls when it
 * closes, resets, moves or breaks. One request of a stream at a time: the stream's request
 * discipline is this object's lock. Allocates nothing per request once its buffer exists.
 */
final class StreamVerifier {
    private static final int CHUNK = 32 << 10;

    private final Inflater inflater;
    /** Parses the engine's gzip header before the deflate data; null unless the engine writes gzip. */
    private final GzipHeaderParser gzipHeader;
    private boolean headerDone;
    /** CRC-32 and length of the verified content (gzip's trailer). */
    private final CRC32 crc = new CRC32();
    private long length;
    /** A zlib stream's preset dictionary (asked for by FDICT), or null. */
    private final byte[] zlibDictionary;
    private final byte[] chunk = new byte[CHUNK];
    private final ByteBuffer chunkView = ByteBuffer.wrap(chunk);
    private final byte[] trailer = new byte[GzipFormat.TRAILER_LENGTH];
    private int trailerBytes;
    /** Positions of each list's segments at the end of the job. */
    private int[] ends = new int[4];
    private int[] inputEnds = new int[4];
    /** Where the next inflated byte is compared: input segment and its position. */
    private int inSegment;
    private boolean ended;
    private boolean gaveUp;

    /**
     * @param algorithm what the engine writes: GZIP, ZLIB or DEFLATE (a moved stream: DEFLATE)
     * @param dictionary the history the engine's stream starts with (a moved stream's last window,
     *        a preset dictionary), or null
     */
    StreamVerifier(Algorithm algorithm, byte[] dictionary) {
        boolean zlib = algorithm == Algorithm.ZLIB;
        this.inflater = new Inflater(!zlib);
        this.gzipHeader = algorithm == Algorithm.GZIP ? new GzipHeaderParser() : null;
        this.zlibDictionary = zlib ? dictionary : null;
        if (!zlib && dictionary != null && dictionary.length > 0) {
            inflater.setDictionary(dictionary);
        }
    }

    /** A copy of the bytes between the buffer's position and limit (a preset dictionary). */
    static byte[] bytesOf(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(b.position(), a);
        return a;
    }

    /**
     * Checks one request's output. Both lists are positioned after the bytes the job consumed and
     * produced, from their marked positions, and are left so.
     *
     * @param atFlushPoint the engine stopped at a flush point (all input taken, output room left)
     * @return null when the output inflates to the input, else what is wrong with it
     */
    String mismatch(SgList input, long consumed, SgList output, boolean atFlushPoint, boolean endOfStream) {
        int outCount = markEnds(output, false);
        int inCount = markEnds(input, true);
        inSegment = 0;
        long inflated = 0;
        String wrong = null;
        try {
            for (int i = 0; i < outCount && wrong == null; i++) {
                ByteBuffer b = output.get(i);
                int limit = b.limit();
                b.limit(ends[i]);
                try {
                    if (gzipHeader != null && !headerDone) {
                        headerDone = gzipHeader.parse(b);
                        if (!headerDone) {
                            continue;
                        }
                    }
                    if (inflater.finished()) {
                        wrong = keepTrailer(b);
                        continue;
                    }
                    inflater.setInput(b);
                    long k = inflateAll(input, inCount, consumed - inflated);
                    if (k < 0) {
                        return "it decompresses to other bytes than its input, from byte " + (inflated - k - 1)
                                + " of the request's input";
                    }
                    inflated += k;
                    if (inflated > consumed) {
                        return "it decompresses to more than the " + consumed + " bytes of its input";
                    }
                    if (inflater.finished()) {
                        wrong = keepTrailer(b);
                    }
                } finally {
                    b.limit(limit);
                    b.position(ends[i]);
                }
            }
        } catch (DataFormatException e) {
            return "it does not decompress (" + e.getMessage() + ")";
        } catch (WdException e) {
            return "its gzip header is not valid (" + e.getMessage() + ")";
        } finally {
            for (int i = 0; i < inCount; i++) {
                input.get(i).position(inputEnds[i]);
            }
            for (int i = 0; i < outCount; i++) {
                output.get(i).position(ends[i]);
            }
            inflater.setInput(chunk, 0, 0); // holds no reference to the caller's buffer
        }
        if (wrong != null) {
            return wrong;
        }
        if (!atFlushPoint) {
            gaveUp = true; // the rest of this request's input comes out with the next request's output
            return null;
        }
        if (inflated != consumed) {
            return "it decompresses to " + inflated + " bytes, not the " + consumed + " of its input";
        }
        return endOfStream ? atEnd() : inflater.finished() ? "it ends the stream before its end" : null;
    }

    /**
     * Inflates what the inflater holds, comparing each piece with the input from the current
     * segment on.
     *
     * @return the bytes inflated, or -(offset of the first differing byte + 1)
     */
    private long inflateAll(SgList input, int inCount, long expected) throws DataFormatException {
        long total = 0;
        for (;;) {
            int k = inflater.inflate(chunk);
            if (k == 0) {
                if (inflater.needsDictionary() && zlibDictionary != null) {
                    inflater.setDictionary(zlibDictionary);
                    continue;
                }
                if (inflater.needsDictionary()) {
                    throw new DataFormatException("it asks for a preset dictionary the stream does not have");
                }
                return total;
            }
            if (total + k > expected) {
                return total + k; // more than the input: the caller says so
            }
            int differs = compare(input, inCount, k);
            if (differs >= 0) {
                return -(total + differs + 1);
            }
            if (gzipHeader != null) {
                crc.update(chunk, 0, k);
            }
            length += k;
            total += k;
        }
    }

    /** Compares chunk[0, k) with the next k bytes of input; -1 when equal, else the first differing offset. */
    private int compare(SgList input, int inCount, int k) {
        int off = 0;
        while (off < k) {
            while (inSegment < inCount && input.get(inSegment).position() == inputEnds[inSegment]) {
                inSegment++;
            }
            if (inSegment == inCount) {
                return off; // more output than input
            }
            ByteBuffer in = input.get(inSegment);
            int at = in.position();
            int n = Math.min(inputEnds[inSegment] - at, k - off);
            int limit = in.limit();
            in.limit(at + n);
            chunkView.limit(off + n).position(off);
            int m = in.mismatch(chunkView);
            in.limit(limit);
            if (m >= 0) {
                return off + m;
            }
            in.position(at + n);
            off += n;
        }
        return -1;
    }

    /** Takes what follows the end of the deflate data into the gzip trailer; anything else is wrong. */
    private String keepTrailer(ByteBuffer b) {
        int n = b.remaining();
        if (gzipHeader == null) {
            return n == 0 ? null : n + " bytes follow the end of its data";
        }
        if (trailerBytes + n > trailer.length) {
            return "more than the " + trailer.length + " bytes of the gzip trailer follow its data";
        }
        b.get(trailer, trailerBytes, n);
        trailerBytes += n;
        return null;
    }

    private String atEnd() {
        if (!inflater.finished()) {
            return "the stream's end is not the end of its deflate data";
        }
        if (gzipHeader == null) {
            return null; // zlib's Adler-32 was checked by the inflater; raw deflate has no trailer
        }
        if (trailerBytes != trailer.length) {
            return "its gzip trailer is " + trailerBytes + " bytes long, not " + trailer.length;
        }
        ByteBuffer t = ByteBuffer.wrap(trailer).order(ByteOrder.LITTLE_ENDIAN);
        if ((t.getInt(0) & 0xffff_ffffL) != crc.getValue() || (t.getInt(4) & 0xffff_ffffL) != (length & 0xffff_ffffL)) {
            return "its gzip trailer does not match the stream's content (CRC-32 or ISIZE)";
        }
        return null;
    }

    /** A request's output did not end at a flush point: the stream cannot be verified further. */
    boolean gaveUp() {
        return gaveUp;
    }

    /** Releases the inflater's native memory; the verifier is not used again. */
    void end() {
        if (!ended) {
            ended = true;
            inflater.end();
        }
    }

    boolean ended() {
        return ended;
    }

    /** Remembers each segment's position and puts it back at its mark. */
    private int markEnds(SgList list, boolean isInput) {
        int count = list.size();
        int[] into = isInput ? inputEnds : ends;
        if (into.length < count) {
            into = new int[Math.max(count, 2 * into.length)];
            if (isInput) {
                inputEnds = into;
            } else {
                ends = into;
            }
        }
        for (int i = 0; i < count; i++) {
            into[i] = list.get(i).position();
        }
        list.resetPositions();
        return count;
    }
}
