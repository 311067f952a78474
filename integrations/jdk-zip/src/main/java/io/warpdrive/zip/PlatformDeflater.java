package io.warpdrive.zip;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.zip.Adler32;
import java.util.zip.Deflater;

/**
 * A {@link Deflater} whose compression the platform serves: for code that takes a
 * {@code Deflater} ({@code new DeflaterOutputStream(out, deflater)}, libraries), the accelerator
 * or CPU driver the platform picks does the work. The output is a standard zlib stream (raw
 * deflate with {@code nowrap}); any inflater reads it. It need not be byte for byte what the
 * JDK's class writes; what it decompresses to, and the states the methods report, are the same.
 *
 * <pre>{@code
 * // compressor: this bundle's Compressor service
 * Deflater deflater = new PlatformDeflater(compressor, 6);
 * try (OutputStream out = new DeflaterOutputStream(sink, deflater)) {
 *     out.write(data);
 * } finally {
 *     deflater.end();
 * }
 * }</pre>
 *
 * <p>Where it differs from the JDK's class, because the platform's streams do not offer it:
 * <ul>
 * <li>Level 0 ({@link #NO_COMPRESSION}) compresses at level 1, the platform's lowest;
 *     {@link #DEFAULT_COMPRESSION} is level 6, as in zlib.</li>
 * <li>{@link #setLevel} and {@link #setStrategy} apply at once while nothing has been handed to
 *     the platform in this stream (a stream's settings are fixed once it starts), otherwise from
 *     the next stream ({@link #reset()}); the JDK applies them from the next block.</li>
 * <li>{@link #FILTERED} compresses as {@link #DEFAULT_STRATEGY} (it is a hint; the output stays
 *     valid); {@link #HUFFMAN_ONLY} is refused with {@link WdException} UNSUPPORTED.</li>
 * <li>{@link #setDictionary} is refused with {@link WdException} UNSUPPORTED: the platform has
 *     no preset dictionaries.</li>
 * <li>A sync or full flush with nothing written since the previous one emits nothing (zlib may
 *     emit an empty block).</li>
 * <li>A failure of the platform (the driver went away, say) is thrown as the platform's
 *     {@link WdException}, whose status says what happened; the stream is then unusable until
 *     {@link #reset()}.</li>
 * </ul>
 *
 * <p>Input is collected in a buffer and compressed a buffer at a time, so small
 * {@code setInput}/{@code deflate} pairs do not each cost a request; input at least a buffer
 * long goes to the platform without that copy. Call {@link #end()} when done: it releases the
 * platform's stream (a deflater that becomes unreachable releases it too, later). Like the
 * JDK's class, an instance is for one thread at a time.
 */
public class PlatformDeflater extends Deflater {
    /** Uncompressed bytes collected before a request, unless the constructor says otherwise. */
    public static final int DEFAULT_BUFFER_SIZE = 64 * 1024;

    private final ZipAdapter adapter;
    /** Adler-32 of the input taken; null for raw deflate, whose getAdler() stays 1 as in zlib. */
    private final Adler32 adler;
    /** Input collected for the next request, filled from position 0. */
    private final ByteBuffer staged;
    /** Compressed output not yet handed to the caller: between position and limit. */
    private final ByteBuffer compressed;
    private ByteBuffer input;
    /** The flush mode of a request that must be repeated until done, or null. */
    private Flush owed;
    /** Where the owed request takes its input: the staging buffer, or the caller's input. */
    private ByteBuffer owedSource;
    private boolean finishRequested;
    private boolean streamEnded;
    /** Input was taken since the stream started or the last sync or full flush. */
    private boolean unflushed;

    /** A zlib deflater at the default level. */
    public PlatformDeflater(Compressor compressor) {
        this(compressor, DEFAULT_COMPRESSION, false);
    }

    /** A zlib deflater at {@code level} (-1 or 0..9). */
    public PlatformDeflater(Compressor compressor, int level) {
        this(compressor, level, false);
    }

    /**
     * @param level -1 ({@link #DEFAULT_COMPRESSION}) or 0..9
     * @param nowrap raw deflate (no zlib header and trailer), as for the JDK's class
     * @throws IllegalArgumentException for a level outside -1..9
     */
    public PlatformDeflater(Compressor compressor, int level, boolean nowrap) {
        this(compressor, SessionSpec.of(nowrap ? Algorithm.DEFLATE : Algorithm.ZLIB)
                .withLevel(platformLevel(level)), DEFAULT_BUFFER_SIZE);
    }

