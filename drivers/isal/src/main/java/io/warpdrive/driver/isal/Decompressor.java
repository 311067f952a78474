package io.warpdrive.driver.isal;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.driver.isal.igzip.IgzipAbi;
import io.warpdrive.driver.isal.igzip.InflateState;
import io.warpdrive.lib.format.GzipFormat;
import io.warpdrive.lib.format.GzipHeaderParser;
import io.warpdrive.lib.format.GzipTrailerReader;
import io.warpdrive.lib.format.ZlibHeaderParser;
import io.warpdrive.lib.format.ZlibTrailerReader;
import java.nio.ByteBuffer;

/**
 * One compressed stream being read: header, deflate data, trailer, and for gzip the
 * members that follow. igzip decodes the raw deflate data (computing the CRC-32 or
 * Adler-32 of what it writes); the header and trailer are parsed and checked here with the
 * shared {@code io.warpdrive.lib.format} parsers, so every failure has the same status and
 * message as on the other drivers.
 *
 * <p>Each phase consumes exactly its own bytes, so a stream may be fed in pieces of any
 * size, and what follows the end of a stream is left in the source. igzip reads a few bytes
 * ahead; when the deflate data ends, those bytes are given back (see {@link HeldInput}).
 * Both stateless jobs ({@link #decodeAll}) and streams ({@link #process}) run here. The
 * native state is given, not owned.
 */
final class Decompressor {
    private enum Phase { HEADER, BODY, TRAILER, ENDED }

    /** Why the deflate data stopped before its end. */
    private enum Stop { ENDED, OUTPUT_FULL, INPUT_EXHAUSTED }

    /** Scratch memory of the state: held input is staged at 0, a probe writes at {@link #PROBE_AT}. */
    private static final int STAGE_MAX = InflateState.SCRATCH_SIZE - 8;
    private static final int PROBE_AT = InflateState.SCRATCH_SIZE - 8;

    private final InflateState state;
    private final AddressCache sourceAddress;
    private final AddressCache destinationAddress;
    private final HeldInput held = new HeldInput();
    private final GzipHeaderParser gzipHeader = new GzipHeaderParser();
    private final GzipTrailerReader gzipTrailer = new GzipTrailerReader();
    private final ZlibHeaderParser zlibHeader = new ZlibHeaderParser();
    private final ZlibTrailerReader zlibTrailer = new ZlibTrailerReader();

    private Algorithm algorithm;
    private Phase phase;
    /** Members (streams) that have ended, for messages. */
    private long membersEnded;
    /** Output of the current member, for the gzip trailer's ISIZE. */
    private long memberOutput;

    // The request being served.
    private ByteBuffer src;
    private ByteBuffer dst;
    private long outputLimit;
    /** Output the limit still allows. */
    private long allowance;

    Decompressor(InflateState state, AddressCache sourceAddress, AddressCache destinationAddress) {
        this.state = state;
        this.sourceAddress = sourceAddress;
        this.destinationAddress = destinationAddress;
    }

    /** Starts reading a new stream. */
    void start(Algorithm algorithm) {
        this.algorithm = algorithm;
        membersEnded = 0;
        held.clear();
        startMember();
    }

    /** Starts a new stream with the same algorithm. */
    void reset() {
        start(algorithm);
    }

    private void startMember() {
        state.reset();
        state.crcFlag(Framing.crcFlag(algorithm));
        state.anyWindow();
        gzipHeader.reset();
        gzipTrailer.reset();
        zlibHeader.reset();
        zlibTrailer.reset();
        memberOutput = 0;
        phase = algorithm == Algorithm.DEFLATE ? Phase.BODY : Phase.HEADER;
    }

    /**
     * Stateless decompression: {@code src} is all the input there is, {@code dst} must take
     * all of the output.
     *
     * @throws WdException OUTPUT_TOO_SMALL when the destination is too small, and as
     *         {@link #process} otherwise
     */
    void decodeAll(ByteBuffer source, ByteBuffer destination, long limit) {
        long room = destination.remaining();
        if (!run(source, destination, true, true, limit)) {
            throw new WdException(WdStatus.OUTPUT_TOO_SMALL, "the destination's " + room
                    + " bytes are too small for the decompressed data of " + where());
        }
    }

