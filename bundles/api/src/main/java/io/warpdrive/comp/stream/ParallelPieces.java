package io.warpdrive.comp.stream;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Completion;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.format.GzipFormat;
import io.warpdrive.lib.format.MemberFraming;
import io.warpdrive.lib.format.ZlibFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;

/**
 * One stream compressed a piece at a time on several engines at once (see
 * {@link ParallelCompression}), in one of two ways:
 * <ul>
 * <li>gzip, zlib, raw deflate: each piece is a raw deflate stream of its own on the platform,
 * primed with the 32 KiB written before it and ended with a sync flush (the last one with
 * the final block), so the pieces' deflate data, laid end to end, is one deflate stream;
 * this class writes the format's header before it and the trailer, with the checksum
 * combined from the pieces', after it.
 * <li>zstd, LZ4: each piece is a whole frame, without a dictionary (a frame primed with one
 * could only be read by a decoder given the same dictionary), and the frames laid end to
 * end are the stream: both formats define a stream as a sequence of frames, which every
 * decoder reads as the concatenation of their contents (as pzstd writes).
 * </ul>
 *
 * <p>The pieces live in a ring of {@link ParallelCompression#piecesInFlight()} slots: the
 * writer fills the slot after the newest, submits it, and when the ring is full writes out
 * the oldest first (waiting for it: the back-pressure). Output leaves in the order the input
 * came. A piece whose request failed is served once more, on whichever engine the platform
 * picks then; if that fails too the stream fails, and nothing after the last good piece is
 * written. One thread at a time, as the stream it serves.
 */
final class ParallelPieces {
    /** The history deflate may refer back into: a piece's dictionary is the 32 KiB before it. */
    private static final int HISTORY = 32 * 1024;
    /** Bound on one park while waiting for a piece: the wait also drives caller-polled completions. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Compressor compressor;
    private final SessionSpec spec;
    private final SessionSpec pieceSpec;
    /** The pieces are stitched into one deflate stream (else each piece is a frame of its own). */
    private final boolean stitched;
    private final OutputStream out;
    private final Piece[] ring;
    private final int pieceSize;
    /** The last bytes given, up to 32 KiB: the next piece's dictionary. */
    private final byte[] history = new byte[HISTORY];
    private int historyLength;
    /** Sequence numbers: the piece being filled, and the oldest not yet written out. */
    private long filling;
    private long writing;
    private boolean headerWritten;
    /** The checksum of everything written out so far (CRC-32 for gzip, Adler-32 for zlib). */
    private int checksum;
    private long totalIn;
    private volatile Thread waiter;