    /**
     * A deflater with every platform setting of {@code spec} (level, fallback policy, driver,
     * priority, ...).
     *
     * @param spec algorithm {@link Algorithm#ZLIB}, or {@link Algorithm#DEFLATE} for raw deflate
     * @param bufferSize uncompressed bytes collected before a request
     * @throws IllegalArgumentException for gzip (a {@code Deflater} writes zlib or raw deflate;
     *         {@code CompressorOutputStream} writes gzip) or a buffer size below 1
     */
    public PlatformDeflater(Compressor compressor, SessionSpec spec, int bufferSize) {
        super(DEFAULT_COMPRESSION, spec.algorithm() == Algorithm.DEFLATE);
        // The JDK's own zlib state is never used: release it now rather than when collected.
        super.end();
        this.adapter = new ZipAdapter(this, "Deflater", compressor, Operation.COMPRESS, spec, bufferSize,
                "a Deflater writes zlib or raw deflate, not gzip (CompressorOutputStream writes gzip)");
        this.adler = spec.algorithm() == Algorithm.DEFLATE ? null : new Adler32();
        this.staged = ByteBuffer.allocate(bufferSize);
        long bound = compressor.maxCompressedLength(spec.algorithm(), bufferSize);
        this.compressed = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 64, bound)).limit(0);
    }

    /** The platform's level for a JDK level: -1 is 6, 0 is 1 (the platform always compresses). */
    private static int platformLevel(int level) {
        if (level == DEFAULT_COMPRESSION) {
            return SessionSpec.DEFAULT_LEVEL;
        }
        if (level < NO_COMPRESSION || level > BEST_COMPRESSION) {
            throw new IllegalArgumentException("invalid compression level " + level);
        }
        return Math.max(SessionSpec.MIN_LEVEL, level);
    }

    @Override
    public void setInput(byte[] input, int off, int len) {
        setInput(adapter.inputWindow.of(input, off, len));
    }

    @Override
    public void setInput(byte[] input) {
        setInput(input, 0, input.length);
    }

    /** As the JDK's: the buffer's position advances as its bytes are taken. */
    @Override
    public void setInput(ByteBuffer input) {
        Objects.requireNonNull(input, "input");
        adapter.ensureOpen();
        if (owedSource == this.input && owed == Flush.NONE) {
            // The rest of the old input is dropped, as the JDK drops it; what it took is in the stream.
            owed = null;
            owedSource = null;
        }
        this.input = input;
    }

    /** @throws WdException UNSUPPORTED always: the platform has no preset dictionaries */
    @Override
    public void setDictionary(byte[] dictionary, int off, int len) {
        throw adapter.noDictionaries();
    }

    /** @throws WdException UNSUPPORTED always */
    @Override
    public void setDictionary(byte[] dictionary) {
        throw adapter.noDictionaries();
    }

    /** @throws WdException UNSUPPORTED always */
    @Override
    public void setDictionary(ByteBuffer dictionary) {
        throw adapter.noDictionaries();
    }

    /**
     * {@link #DEFAULT_STRATEGY}, or {@link #FILTERED} (compressed as the default).
     *
     * @throws WdException UNSUPPORTED for {@link #HUFFMAN_ONLY}
     * @throws IllegalArgumentException for an unknown strategy
     */
    @Override
    public void setStrategy(int strategy) {
        switch (strategy) {
        case DEFAULT_STRATEGY:
        case FILTERED:
            break;
        case HUFFMAN_ONLY:
            throw new WdException(WdStatus.UNSUPPORTED, "the platform has no Huffman-only strategy");
        default:
            throw new IllegalArgumentException("invalid strategy " + strategy);
        }
        adapter.ensureOpen();
    }

    /**
     * Applies now when nothing of this stream has reached the platform yet, else from the next
     * stream (see the class description).
     *
     * @throws IllegalArgumentException for a level outside -1..9
     */
    @Override
    public void setLevel(int level) {
        int platformLevel = platformLevel(level);
        adapter.ensureOpen();
        adapter.stream.respec(adapter.stream.spec().withLevel(platformLevel));
    }

    @Override
    public boolean needsInput() {
        adapter.ensureOpen();
        return input == null || !input.hasRemaining();
    }

    @Override
    public void finish() {
        adapter.ensureOpen();
        finishRequested = true;
    }

    @Override
    public boolean finished() {
        adapter.ensureOpen();
        return streamEnded && !compressed.hasRemaining();
    }

    @Override
    public int deflate(byte[] output, int off, int len) {
        return deflate(output, off, len, NO_FLUSH);
    }

    @Override
    public int deflate(byte[] output) {
        return deflate(output, 0, output.length, NO_FLUSH);
    }

    @Override
    public int deflate(ByteBuffer output) {
        return deflate(output, NO_FLUSH);
    }

    @Override
    public int deflate(byte[] output, int off, int len, int flush) {
        return deflate(adapter.outputWindow.of(output, off, len), flush);
    }

    /**
     * As the JDK's: takes input, compresses it when a buffer is full or {@code flush} or
     * {@link #finish()} asks, and fills {@code output} with what is compressed. A sync or full
     * flush is complete when the call returns less than the room it was given.
     *
     * @throws IllegalArgumentException for an unknown flush mode
     * @throws WdException when the platform fails the stream
     */
    @Override
    public int deflate(ByteBuffer output, int flush) {
        Flush mode = flushMode(flush);
        adapter.ensureOpen();
        int start = output.position();
        while (true) {
            drainInto(output);
            if (!output.hasRemaining()) {
                break;
            }
            if (owed != null) {
                step();
                continue;
            }
            if (streamEnded) {
                break;
            }
            if (input != null && input.hasRemaining()) {
                if (staged.position() == 0 && input.remaining() >= staged.capacity()) {
                    begin(Flush.NONE, input);
                    continue;
                }
                stage();
                if (!staged.hasRemaining()) {
                    begin(Flush.NONE, staged);
                    continue;
                }
            }
            if (finishRequested) {
                begin(Flush.FINISH, staged);
            } else if (mode != Flush.NONE && unflushed) {
                begin(mode, staged);
                unflushed = false;
            } else {
                break;
            }
        }
        return output.position() - start;
    }

    private static Flush flushMode(int flush) {
        switch (flush) {
        case NO_FLUSH:
            return Flush.NONE;
        case SYNC_FLUSH:
            return Flush.SYNC;
        case FULL_FLUSH:
            return Flush.FULL;
        default:
            throw new IllegalArgumentException("invalid flush mode " + flush);
        }
    }

    private void drainInto(ByteBuffer output) {
        int n = Math.min(output.remaining(), compressed.remaining());
        if (n == 0) {
            return;
        }
        int limit = compressed.limit();
        compressed.limit(compressed.position() + n);
        output.put(compressed);
        compressed.limit(limit);
        adapter.bytesWritten += n;
    }

    /** Copies as much input as fits into the staging buffer. */
    private void stage() {
        int n = Math.min(input.remaining(), staged.remaining());
        int from = input.position();
        int limit = input.limit();
        input.limit(from + n);
        staged.put(input);
        input.limit(limit);
        took(from, n);
    }

    /** Accounts for {@code n} bytes of the caller's input taken from {@code from} on. */
    private void took(int from, int n) {
        if (n == 0) {
            return;
        }
        adapter.bytesRead += n;
        unflushed = true;
        if (adler != null) {
            int position = input.position();
            int limit = input.limit();
            input.limit(from + n).position(from);
            adler.update(input);
            input.limit(limit).position(position);
        }
    }

    private void begin(Flush flush, ByteBuffer source) {
        if (source == staged) {
            staged.flip();
        }
        owed = flush;
        owedSource = source;
    }

    /**
     * One request of the owed flush mode into the emptied output buffer; done when it took all
     * its input and, for a flush, did not fill the buffer (it may have more to emit), or for a
     * finish, wrote the end of the stream.
     */
    private void step() {
        ByteBuffer source = owedSource;
        int before = source.position();
        compressed.clear();
        Request request;
        try {
            request = adapter.stream.execute(source, compressed, owed);
        } finally {
            compressed.flip();
        }
        if (source == input) {
            took(before, input.position() - before);
        }
        boolean done = owed == Flush.FINISH ? request.endOfStream()
                : !source.hasRemaining() && (owed == Flush.NONE || compressed.limit() < compressed.capacity());
        if (!done && source.position() == before && !compressed.hasRemaining()) {
            throw new WdException(WdStatus.INTERNAL, "the platform made no progress compressing with " + owed
                    + " (served by " + request.servedBy() + ")");
        }
        if (done) {
            if (owed == Flush.FINISH) {
                streamEnded = true;
            }
            if (source == staged) {
                staged.clear();
            }
            owed = null;
            owedSource = null;
        }
    }

    /** Adler-32 of the input taken (zlib); 1 for raw deflate, as zlib reports it. */
    @Override
    public int getAdler() {
        adapter.ensureOpen();
        return adler == null ? 1 : (int) adler.getValue();
    }

    @Override
    public int getTotalIn() {
        return (int) getBytesRead();
    }

    @Override
    public long getBytesRead() {
        return adapter.bytesRead();
    }

    @Override
    public int getTotalOut() {
        return (int) getBytesWritten();
    }

    @Override
    public long getBytesWritten() {
        return adapter.bytesWritten();
    }

    /** Starts a new stream, keeping the settings (a level set during the last stream applies now). */
    @Override
    public void reset() {
        adapter.reset();
        staged.clear();
        compressed.clear().limit(0);
        input = null;
        owed = null;
        owedSource = null;
        finishRequested = false;
        streamEnded = false;
        unflushed = false;
        if (adler != null) {
            adler.reset();
        }
    }

    /** Releases the platform's stream; later calls fail as the JDK's do. Nothing happens the second time. */
    @Override
    public void end() {
        if (adapter.end()) {
            input = null;
            owedSource = null;
        }
    }
}
