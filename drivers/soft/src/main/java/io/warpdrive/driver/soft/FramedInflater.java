package io.warpdrive.driver.soft;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.format.DeflateEngine;
import io.warpdrive.lib.format.MemberDecoder;
import io.warpdrive.lib.format.SgInput;
import java.nio.ByteBuffer;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One compressed stream being read: the platform's {@link MemberDecoder} parses and checks
 * the framing (headers, trailers, concatenated gzip members) and a raw {@link Inflater}
 * decodes the deflate data for all three algorithms, as this class's {@link DeflateEngine}.
 * Doing the zlib framing in the decoder too (rather than letting a wrapped Inflater do it)
 * gives every failure its own status instead of a {@link DataFormatException} message to
 * interpret.
 *
 * <p>Both stateless jobs ({@link #decodeAll}) and streams ({@link #process}) run here. The
 * inflater is given, not owned.
 */
final class FramedInflater implements DeflateEngine {
    private final SgInput in = new SgInput();
    private final OutputCursor out;
    private final MemberDecoder decoder = new MemberDecoder(this);
    private final CRC32 crc = new CRC32();
    private final Adler32 adler = new Adler32();
    /** Handed to the inflater between calls so it keeps no reference to a caller's buffer. */
    private final ByteBuffer noInput = ByteBuffer.allocate(0);
    /**
     * Output space of zero bytes: with a full destination the inflater can still reach
     * the end of the data when only an end-of-block code is left, which needs no output.
     */
    private final ByteBuffer noRoom = ByteBuffer.allocate(0);
    /** One byte of scratch output for a probe. */
    private final ByteBuffer probeRoom = ByteBuffer.allocate(1);

    private Inflater inflater;
    /** CRC-32 for gzip, Adler-32 for zlib, none for raw deflate. */
    private Checksum checksum;

    FramedInflater(Checksums checksums) {
        this.out = new OutputCursor(checksums);
    }

    /** Starts reading a new stream with {@code inflater}, which must be raw ({@code nowrap}). */
    void start(Algorithm algorithm, Inflater rawInflater) {
        this.inflater = rawInflater;
        decoder.start(algorithm);
    }

    /** Starts a new stream on the same inflater. */
    void reset() {
        if (inflater != null) {
            decoder.reset();
        }
    }

    /** Resets the lent inflater and lets go of it. */
    void detach() {
        if (inflater != null) {
            inflater.reset();
            inflater = null;
        }
    }

    /**
     * Stateless decompression: {@code src} is all the input there is, and {@code dst}
     * must take all of the output.
     *
     * @throws WdException as {@link MemberDecoder#decodeAll}
     */
    void decodeAll(SgList src, SgList dst, long outputLimit) {
        long room = dst.remaining();
        begin(src, dst, outputLimit);
        try {
            decoder.decodeAll(in, room, outputLimit);
        } finally {
            end();
        }
    }

    /**
     * Decompresses from {@code src} into {@code dst}, advancing both.
     *
     * @param flush FINISH means no more input will come
     * @return as {@link MemberDecoder#decode}
     * @throws WdException as {@link MemberDecoder#decode}
     */
    boolean process(SgList src, SgList dst, Flush flush, long outputLimit) {
        begin(src, dst, outputLimit);
        try {
            return decoder.decode(in, flush == Flush.FINISH, outputLimit);
        } finally {
            end();
        }
    }

    private void begin(SgList src, SgList dst, long outputLimit) {
        in.start(src);
        out.start(dst, outputLimit);
    }

    private void end() {
        inflater.setInput(noInput);
        out.finish();
        in.clear();
    }

    @Override
    public void startMember(Algorithm algorithm) {
        inflater.reset();
        crc.reset();
        adler.reset();
        checksum = algorithm == Algorithm.GZIP ? crc : algorithm == Algorithm.ZLIB ? adler : null;
    }

    @Override
    public Stop inflate(boolean probe) {
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
            ByteBuffer room = probe ? probeRoom.clear() : out.acquire();
            long readBefore = inflater.getBytesRead();
            int written = inflate(room != null ? room : noRoom);
            if (probe && written > 0) {
                return Stop.OUTPUT_FULL;
            }
            if (!probe) {
                out.release(checksum);
            }
            if (written > 0 || inflater.getBytesRead() != readBefore || inflater.finished()) {
                continue;
            }
            if (room == null) {
                return Stop.OUTPUT_FULL;
            }
            if (inflater.needsInput()) {
                return Stop.INPUT_EXHAUSTED;
            }
            // A raw inflater never asks for a dictionary; anything else that stalls is a bug.
            throw new WdException(WdStatus.INTERNAL, "the inflater made no progress");
        }
    }

    /** zlib's reason ("invalid block type", "invalid distance too far back") is kept in the message. */
    private int inflate(ByteBuffer room) {
        try {
            return inflater.inflate(room);
        } catch (DataFormatException e) {
            throw new WdException(WdStatus.CORRUPT_INPUT, e.getMessage() == null ? "invalid data" : e.getMessage(), e);
        }
    }

    @Override
    public boolean limitReached() {
        return out.limitReached();
    }

    @Override
    public int checksum() {
        return checksum == null ? 0 : (int) checksum.getValue();
    }

    @Override
    public long memberOutput() {
        return inflater.getBytesWritten();
    }

    /** True when the last stream (or gzip member) has ended and no other has begun. */
    boolean isEnded() {
        return decoder.isEnded();
    }
}