    /**
     * Decompresses from {@code source} into {@code destination}, advancing both.
     *
     * @param lastInput no more input will come: a stream that has not ended by the end of
     *        {@code source} is truncated
     * @return true when a stream (a gzip member) ended exactly at the end of the input
     *         consumed; bytes after it that do not start another gzip member are left in
     *         {@code source}
     * @throws WdException CORRUPT_INPUT, TRUNCATED_INPUT, CHECKSUM_MISMATCH, UNSUPPORTED
     *         (preset dictionary) or OUTPUT_LIMIT_EXCEEDED
     */
    boolean process(ByteBuffer source, ByteBuffer destination, boolean lastInput, long limit) {
        return run(source, destination, lastInput, false, limit);
    }

    /** @param whole stateless: the destination is all the room there is */
    private boolean run(ByteBuffer source, ByteBuffer destination, boolean lastInput, boolean whole, long limit) {
        src = source;
        dst = destination;
        outputLimit = limit;
        allowance = limit;
        try {
            for (;;) {
                switch (phase) {
                    case HEADER:
                        if (!parseHeader()) {
                            return inputEnded(lastInput);
                        }
                        phase = Phase.BODY;
                        break;
                    case BODY:
                        Stop stop = inflateBody(false);
                        if (stop == Stop.OUTPUT_FULL) {
                            checkLimit();
                            if (!whole) {
                                return false;
                            }
                            // All the room there is is used: one byte more tells "too small" from "ends here".
                            stop = inflateBody(true);
                            if (stop == Stop.OUTPUT_FULL) {
                                return false;
                            }
                        }
                        if (stop == Stop.INPUT_EXHAUSTED) {
                            return inputEnded(lastInput);
                        }
                        if (algorithm == Algorithm.DEFLATE) {
                            phase = Phase.ENDED;
                            membersEnded++;
                        } else {
                            phase = Phase.TRAILER;
                        }
                        break;
                    case TRAILER:
                        if (!readTrailer()) {
                            return inputEnded(lastInput);
                        }
                        verifyTrailer();
                        phase = Phase.ENDED;
                        membersEnded++;
                        break;
                    case ENDED:
                        if (!nextMemberFollows()) {
                            return algorithm != Algorithm.GZIP || lastInput || !loneFirstMagicByte();
                        }
                        startMember();
                        break;
                    default:
                        throw new IllegalStateException("unknown phase " + phase);
                }
            }
        } finally {
            src = null;
            dst = null;
        }
    }

    private boolean parseHeader() {
        if (held.hasRemaining() && parseHeader(held.buffer())) {
            return true;
        }
        return parseHeader(src);
    }

    private boolean parseHeader(ByteBuffer from) {
        return algorithm == Algorithm.GZIP ? gzipHeader.parse(from) : zlibHeader.parse(from);
    }

    /**
     * Runs igzip until the deflate data ends or neither input nor output moves on.
     *
     * @param probe write into one byte of scratch memory instead of the destination (which
     *        is full): OUTPUT_FULL then means the data goes on
     */
    private Stop inflateBody(boolean probe) {
        for (;;) {
            long outAddress = probe ? state.scratchAddress() + PROBE_AT : destinationAddress.at(dst);
            int room = probe ? 1 : (int) Math.min(dst.remaining(), allowance);
            boolean fromHeld = held.hasRemaining();
            int length = fromHeld ? held.stage(state, 0, STAGE_MAX) : src.remaining();
            state.input(fromHeld ? state.scratchAddress() : sourceAddress.at(src), length);
            state.output(outAddress, room);
            int code = state.inflate();
            if (code != IgzipAbi.ISAL_DECOMP_OK) {
                // Before reading the counts: on an error igzip may leave them meaningless (an
                // avail_in of -1 was seen on a bad symbol near the end of the input).
                throw corrupt(code);
            }
            int consumed = length - state.availIn();
            int produced = room - state.availOut();
            if (consumed < 0 || consumed > length || produced < 0 || produced > room) {
                throw new WdException(WdStatus.INTERNAL, "igzip reported " + consumed + " of " + length
                        + " input bytes consumed and " + produced + " of " + room + " output bytes produced in "
                        + where());
            }
            if (fromHeld) {
                held.skip(consumed);
            } else {
                src.position(src.position() + consumed);
            }
            if (produced > 0) {
                if (probe) {
                    return Stop.OUTPUT_FULL;
                }
                dst.position(dst.position() + produced);
                allowance -= produced;
                memberOutput += produced;
            }
            if (state.blockState() == IgzipAbi.ISAL_BLOCK_FINISH) {
                giveBackReadAhead(fromHeld ? 0 : consumed);
                return Stop.ENDED;
            }
            if (consumed > 0 || produced > 0) {
                continue;
            }
            if (room == 0) {
                return Stop.OUTPUT_FULL;
            }
            if (!held.hasRemaining() && !src.hasRemaining()) {
                return Stop.INPUT_EXHAUSTED;
            }
            throw new WdException(WdStatus.INTERNAL, "igzip made no progress in " + where() + " with " + length
                    + " input bytes and " + room + " bytes of room");
        }
    }

