package io.warpdrive.driver.hisi_zip.zip;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.format.BufferInput;
import io.warpdrive.lib.format.GzipFormat;
import io.warpdrive.lib.format.MemberFraming;
import java.nio.ByteBuffer;

/**
 * The state of one stateful hardware stream: the 64 KiB stream context the device keeps
 * its history in (native memory, 64-byte aligned, its address in SQE dw22/23), the
 * checksum and ISIZE carries that travel in dw31/dw30, where the stream is (started,
 * finishing, output pending, ended), and the framing the software does around the device:
 * the zlib or gzip header written before the first block, or parsed (every optional
 * gzip field) before each member is handed to the device, with the platform's
 * {@link MemberFraming}, which every driver's decompression shares (the device checks
 * the trailer itself).
 *
 * <p>Used by one job at a time (a stream's jobs are serialised by the platform; a
 * job slot's scratch context by its job). The native memory is freed by {@link #close()}.
 */
final class StreamContext implements AutoCloseable {
    /** The hardware stream context: 64 KiB (UADK's ctx_buf). */
    static final int SIZE = 64 * 1024;
    private static final int ALIGNMENT = 64;

    /** Where a decompressed stream is: in a header, in the data handed to the device, after its end. */
    enum Phase { HEADER, BODY, ENDED }

    /** Allocated on first use: a slot that only parses headers for stateless requests never needs it. */
    private Memory memory;
    private long address;
    private boolean closed;

    Algorithm algorithm;
    int level;
    WindowSize window;
    /** False until an SQE of the current stream (member) was sent: the next one is stream-new. */
    boolean started;
    int isize;
    int checksum;
    /** The device said more output may be pending: send again, even without input. */
    boolean outputPending;
    /** Compress: FINISH was given with all input; the device must be driven with FINISH to the end. */
    boolean finishing;
    /** Compress: the final block and the trailer are written. */
    boolean ended;
    /** Decompress: the device saw the final block; the trailer may still be coming. */
    boolean inTrailer;
    /** Compress: the software header and how much of it is written (it may straddle jobs). */
    final byte[] header = new byte[GzipFormat.HEADER_LENGTH];
    private final ByteBuffer headerBuffer = ByteBuffer.wrap(header);
    int headerLength;
    int headerWritten;
    /** Decompress. */
    Phase phase = Phase.BODY;
    private final MemberFraming framing = new MemberFraming();
    /** The request's source as the framing reads it. */
    private final BufferInput input = new BufferInput();

    /** The address of the 64 KiB hardware context (allocated, zeroed, on the first call). */
    long address() {
        if (memory == null) {
            if (closed) {
                throw new IllegalStateException("stream context used after close");
            }
            memory = new Memory(SIZE + ALIGNMENT);
            memory.clear();
            address = (Pointer.nativeValue(memory) + ALIGNMENT - 1) & -ALIGNMENT;
        }
        return address;
    }

    /** A new compression stream: the header to write first, fresh carries. */
    void startCompression(Algorithm a, int compressionLevel, WindowSize w) {
        algorithm = a;
        level = compressionLevel;
        window = w;
        resetCarries();
        finishing = false;
        ended = false;
        headerWritten = 0;
        headerLength = writeHeader(a, compressionLevel, w, headerBuffer);
    }

    /**
     * Writes the header compressors write for {@code a} at the start of {@code into} (a buffer
     * over a reused array); returns its length (0 for raw deflate).
     */
    static int writeHeader(Algorithm a, int compressionLevel, WindowSize w, ByteBuffer into) {
        into.clear();
        MemberFraming.writeHeader(into, a, compressionLevel, w);
        return into.position();
    }

    /** A new decompression stream: its first header is parsed in software (raw deflate has none). */
    void startDecompression(Algorithm a) {
        algorithm = a;
        window = WindowSize.W32K;
        framing.start(a);
        startMember();
    }

    /** The next gzip member (or the stream's start): header first, fresh carries, stream-new. */
    void startMember() {
        resetCarries();
        phase = framing.hasFraming() ? Phase.HEADER : Phase.BODY;
        framing.startMember();
    }

    /** The device ended the current stream (member); it freed its own state, so the next SQE is stream-new. */
    void memberEnded() {
        framing.memberEnded();
        phase = Phase.ENDED;
        started = false;
        outputPending = false;
        inTrailer = false;
    }

    private void resetCarries() {
        started = false;
        isize = 0;
        checksum = 0;
        outputPending = false;
        inTrailer = false;
    }

    /**
     * Parses header bytes from {@code src} (consuming exactly the header's bytes).
     *
     * @return true once the header is complete
     * @throws io.warpdrive.comp.WdException a data status for a bad header
     */
    boolean parseHeader(ByteBuffer src) {
        try {
            return framing.parseHeader(input.of(src));
        } finally {
            input.of(null);
        }
    }

    /** @throws io.warpdrive.comp.WdException TRUNCATED_INPUT: the input ended inside the header */
    void checkHeaderComplete() {
        framing.checkHeaderComplete();
    }

    /** After a gzip member: {@code src} goes on with the magic of another member. */
    boolean nextMemberFollows(ByteBuffer src) {
        boolean follows = framing.nextMemberFollows(input.of(src));
        input.of(null);
        return follows;
    }

    /** After a member no other follows: as {@link MemberFraming#endsHere}. */
    boolean endsHere(ByteBuffer src, boolean lastInput) {
        boolean ends = framing.endsHere(input.of(src), lastInput);
        input.of(null);
        return ends;
    }

    /** "gzip member 2" or "zlib stream", for messages. */
    String where() {
        return framing.where();
    }

    /** Frees the native stream context. Idempotent; the device must no longer use it. */
    @Override
    public void close() {
        closed = true;
        if (memory != null) {
            memory.close();
            memory = null;
        }
    }
}
