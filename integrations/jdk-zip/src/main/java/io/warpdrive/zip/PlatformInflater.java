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
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An {@link Inflater} whose decompression the platform serves: for code that takes an
 * {@code Inflater} ({@code new InflaterInputStream(in, inflater)}, libraries). It reads zlib
 * streams, or raw deflate with {@code nowrap}, and reports what the JDK's class reports:
 * {@link #finished()} at the end of the stream with the bytes after it in
 * {@link #getRemaining()}, {@link #needsInput()}, {@link #needsDictionary()} for a zlib stream
 * that names a preset dictionary (its id in {@link #getAdler()}), the byte counts.
 *
 * <pre>{@code
 * // compressor: this bundle's Compressor service
 * Inflater inflater = new PlatformInflater(compressor);
 * try (InputStream in = new InflaterInputStream(source, inflater)) {
 *     in.transferTo(sink);
 * } finally {
 *     inflater.end();
 * }
 * }</pre>
 *
 * <p>Where it differs from the JDK's class: {@link #setDictionary} is refused with
 * {@link WdException} UNSUPPORTED (the platform has no preset dictionaries; a stream that needs
 * one reports {@link #needsDictionary()} as the JDK's does, and cannot be read further). Corrupt
 * input, a checksum mismatch and a stream that needs a dictionary the header check did not see
 * are {@link DataFormatException}s whose message starts with the platform's status (e.g.
 * {@code CORRUPT_INPUT (10): ...}) and whose cause is the platform's {@link WdException}; any
 * other failure of the platform (the driver went away, say) is thrown as that
 * {@link WdException}. After a failure the stream is unusable until {@link #reset()}.
 *
 * <p>Decompressed bytes are produced a buffer at a time and handed out from there, so reading
 * a byte at a time does not cost a request per byte. Call {@link #end()} when done: it
 * releases the platform's stream (an inflater that becomes unreachable releases it too,
 * later). Like the JDK's class, an instance is for one thread at a time.
 */
public class PlatformInflater extends Inflater {
    /** Decompressed bytes produced by one request, unless the constructor says otherwise. */
    public static final int DEFAULT_BUFFER_SIZE = 64 * 1024;
    /** A zlib header: CMF and FLG, then DICTID when FLG has FDICT (RFC 1950). */
    private static final int HEADER_LENGTH = 2;
    private static final int DICTID_LENGTH = 4;
    private static final int FDICT = 0x20;
    private static final ByteBuffer NO_INPUT = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final ZipAdapter adapter;
    private final boolean nowrap;
    /** Adler-32 of the output handed out (zlib); null for raw deflate, whose getAdler() is 0 as in zlib. */
    private final Adler32 adler;
    /** Decompressed bytes not yet handed to the caller: between position and limit. */
    private final ByteBuffer decompressed;
    private ByteBuffer input;
    private boolean streamEnded;
    /** The last request filled the output buffer: the platform may hold more output without more input. */
    private boolean outputMayFollow;
    /** The zlib header names a preset dictionary: its id, else -1. */
    private long dictionaryId = -1;

    /** Reads zlib streams. */
    public PlatformInflater(Compressor compressor) {
        this(compressor, false);
    }

    /** @param nowrap reads raw deflate (no zlib header and trailer), as for the JDK's class */
    public PlatformInflater(Compressor compressor, boolean nowrap) {
        this(compressor, SessionSpec.of(nowrap ? Algorithm.DEFLATE : Algorithm.ZLIB), DEFAULT_BUFFER_SIZE);
    }

    /**
     * An inflater with every platform setting of {@code spec} (fallback policy, driver, output
     * limit, ...).
     *
     * @param spec algorithm {@link Algorithm#ZLIB}, or {@link Algorithm#DEFLATE} for raw deflate
     * @param bufferSize decompressed bytes one request may produce
     * @throws IllegalArgumentException for gzip (an {@code Inflater} reads zlib or raw deflate;
     *         {@code DecompressorInputStream} reads gzip) or a buffer size below 1
     */
    public PlatformInflater(Compressor compressor, SessionSpec spec, int bufferSize) {
        super(spec.algorithm() == Algorithm.DEFLATE);
        // The JDK's own zlib state is never used: release it now rather than when collected.
        super.end();
        this.adapter = new ZipAdapter(this, "Inflater", compressor, Operation.DECOMPRESS, spec, bufferSize,
                "an Inflater reads zlib or raw deflate, not gzip (DecompressorInputStream reads gzip)");
        this.nowrap = spec.algorithm() == Algorithm.DEFLATE;
        this.adler = nowrap ? null : new Adler32();
        this.decompressed = ByteBuffer.allocate(bufferSize).limit(0);
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

    @Override
    public int getRemaining() {
        adapter.ensureOpen();
        return input == null ? 0 : input.remaining();
    }

    /**
     * True when the input is used up and no decompressed output is waiting: unlike zlib, the
     * platform may have taken all input with output still to come, and a caller that gives
     * input only when this says so must not be asked for more then.
     */
    @Override
    public boolean needsInput() {
        adapter.ensureOpen();
        return (input == null || !input.hasRemaining()) && !decompressed.hasRemaining() && !outputMayFollow;
    }

    @Override
    public boolean needsDictionary() {
        adapter.ensureOpen();
        return dictionaryId >= 0;
    }

    @Override
    public boolean finished() {
        adapter.ensureOpen();
        return streamEnded && !decompressed.hasRemaining();
    }

    @Override
    public int inflate(byte[] output, int off, int len) throws DataFormatException {
        return inflate(adapter.outputWindow.of(output, off, len));
    }

    @Override
    public int inflate(byte[] output) throws DataFormatException {
        return inflate(output, 0, output.length);
    }

    /**
     * As the JDK's: fills {@code output} with decompressed bytes while input lasts; 0 when more
     * input is needed, the stream has ended, or it needs a dictionary.
     *
     * @throws DataFormatException for corrupt input (the message starts with the platform's status)
     * @throws WdException when the platform fails otherwise
     */
    @Override
    public int inflate(ByteBuffer output) throws DataFormatException {
        adapter.ensureOpen();
        int start = output.position();
        while (true) {
            drainInto(output);
            boolean inputLeft = input != null && input.hasRemaining();
            if (!output.hasRemaining() || streamEnded || dictionaryId >= 0 || !inputLeft && !outputMayFollow) {
                break;
            }
            if (!nowrap && !adapter.stream.started() && inputLeft && namesDictionary()) {
                break;
            }
            if (!step()) {
                break;
            }
        }
        return output.position() - start;
    }

    /**
     * Whether the zlib header at the start of the input names a preset dictionary; if so it is
     * taken, and the dictionary's id is what {@link #getAdler()} reports, as with zlib.
     */
    private boolean namesDictionary() {
        if (input.remaining() < HEADER_LENGTH + DICTID_LENGTH) {
            return false;
        }
        int at = input.position();
        int cmf = input.get(at) & 0xff;
        int flg = input.get(at + 1) & 0xff;
        if ((flg & FDICT) == 0 || (cmf << 8 | flg) % 31 != 0) {
            return false;
        }
        dictionaryId = input.getInt(at + HEADER_LENGTH) & 0xffffffffL;
        input.position(at + HEADER_LENGTH + DICTID_LENGTH);
        adapter.bytesRead += HEADER_LENGTH + DICTID_LENGTH;
        return true;
    }

    private void drainInto(ByteBuffer output) {
        int n = Math.min(output.remaining(), decompressed.remaining());
        if (n == 0) {
            return;
        }
        int from = decompressed.position();
        int limit = decompressed.limit();
        decompressed.limit(from + n);
        output.put(decompressed);
        decompressed.limit(limit);
        adapter.bytesWritten += n;
        if (adler != null) {
            adler.update(decompressed.array(), decompressed.arrayOffset() + from, n);
        }
    }

    /** One request into the emptied output buffer; false when it could not make progress. */
    private boolean step() throws DataFormatException {
        ByteBuffer source = input != null ? input : NO_INPUT;
        int before = source.position();
        decompressed.clear();
        Request request;
        try {
            request = adapter.stream.execute(source, decompressed, Flush.NONE);
        } catch (WdException e) {
            throw dataFormat(e);
        } finally {
            decompressed.flip();
        }
        adapter.bytesRead += source.position() - before;
        outputMayFollow = decompressed.limit() == decompressed.capacity();
        if (request.endOfStream()) {
            streamEnded = true;
            outputMayFollow = false;
        }
        return streamEnded || source.position() != before || decompressed.hasRemaining();
    }

    /** A data error as the JDK reports it, with the platform's status first; other failures as they are. */
    private static DataFormatException dataFormat(WdException e) {
        if (!e.status().isDataError() && e.status() != WdStatus.UNSUPPORTED) {
            throw e;
        }
        DataFormatException d = new DataFormatException(e.getMessage());
        d.initCause(e);
        return d;
    }

    /** Adler-32 of the output so far (zlib), the dictionary's id when one is needed; 0 for raw deflate. */
    @Override
    public int getAdler() {
        adapter.ensureOpen();
        if (dictionaryId >= 0) {
            return (int) dictionaryId;
        }
        return adler == null ? 0 : (int) adler.getValue();
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

    @Override
    public void reset() {
        adapter.reset();
        decompressed.clear().limit(0);
        input = null;
        streamEnded = false;
        outputMayFollow = false;
        dictionaryId = -1;
        if (adler != null) {
            adler.reset();
        }
    }

    /** Releases the platform's stream; later calls fail as the JDK's do. Nothing happens the second time. */
    @Override
    public void end() {
        if (adapter.end()) {
            input = null;
        }
    }
}
