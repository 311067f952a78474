package io.warpdrive.driver.isal;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.driver.isal.igzip.IgzipAbi;
import io.warpdrive.driver.isal.igzip.InflateState;
import io.warpdrive.lib.format.DeflateEngine;
import io.warpdrive.lib.format.FramedInput;
import io.warpdrive.lib.format.MemberDecoder;
import java.nio.ByteBuffer;

/**
 * One compressed stream being read: the platform's {@link MemberDecoder} parses and checks
 * the framing (headers, trailers, concatenated gzip members) and igzip decodes the raw
 * deflate data, computing the CRC-32 or Adler-32 of what it writes, as this class's
 * {@link DeflateEngine}. So every failure has the same status and message as on the other
 * drivers.
 *
 * <p>The input the decoder reads is bytes held back from an earlier request, then the
 * source: igzip reads a few bytes ahead, and when the deflate data ends those bytes are
 * given back (see {@link HeldInput}). Both stateless jobs ({@link #decodeAll}) and streams
 * ({@link #process}) run here. The native state is given, not owned.
 */
final class Decompressor implements DeflateEngine, FramedInput {
    /** Scratch memory of the state: held input is staged at 0, a probe writes at {@link #PROBE_AT}. */
    private static final int STAGE_MAX = InflateState.SCRATCH_SIZE - 8;
    private static final int PROBE_AT = InflateState.SCRATCH_SIZE - 8;

    private final InflateState state;
    private final AddressCache sourceAddress;
    private final AddressCache destinationAddress;
    private final HeldInput held = new HeldInput();
    private final MemberDecoder decoder = new MemberDecoder(this);

    /** Output of the current member, for the gzip trailer's ISIZE. */
    private long memberOutput;

    // The request being served.
    private ByteBuffer src;
    private ByteBuffer dst;
    /** Output the limit still allows. */
    private long allowance;

    Decompressor(InflateState state, AddressCache sourceAddress, AddressCache destinationAddress) {
        this.state = state;
        this.sourceAddress = sourceAddress;
        this.destinationAddress = destinationAddress;
    }

    /** Starts reading a new stream. */
    void start(Algorithm algorithm) {
        held.clear();
        decoder.start(algorithm);
    }

    /** Starts a new stream with the same algorithm. */
    void reset() {
        held.clear();
        decoder.reset();
    }

    /**
     * Stateless decompression: {@code source} is all the input there is, {@code destination}
     * must take all of the output.
     *
     * @throws WdException as {@link MemberDecoder#decodeAll}
     */
    void decodeAll(ByteBuffer source, ByteBuffer destination, long limit) {
        long room = destination.remaining();
        begin(source, destination, limit);
        try {
            decoder.decodeAll(this, room, limit);
        } finally {
            end();
        }
    }

    /**
     * Decompresses from {@code source} into {@code destination}, advancing both.
     *
     * @param lastInput no more input will come
     * @return as {@link MemberDecoder#decode}
     * @throws WdException as {@link MemberDecoder#decode}
     */
    boolean process(ByteBuffer source, ByteBuffer destination, boolean lastInput, long limit) {
        begin(source, destination, limit);
        try {
            return decoder.decode(this, lastInput, limit);
        } finally {
            end();
        }
    }

    private void begin(ByteBuffer source, ByteBuffer destination, long limit) {
        src = source;
        dst = destination;
        allowance = limit;
    }

    private void end() {
        src = null;
        dst = null;
    }

    /** Held input first, then the source. */
    @Override
    public ByteBuffer current() {
        return held.hasRemaining() ? held.buffer() : src.hasRemaining() ? src : null;
    }

    /** The unsigned byte {@code ahead} bytes on across held input and the source, or -1. */
    @Override
    public int peek(int ahead) {
        int heldBytes = held.buffer().remaining();
        if (ahead < heldBytes) {
            return held.peek(ahead);
        }
        int at = src.position() + ahead - heldBytes;
        return at < src.limit() ? src.get(at) & 0xff : -1;
    }

    @Override
    public void startMember(Algorithm algorithm) {
        state.reset();
        state.crcFlag(Framing.crcFlag(algorithm));
        state.anyWindow();
        memberOutput = 0;
    }

    /**
     * Runs igzip until the deflate data ends or neither input nor output moves on; a probe
     * writes into one byte of the state's scratch memory instead of the (full) destination.
     */
    @Override
    public Stop inflate(boolean probe) {
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
                throw failure(code);
            }
            int consumed = length - state.availIn();
            int produced = room - state.availOut();
            if (consumed < 0 || consumed > length || produced < 0 || produced > room) {
                throw new WdException(WdStatus.INTERNAL, "igzip reported " + consumed + " of " + length
                        + " input bytes consumed and " + produced + " of " + room + " output bytes produced");
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
            throw new WdException(WdStatus.INTERNAL, "igzip made no progress with " + length + " input bytes and "
                    + room + " bytes of room");
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

    private static WdException failure(int code) {
        if (code == IgzipAbi.ISAL_NEED_DICT) {
            return new WdException(WdStatus.UNSUPPORTED, "a preset dictionary is needed, which is not supported");
        }
        WdStatus status = code == IgzipAbi.ISAL_INCORRECT_CHECKSUM ? WdStatus.CHECKSUM_MISMATCH : WdStatus.CORRUPT_INPUT;
        return new WdException(status, IgzipAbi.inflateError(code));
    }

    /** The output limit, not the destination's end, stopped the output. */
    @Override
    public boolean limitReached() {
        return allowance == 0 && dst.hasRemaining();
    }

    @Override
    public int checksum() {
        return state.crc();
    }

    @Override
    public long memberOutput() {
        return memberOutput;
    }

    /** True when the last stream (or gzip member) has ended and no other has begun. */
    boolean isEnded() {
        return decoder.isEnded();
    }
}