    /**
     * The deflate data has ended: the whole bytes left unused in igzip's read-ahead are what
     * follows it. Those read from the source in the last call go back to the source; any
     * read earlier are held.
     */
    private void giveBackReadAhead(int consumedFromSource) {
        int bits = state.readInLength();
        int bytes = bits >>> 3;
        if (bytes == 0) {
            return;
        }
        long following = state.readIn() >>> (bits & 7);
        int toSource = Math.min(bytes, consumedFromSource);
        src.position(src.position() - toSource);
        held.prepend(following, bytes - toSource);
    }

    private boolean readTrailer() {
        if (held.hasRemaining() && readTrailer(held.buffer())) {
            return true;
        }
        return readTrailer(src);
    }

    private boolean readTrailer(ByteBuffer from) {
        return algorithm == Algorithm.GZIP ? gzipTrailer.read(from) : zlibTrailer.read(from);
    }

    private void verifyTrailer() {
        if (algorithm == Algorithm.GZIP) {
            gzipTrailer.verify(state.crc(), memberOutput);
        } else {
            zlibTrailer.verify(state.crc());
        }
    }

    /** After a gzip member: true when the input continues with the magic of another member. */
    private boolean nextMemberFollows() {
        return algorithm == Algorithm.GZIP && peek(0) == GzipFormat.ID1 && peek(1) == GzipFormat.ID2;
    }

    /**
     * The input ends with a single 0x1f after a member: the start of another member or one
     * byte of trailing data, which only more input can tell. It is left unconsumed.
     */
    private boolean loneFirstMagicByte() {
        return peek(0) == GzipFormat.ID1 && peek(1) < 0;
    }

    /** The unsigned byte {@code ahead} bytes on across held input and the source, or -1. */
    private int peek(int ahead) {
        int heldBytes = held.buffer().remaining();
        if (ahead < heldBytes) {
            return held.peek(ahead);
        }
        int at = src.position() + ahead - heldBytes;
        return at < src.limit() ? src.get(at) & 0xff : -1;
    }

    /** The input ran out before the stream ended: fine unless it was the last input. */
    private boolean inputEnded(boolean lastInput) {
        if (!lastInput) {
            return false;
        }
        switch (phase) {
            case HEADER:
                if (algorithm == Algorithm.GZIP) {
                    gzipHeader.checkComplete();
                } else {
                    zlibHeader.checkComplete();
                }
                break;
            case TRAILER:
                if (algorithm == Algorithm.GZIP) {
                    gzipTrailer.checkComplete();
                } else {
                    zlibTrailer.checkComplete();
                }
                break;
            default:
                break;
        }
        throw new WdException(WdStatus.TRUNCATED_INPUT, "input ended inside the deflate data of " + where()
                + " after " + memberOutput + " decompressed bytes");
    }

    /** The output stopped on the limit rather than the destination's end. */
    private void checkLimit() {
        if (allowance == 0 && dst.hasRemaining()) {
            throw new WdException(WdStatus.OUTPUT_LIMIT_EXCEEDED, "decompressed output would exceed the output"
                    + " limit of " + outputLimit + " bytes in " + where());
        }
    }

    private WdException corrupt(int code) {
        if (code == IgzipAbi.ISAL_NEED_DICT) {
            return new WdException(WdStatus.UNSUPPORTED, where() + " needs a preset dictionary, which is not supported");
        }
        WdStatus status = code == IgzipAbi.ISAL_INCORRECT_CHECKSUM ? WdStatus.CHECKSUM_MISMATCH : WdStatus.CORRUPT_INPUT;
        return new WdException(status, "corrupt deflate data in " + where() + ": " + IgzipAbi.inflateError(code));
    }

    private String where() {
        return algorithm == Algorithm.GZIP ? "gzip member " + (membersEnded + 1) : algorithm.uadkName() + " stream";
    }

    /** True when the last stream (or gzip member) has ended and no other has begun. */
    boolean isEnded() {
        return phase == Phase.ENDED;
    }
}
