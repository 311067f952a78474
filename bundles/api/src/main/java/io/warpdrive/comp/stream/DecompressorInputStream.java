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
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.zip.ZipException;

/**
 * Reads a compressed stream — gzip, zlib, raw deflate, zstd or LZ4 — from the underlying
 * stream and returns it decompressed by the platform: {@code GZIPInputStream} and
 * {@code InflaterInputStream} for a consumer bundle.
 *
 * <pre>{@code
 * try (InputStream in = new DecompressorInputStream(Files.newInputStream(path), compressor, Algorithm.GZIP)) {
 *     in.transferTo(sink);
 * }
 * }</pre>
 *
 * <p>Compressed bytes are read from the underlying stream a buffer at a time and
 * decompressed one request of a {@link StreamSession} each. {@code read} returns -1 at the
 * end of the compressed data. For gzip that is the end of the last member: concatenated
 * members (what {@code cat a.gz b.gz} makes) read as one stream, and data after the last
 * member that is not another member is ignored, as {@code GZIPInputStream} does. A zlib or
 * deflate stream ends with its end; what follows it is not read. In both cases the
 * underlying stream may have been read beyond the end, as with the JDK's streams. Unlike
 * Java 17's {@code GZIPInputStream}, which looks for another member only when
 * {@code available()} says more input is there, this stream reads on to find out (as Java
 * 23's does), so members split across the reads of a pipe are never missed; trailing bytes
 * that start like a gzip member but are not a valid one fail with a {@link ZipException}.
 * zstd and LZ4 data are read the same way to the end of the last frame, however the frames
 * fall across the reads; there bytes after a frame that are not another frame are corrupt
 * data, as the zstd and lz4 tools say.
 *
 * <p>Failures are {@link IOException}s whose cause is the platform's {@link WdException}:
 * input that ends inside the compressed data is an {@link EOFException}, corrupt data or a
 * checksum mismatch a {@link ZipException}, anything else (the driver went away, say) a
 * plain {@link IOException}. After a failure every read fails. {@link #close()} closes the
 * stream session and the underlying stream and does nothing the second time. Marks are
 * not supported. Like the JDK's streams, an instance is for one thread at a time.
 */
public final class DecompressorInputStream extends FilterInputStream {
    /** Compressed bytes read from the underlying stream at a time, unless the constructor says otherwise. */
    public static final int DEFAULT_BUFFER_SIZE = 64 * 1024;
    /**
     * The smallest input buffer: after a gzip member the platform needs two bytes to tell
     * another member from trailing data, and leaves a lone first byte unconsumed until it
     * can see the second, so the buffer must hold more than one byte.
     */
    private static final int MIN_BUFFER_SIZE = 16;
    /** Decompressed room per compressed byte buffered: typical deflate ratios, so one request empties the input. */
    private static final int EXPANSION = 4;

    private final StreamSession session;
    private final Request request;
    private final boolean multiMember;
    /** Compressed bytes read from the underlying stream, not yet consumed (between position and limit). */
    private final ByteBuffer compressed;
    /** Decompressed bytes not yet returned (between position and limit). */
    private final ByteBuffer decompressed;
    /** The underlying stream has returned -1. */
    private boolean inputEnded;
    /** The last request ended a stream (a gzip member); another member may still follow. */
    private boolean atStreamEnd;
    /** The last request made no progress: it needs more compressed bytes than are buffered. */
    private boolean needsInput;
    /** Nothing more will be returned: read gives -1. */
    private boolean ended;
    private boolean closed;
    private IOException failure;

    /** Default settings: {@link FallbackPolicy#AUTO}, {@value #DEFAULT_BUFFER_SIZE}-byte buffer. */
    public DecompressorInputStream(InputStream in, Compressor compressor, Algorithm algorithm) throws IOException {
        this(in, compressor, SessionSpec.of(algorithm));
    }

    public DecompressorInputStream(InputStream in, Compressor compressor, Algorithm algorithm,
            FallbackPolicy fallback) throws IOException {
        this(in, compressor, SessionSpec.of(algorithm).withFallback(fallback));
    }

    public DecompressorInputStream(InputStream in, Compressor compressor, SessionSpec spec) throws IOException {
        this(in, compressor, spec, DEFAULT_BUFFER_SIZE);
    }

