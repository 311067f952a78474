package io.warpdrive.lib.format;

import java.nio.ByteBuffer;

/**
 * Incremental parser of the two-byte zlib header (RFC 1950 §2.2). Like
 * {@link GzipHeaderParser} it may be fed a byte at a time, consumes exactly the header
 * and checks everything a decoder must: deflate method, a window of at most 32 KiB, the
 * FCHECK multiple of 31. Preset dictionaries are refused as UNSUPPORTED: the platform
 * has no way to pass one, and decoding without it would only produce garbage.
 *
 * <p>Not thread-safe; one per worker or stream, reused with {@link #reset()}.
 */
public final class ZlibHeaderParser {
    private int length;
    private int cmf;
    private int flg;

    /**
     * Consumes up to the header's missing bytes from {@code src}.
     *
     * @return true once both header bytes have been parsed
     * @throws io.warpdrive.comp.WdException CORRUPT_INPUT for a method other than deflate,
     *         a window above 32 KiB or a bad FCHECK; UNSUPPORTED when FDICT is set
     */
    public boolean parse(ByteBuffer src) {
        while (length < ZlibFormat.HEADER_LENGTH && src.hasRemaining()) {
            int b = src.get() & 0xff;
            if (length == 0) {
                checkCmf(b);
                cmf = b;
            } else {
                checkFlg(b);
                flg = b;
            }
            length++;
        }
        return isComplete();
    }

    private static void checkCmf(int b) {
        int method = b & 0x0f;
        if (method != ZlibFormat.CM_DEFLATE) {
            throw Failures.corrupt("not zlib: compression method " + method + " in CMF " + Failures.hex8(b)
                    + " at byte 0 is not deflate (" + ZlibFormat.CM_DEFLATE + ")");
        }
        int cinfo = b >>> 4;
        if (cinfo > ZlibFormat.MAX_CINFO) {
            throw Failures.corrupt("not zlib: window CINFO " + cinfo + " in CMF " + Failures.hex8(b)
                    + " at byte 0 exceeds " + ZlibFormat.MAX_CINFO + " (32 KiB)");
        }
    }

    private void checkFlg(int b) {
        if ((cmf << 8 | b) % 31 != 0) {
            throw Failures.corrupt("not zlib: header check failed, CMF " + Failures.hex8(cmf) + " FLG "
                    + Failures.hex8(b) + " is not a multiple of 31");
        }
        if ((b & ZlibFormat.FDICT) != 0) {
            throw Failures.unsupported("zlib stream needs a preset dictionary (FDICT set in FLG "
                    + Failures.hex8(b) + "), which is not supported");
        }
    }

    public boolean isComplete() {
        return length == ZlibFormat.HEADER_LENGTH;
    }

    /**
     * Call when the input has ended.
     *
     * @throws io.warpdrive.comp.WdException TRUNCATED_INPUT when the header is incomplete
     */
    public void checkComplete() {
        if (!isComplete()) {
            throw Failures.truncated("zlib header truncated: " + length + " of " + ZlibFormat.HEADER_LENGTH
                    + " bytes");
        }
    }

    /** The CMF byte (method and window). */
    public int cmf() {
        requireComplete();
        return cmf;
    }

    /** The FLG byte (FCHECK, FDICT, FLEVEL). */
    public int flg() {
        requireComplete();
        return flg;
    }

    /** The window size the stream announces, in bytes. */
    public int windowBytes() {
        return ZlibFormat.windowBytes(cmf() >>> 4);
    }

    /** FLEVEL, the compressor's hint: 0 fastest .. 3 maximum compression. */
    public int flevel() {
        return flg() >>> 6;
    }

    public void reset() {
        length = 0;
        cmf = 0;
        flg = 0;
    }

    private void requireComplete() {
        if (!isComplete()) {
            throw Failures.incomplete("the zlib header");
        }
    }
}