    ParallelPieces(Compressor compressor, SessionSpec spec, ParallelCompression parallel, OutputStream out) {
        Algorithm algorithm = spec.algorithm();
        this.stitched = algorithm.isDeflateFamily(); // the others (zstd, LZ4) are sequences of frames
        this.compressor = compressor;
        this.spec = spec;
        this.pieceSpec = stitched ? spec.withAlgorithm(Algorithm.DEFLATE) : spec;
        this.out = out;
        this.pieceSize = parallel.pieceSize();
        this.checksum = algorithm == Algorithm.ZLIB ? 1 : 0;
        int outputRoom = (int) Math.min(Integer.MAX_VALUE - 64,
                compressor.maxCompressedLength(pieceSpec.algorithm(), pieceSize) + 64);
        ring = new Piece[parallel.piecesInFlight()];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Piece(pieceSize, outputRoom, algorithm);
        }
    }

    /** Takes {@code len} bytes, submitting each piece as it fills (waiting when the ring is full). */
    void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            Piece p = fillable();
            int n = Math.min(len, pieceSize - p.length);
            System.arraycopy(b, off, p.input, p.length, n);
            p.length += n;
            off += n;
            len -= n;
            if (p.length == pieceSize) {
                submit(p, pieceEnd());
            }
        }
    }

    /** Sync flush: everything taken so far is compressed and written out, in order. */
    void flush() throws IOException {
        Piece p = ring[slot(filling)];
        if (p.state == Piece.FILLING && p.length > 0) {
            submit(p, pieceEnd());
        }
        drain();
    }

    /**
     * Ends the stream: the last piece (perhaps empty) with the final block, then the trailer.
     * Frames need no empty last one: one is written only when the stream has no other.
     */
    void finish() throws IOException {
        Piece last = fillable();
        if (stitched || last.length > 0 || filling == 0) {
            submit(last, Flush.FINISH);
        } else {
            last.state = Piece.FREE;
        }
        drain();
    }

    /** How a piece that is not the stream's last ends: a sync flush, or its frame's end. */
    private Flush pieceEnd() {
        return stitched ? Flush.SYNC : Flush.FINISH;
    }

    /**
     * Waits for the pieces still in flight (after a failure, those behind the failed one),
     * whatever their outcome, then releases the pieces' stream sessions: once closed, nothing
     * of the stream runs on any engine.
     */
    void close() {
        for (Piece p : ring) {
            if (p.state == Piece.IN_FLIGHT) {
                await(p);
            }
            if (p.session != null) {
                p.session.close();
            }
        }
    }

    private int slot(long sequence) {
        return (int) (sequence % ring.length);
    }

    /** The piece being filled; when its slot is still in flight, writes out the oldest first. */
    private Piece fillable() throws IOException {
        Piece p = ring[slot(filling)];
        if (p.state == Piece.IN_FLIGHT) {
            writeOut(ring[slot(writing)]); // the ring is full: the oldest is this very slot
        }
        if (p.state == Piece.FREE) {
            p.state = Piece.FILLING;
            p.length = 0;
        }
        return p;
    }

    private void drain() throws IOException {
        while (writing < filling) {
            writeOut(ring[slot(writing)]);
        }
    }

    /** Primes the piece with the history before it, submits it, and checksums it while engines work. */
    private void submit(Piece p, Flush flush) throws IOException {
        p.flush = flush;
        if (stitched) {
            p.dictionaryLength = historyLength;
            System.arraycopy(history, 0, p.dictionary, 0, historyLength);
            remember(p.input, p.length);
        }
        p.state = Piece.IN_FLIGHT;
        filling++;
        send(p);
        if (p.checksum != null) {
            p.checksum.reset();
            p.checksum.update(p.input, 0, p.length);
        }
    }

    /** Keeps the last {@value #HISTORY} bytes given. */
    private void remember(byte[] data, int length) {
        if (length >= HISTORY) {
            System.arraycopy(data, length - HISTORY, history, 0, HISTORY);
            historyLength = HISTORY;
            return;
        }
        int keep = Math.min(historyLength, HISTORY - length);
        System.arraycopy(history, historyLength - keep, history, 0, keep);
        System.arraycopy(data, 0, history, keep, length);
        historyLength = keep + length;
    }

    /** Submits the piece's request on its (fresh) stream; a refusal is the piece's failure. */
    private void send(Piece p) {
        p.done = false;
        p.error = null;
        try {
            StreamSession s = p.freshSession(compressor, pieceSpec);
            p.source = ByteBuffer.wrap(p.input, 0, p.length);
            p.request.source(p.source).destination(p.output.clear()).flush(p.flush);
            s.submit(p.request, p);
        } catch (WdException e) {
            p.error = e;
            p.done = true;
        }
    }

    /** The drivers that served the pieces written so far, in the order they first did. */
    private final Set<String> servedBy = new LinkedHashSet<>();

    /** The drivers that served the pieces written so far, comma-separated; null before the first. */
    String servedBy() {
        return servedBy.isEmpty() ? null : String.join(", ", servedBy);
    }

    /** Waits for the oldest piece, serves it again if it failed, and writes it out. */
    private void writeOut(Piece p) throws IOException {
        await(p);
        if (!p.succeeded()) {
            reserve(p);
        }
        if (!headerWritten) {
            ByteBuffer header = ByteBuffer.allocate(16);
            MemberFraming.writeHeader(header, spec.algorithm(), spec.level(), spec.window());
            out.write(header.array(), 0, header.position());
            headerWritten = true;
        }
        out.write(p.output.array(), 0, p.output.position());
        String driver = p.request.servedBy();
        if (driver != null) {
            servedBy.add(driver); // a name seen before adds nothing (no allocation)
        }
        if (p.checksum != null) {
            int pieceChecksum = (int) p.checksum.getValue();
            checksum = spec.algorithm() == Algorithm.ZLIB
                    ? ChecksumCombination.adler32(checksum, pieceChecksum, p.length)
                    : ChecksumCombination.crc32(checksum, pieceChecksum, p.length);
        }
        totalIn += p.length;
        p.state = Piece.FREE;
        writing++;
        if (stitched && p.flush == Flush.FINISH) {
            writeTrailer();
        }
    }

    private void writeTrailer() throws IOException {
        ByteBuffer trailer = ByteBuffer.allocate(GzipFormat.TRAILER_LENGTH);
        if (spec.algorithm() == Algorithm.GZIP) {
            GzipFormat.writeTrailer(trailer, checksum, totalIn);
        } else if (spec.algorithm() == Algorithm.ZLIB) {
            ZlibFormat.writeTrailer(trailer, checksum);
        }
        out.write(trailer.array(), 0, trailer.position());
    }

    private void await(Piece p) {
        waiter = Thread.currentThread();
        try {
            while (!p.done) {
                compressor.poll(ring.length, 0); // delivers completions when the platform is caller-polled
                if (!p.done) {
                    LockSupport.parkNanos(this, PARK_NANOS);
                }
            }
        } finally {
            waiter = null;
        }
    }

    /**
     * Serves a failed (or short) piece again, synchronously, on a fresh stream wherever the
     * platform now picks, growing the output room when the piece did not fit.
     *
     * @throws IOException when it fails again: the stream cannot be completed
     */
    private void reserve(Piece p) throws IOException {
        try {
            compressAgain(p);
        } catch (WdException e) {
            if (p.error != null) {
                e.addSuppressed(p.error);
            }
            throw IoFailures.of(e);
        }
    }

    private void compressAgain(Piece p) {
        StreamSession s = p.freshSession(compressor, pieceSpec);
        ByteBuffer src = ByteBuffer.wrap(p.input, 0, p.length);
        p.source = src;
        p.output.clear();
        for (;;) {
            if (p.output.remaining() < 1024) {
                p.grow();
            }
            int before = src.position();
            int produced = p.output.position();
            s.execute(p.request.source(src).destination(p.output).flush(p.flush));
            if (p.completes(src)) {
                return;
            }
            if (src.position() == before && p.output.position() == produced) {
                throw new WdException(WdStatus.INTERNAL, "the platform made no progress compressing a piece with "
                        + p.flush + " (served by " + p.request.servedBy() + ")");
            }
        }
    }

    /** One slot of the ring: a piece's input, dictionary, output room, stream and outcome. */
    private final class Piece implements Completion {
        static final int FREE = 0;
        static final int FILLING = 1;
        static final int IN_FLIGHT = 2;

        final byte[] input;
        final byte[] dictionary = new byte[HISTORY];
        /** CRC-32 (gzip) or Adler-32 (zlib) of the piece's input; null for raw deflate. */
        final Checksum checksum;
        ByteBuffer source;
        ByteBuffer output;
        int length;
        int dictionaryLength;
        Flush flush;
        int state = FREE;
        StreamSession session;
        Request request;
        volatile boolean done;
        volatile WdException error;

        Piece(int size, int outputRoom, Algorithm algorithm) {
            input = new byte[size];
            output = ByteBuffer.allocate(outputRoom);
            checksum = algorithm == Algorithm.ZLIB ? new Adler32() : algorithm == Algorithm.GZIP ? new CRC32() : null;
        }

        /** The piece's stream, started afresh and primed with its dictionary. */
        StreamSession freshSession(Compressor c, SessionSpec s) {
            if (session == null) {
                session = c.openStream(Operation.COMPRESS, s);
                request = session.newRequest();
            } else {
                session.reset();
            }
            if (dictionaryLength > 0) {
                session.setDictionary(ByteBuffer.wrap(dictionary, 0, dictionaryLength));
            }
            return session;
        }

        @Override
        public void completed(Request r) {
            error = r.error();
            done = true;
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }

        /** The submitted request took all input and wrote everything out. */
        boolean succeeded() {
            return error == null && completes(source);
        }

        /** All of {@code src} was taken, and the flush finished: the final block written, or a sync flush with room to spare. */
        boolean completes(ByteBuffer src) {
            return !src.hasRemaining() && (flush == Flush.FINISH ? request.endOfStream() : output.hasRemaining());
        }

        void grow() {
            ByteBuffer bigger = ByteBuffer.allocate(output.capacity() * 2);
            bigger.put(output.flip());
            output = bigger;
        }
    }
}