    /**
     * @param bufferSize compressed bytes read from the underlying stream at a time (at
     *        least 16 are used)
     * @throws IllegalArgumentException when {@code bufferSize} is not positive
     * @throws IOException when the platform cannot open a stream (it has stopped, say)
     */
    public DecompressorInputStream(InputStream in, Compressor compressor, SessionSpec spec, int bufferSize)
            throws IOException {
        super(Objects.requireNonNull(in, "in"));
        Objects.requireNonNull(compressor, "compressor");
        Objects.requireNonNull(spec, "spec");
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("buffer size " + bufferSize + " <= 0");
        }
        int size = Math.max(MIN_BUFFER_SIZE, bufferSize);
        // A gzip member's, zstd or LZ4 frame's end is not the data's end when another follows.
        Algorithm algorithm = spec.algorithm();
        multiMember = algorithm == Algorithm.GZIP || algorithm == Algorithm.ZSTD || algorithm == Algorithm.LZ4;
        compressed = ByteBuffer.allocate(size).flip();
        decompressed = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 64, (long) EXPANSION * size)).flip();
        try {
            session = compressor.openStream(Operation.DECOMPRESS, spec);
            request = session.newRequest();
        } catch (WdException e) {
            throw IoFailures.of(e);
        }
    }

    @Override
    public int read() throws IOException {
        checkUsable();
        return fill() ? decompressed.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkUsable();
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, decompressed.remaining());
        decompressed.get(b, off, n);
        return n;
    }

    /** Skips decompressed bytes (never compressed ones): decompresses and drops them. */
    @Override
    public long skip(long n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("negative skip length " + n);
        }
        checkUsable();
        long skipped = 0;
        while (skipped < n && fill()) {
            int k = (int) Math.min(n - skipped, decompressed.remaining());
            decompressed.position(decompressed.position() + k);
            skipped += k;
        }
        return skipped;
    }

    /** The decompressed bytes that can be read without another request to the platform. */
    @Override
    public int available() throws IOException {
        checkUsable();
        return decompressed.remaining();
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readlimit) {
        // not supported (markSupported() is false); FilterInputStream would mark the compressed stream
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("mark/reset is not supported by a decompressing stream");
    }

    /** Releases the stream session and closes the underlying stream. Nothing happens the second time. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();
        } finally {
            in.close();
        }
    }

    private void checkUsable() throws IOException {
        if (closed) {
            throw new IOException("the decompressing stream is closed");
        }
        if (failure != null) {
            throw IoFailures.after(failure);
        }
    }

    /** Makes decompressed bytes available; false at the end of the compressed data. */
    private boolean fill() throws IOException {
        try {
            while (!decompressed.hasRemaining()) {
                if (ended) {
                    return false;
                }
                decompressMore();
            }
            return true;
        } catch (WdException e) {
            throw fail(IoFailures.of(e));
        } catch (IOException e) {
            throw fail(e);
        }
    }

    private void decompressMore() throws IOException {
        if (!compressed.hasRemaining() || needsInput) {
            readCompressed();
            if (atStreamEnd && inputEnded && !compressed.hasRemaining()) {
                ended = true; // the last member ended exactly at the end of the input: nothing to ask
                return;
            }
        }
        int before = compressed.position();
        decompressed.clear();
        try {
            session.execute(request.source(compressed).destination(decompressed)
                    .flush(inputEnded ? Flush.FINISH : Flush.NONE));
        } finally {
            decompressed.flip();
        }
        atStreamEnd = request.endOfStream();
        needsInput = compressed.position() == before && !decompressed.hasRemaining() && !atStreamEnd;
        if (atStreamEnd) {
            // zlib and deflate end with their stream. After a gzip member, bytes the platform
            // left unconsumed are not another member: trailing data, ignored. With none left,
            // the next call reads on to see whether another member (zstd, LZ4: frame) follows.
            ended = !multiMember || compressed.hasRemaining() || inputEnded;
        } else if (needsInput && inputEnded) {
            throw new IOException("the platform made no progress decompressing the last " + compressed.remaining()
                    + " bytes (served by " + request.servedBy() + ")");
        }
    }

    /** Moves unconsumed bytes to the front of the buffer and reads more behind them. */
    private void readCompressed() throws IOException {
        if (inputEnded) {
            return;
        }
        compressed.compact();
        try {
            if (!compressed.hasRemaining()) {
                throw new IOException("the platform needs more than " + compressed.capacity()
                        + " compressed bytes at once; use a larger buffer");
            }
            int n = in.read(compressed.array(), compressed.position(), compressed.remaining());
            if (n < 0) {
                inputEnded = true;
            } else {
                compressed.position(compressed.position() + n);
            }
        } finally {
            compressed.flip();
        }
        needsInput = false;
    }

    private IOException fail(IOException e) {
        failure = e;
        return e;
    }
}
