package io.warpdrive.comp.stream;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Compresses what is written to it through the platform and writes the compressed stream
 * — gzip, zlib or raw deflate — to the underlying stream: {@code GZIPOutputStream} and
 * {@code DeflaterOutputStream} for a consumer bundle, served by whichever accelerator or CPU
 * driver the platform picks.
 *
 * <pre>{@code
 * try (OutputStream out = new CompressorOutputStream(Files.newOutputStream(path), compressor, Algorithm.GZIP)) {
 *     out.write(data);
 * }
 * }</pre>
 *
 * <p>Written bytes are collected in a buffer and compressed a buffer at a time, one request
 * of a {@link StreamSession} each, so that small writes do not each cost a trip to a queue.
 * {@link #flush()} is a sync flush ({@code GZIPOutputStream(out, true)}): everything
 * written so far can be decompressed from what the underlying stream has received.
 * {@link #finish()} ends the compressed stream without closing the underlying one;
 * {@link #close()} finishes, closes the underlying stream and the stream session, and does
 * nothing the second time. The output is the standard format: java.util.zip, gzip and zlib
 * read it.
 *
 * <p>Failures are {@link IOException}s whose cause is the platform's {@link WdException}
 * (its status says what happened, e.g. {@code DRIVER_GONE} when the driver holding the
 * stream went away). After a failure the compressed output is incomplete: every later call
 * fails, and so does {@link #close()}, which still closes everything. Like the JDK's
 * streams, an instance is for one thread at a time.
 *
 * <p>With a {@link ParallelCompression} the stream is compressed in pieces on several
 * engines at once: for gzip, zlib and raw deflate the same standard single-member output, a
 * little larger; for zstd and LZ4 a sequence of frames, one per piece (every decoder reads
 * it as one stream); produced by as many engines as the platform gives it. A piece that fails is served once
 * more wherever the platform picks; when that fails too, the stream fails as above.
 */
public final class CompressorOutputStream extends FilterOutputStream {
    /** Bytes collected before they are compressed, unless the constructor says otherwise. */
    public static final int DEFAULT_BUFFER_SIZE = 64 * 1024;

    /** The serial stream's session and request; null in parallel. */
    private final StreamSession session;
    private final Request request;
    /** The parallel stream; null when serial. */
    private final ParallelPieces pieces;
    private final byte[] oneByte = new byte[1];
    /** Uncompressed bytes written but not yet compressed (filled from position 0). */
    private final ByteBuffer pending;
    /**
     * Room for one request's output. Sized to the compressed bound of a full
     * {@link #pending} buffer, so a buffer usually compresses in one request; heap memory,
     * because it is drained with {@code OutputStream.write(byte[])} (a driver that needs
     * direct memory gets the platform's bounce buffers).
     */
    private final ByteBuffer compressed;
    /** Bytes were written since the last flush: a sync flush has something to do. */
    private boolean unflushed;
    private boolean finished;
    private boolean closed;
    private IOException failure;

    /**
     * Default settings: the algorithm's default level (6 for the deflate family),
     * {@link FallbackPolicy#AUTO}, {@value #DEFAULT_BUFFER_SIZE}-byte buffer.
     */
    public CompressorOutputStream(OutputStream out, Compressor compressor, Algorithm algorithm) throws IOException {
        this(out, compressor, SessionSpec.of(algorithm));
    }

    /**
     * @throws WdException INVALID_ARGUMENT for a level the algorithm does not have (1..9 for the deflate family)
     * @throws IOException when the platform cannot open a stream (it has stopped, say)
     */
    public CompressorOutputStream(OutputStream out, Compressor compressor, Algorithm algorithm, int level,
            FallbackPolicy fallback) throws IOException {
        this(out, compressor, SessionSpec.of(algorithm).withLevel(level).withFallback(fallback));
    }

    public CompressorOutputStream(OutputStream out, Compressor compressor, SessionSpec spec) throws IOException {
        this(out, compressor, spec, DEFAULT_BUFFER_SIZE);
    }

    /**
     * @param bufferSize bytes collected before they are compressed
     * @throws IllegalArgumentException when {@code bufferSize} is not positive
     * @throws IOException when the platform cannot open a stream (it has stopped, say)
     */
    public CompressorOutputStream(OutputStream out, Compressor compressor, SessionSpec spec, int bufferSize)
            throws IOException {
        super(Objects.requireNonNull(out, "out"));
        Objects.requireNonNull(compressor, "compressor");
        Objects.requireNonNull(spec, "spec");
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("buffer size " + bufferSize + " <= 0");
        }
        pieces = null;
        try {
            long bound = compressor.maxCompressedLength(spec.algorithm(), bufferSize);
            compressed = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 64, bound));
            pending = ByteBuffer.allocate(bufferSize);
            session = compressor.openStream(Operation.COMPRESS, spec);
            request = session.newRequest();
        } catch (WdException e) {
            throw IoFailures.of(e);
        }
    }

    /**
     * Compresses in pieces on several engines at once (see {@link ParallelCompression});
     * the pieces are the buffer. Since 1.2 also for zstd and LZ4 (a frame per piece).
     */
    public CompressorOutputStream(OutputStream out, Compressor compressor, SessionSpec spec,
            ParallelCompression parallel) {
        super(Objects.requireNonNull(out, "out"));
        Objects.requireNonNull(compressor, "compressor");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(parallel, "parallel");
        pieces = new ParallelPieces(compressor, spec, parallel, out);
        session = null;
        request = null;
        pending = null;
        compressed = null;
    }

    @Override
    public void write(int b) throws IOException {
        if (pieces != null) {
            oneByte[0] = (byte) b;
            write(oneByte, 0, 1);
            return;
        }
        checkWritable();
        pending.put((byte) b);
        unflushed = true;
        if (!pending.hasRemaining()) {
            compressPending(Flush.NONE);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkWritable();
        if (len == 0) {
            return;
        }
        unflushed = true;
        if (pieces != null) {
            try {
                pieces.write(b, off, len);
            } catch (IOException e) {
                throw fail(e);
            }
            return;
        }
        while (len > 0) {
            int n = Math.min(len, pending.remaining());
            pending.put(b, off, n);
            off += n;
            len -= n;
            if (!pending.hasRemaining()) {
                compressPending(Flush.NONE);
            }
        }
    }

    /**
     * Sync flush: compresses everything written so far, hands it to the underlying stream
     * and flushes that. Costs a request only when something was written since the last
     * flush; after {@link #finish()} it only flushes the underlying stream.
     */
    @Override
    public void flush() throws IOException {
        checkUsable();
        if (!finished && unflushed) {
            compressPending(Flush.SYNC);
            unflushed = false;
        }
        out.flush();
    }

    /**
     * Ends the compressed stream (for gzip: writes its trailer) without closing the
     * underlying stream, which may then take more data, as
     * {@code DeflaterOutputStream.finish()} does. Nothing happens the second time;
     * writing afterwards fails.
     */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        checkUsable();
        compressPending(Flush.FINISH);
        finished = true;
    }

    /**
     * Finishes the compressed stream, closes the underlying stream and releases the stream
     * session; the underlying stream and the session are closed also when finishing fails.
     * Nothing happens the second time.
     *
     * @throws IOException when finishing or closing failed, or an earlier failure left the
     *         compressed output incomplete
     */
    /**
     * The driver that served this stream, or for a parallel stream the drivers that served its
     * pieces, comma-separated in the order they first did; null before any output.
     *
     * @since 1.1
     */
    public String servedBy() {
        return pieces != null ? pieces.servedBy() : request.servedBy();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException error = failure == null ? null
                : new IOException("the compressed output is incomplete: " + failure.getMessage(), failure);
        try {
            if (error == null && !finished) {
                compressPending(Flush.FINISH);
                finished = true;
            }
        } catch (IOException e) {
            error = e;
        } finally {
            if (pieces != null) {
                pieces.close();
            } else {
                session.close();
            }
        }
        try {
            out.close();
        } catch (IOException e) {
            if (error == null) {
                error = e;
            } else {
                error.addSuppressed(e);
            }
        }
        if (error != null) {
            throw error;
        }
    }

    private void checkUsable() throws IOException {
        if (closed) {
            throw new IOException("the compressing stream is closed");
        }
        if (failure != null) {
            throw IoFailures.after(failure);
        }
    }

    private void checkWritable() throws IOException {
        checkUsable();
        if (finished) {
            throw new IOException("write beyond the end of the compressed stream: it is finished");
        }
    }

    /**
     * Compresses the pending bytes with {@code flush} and writes the result out, repeating
     * while the platform leaves work for another request: input not consumed because the
     * output room filled up, a sync flush that filled the room (it may have more to emit),
     * a finish whose end has not been written yet.
     */
    private void compressPending(Flush flush) throws IOException {
        if (pieces != null) {
            try {
                if (flush == Flush.FINISH) {
                    pieces.finish();
                } else {
                    pieces.flush();
                }
            } catch (IOException e) {
                throw fail(e);
            }
            return;
        }
        pending.flip();
        try {
            boolean done;
            do {
                int before = pending.position();
                compressed.clear();
                session.execute(request.source(pending).destination(compressed).flush(flush));
                out.write(compressed.array(), 0, compressed.position());
                done = flush == Flush.FINISH ? request.endOfStream()
                        : !pending.hasRemaining() && (flush == Flush.NONE || compressed.hasRemaining());
                if (!done && pending.position() == before && compressed.position() == 0) {
                    throw new IOException("the platform made no progress compressing with " + flush + " (served by "
                            + request.servedBy() + ")");
                }
            } while (!done);
            pending.clear();
        } catch (WdException e) {
            throw fail(IoFailures.of(e));
        } catch (IOException e) {
            throw fail(e);
        }
    }

    private IOException fail(IOException e) {
        failure = e;
        return e;
    }
}
