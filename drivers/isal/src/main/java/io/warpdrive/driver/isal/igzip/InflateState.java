package io.warpdrive.driver.isal.igzip;

import static io.warpdrive.driver.isal.igzip.IgzipAbi.*;

import java.nio.ByteBuffer;

/**
 * One igzip decompression state: a {@code struct inflate_state} in native memory allocated
 * once and freed by {@link #close()}, followed by a few bytes of scratch memory for input
 * the driver holds itself and for probing output. Fields are written and read through the
 * memory's view.
 */
public final class InflateState implements AutoCloseable {
    /** Scratch bytes after the struct (on their own cache line). */
    public static final int SCRATCH_SIZE = 64;
    private static final int SCRATCH_OFFSET = (INFLATE_STATE_SIZE + 63) & ~63;

    private final Igzip igzip;
    private final NativeMemory memory;
    private final ByteBuffer fields;
    private final long state;

    public InflateState(Igzip igzip) {
        this.igzip = igzip;
        this.memory = NativeMemory.allocate(igzip, SCRATCH_OFFSET + SCRATCH_SIZE);
        this.fields = memory.view();
        this.state = memory.address();
    }

    /** {@code isal_inflate_init}. */
    public void init() {
        igzip.inflateInit(state);
    }

    /** {@code isal_inflate_reset}: a new stream; {@code crc_flag} and {@code hist_bits} stay. */
    public void reset() {
        igzip.inflateReset(state);
    }

    /** {@link IgzipAbi#ISAL_DEFLATE}, {@link IgzipAbi#ISAL_GZIP_NO_HDR} or {@link IgzipAbi#ISAL_ZLIB_NO_HDR}. */
    public void crcFlag(int flag) {
        fields.putInt(IS_CRC_FLAG, flag);
    }

    /** Accept any window: {@code hist_bits} 0. */
    public void anyWindow() {
        fields.putInt(IS_HIST_BITS, 0);
    }

    public void input(long address, int length) {
        fields.putLong(IS_NEXT_IN, address);
        fields.putInt(IS_AVAIL_IN, length);
    }

    public void output(long address, int length) {
        fields.putLong(IS_NEXT_OUT, address);
        fields.putInt(IS_AVAIL_OUT, length);
    }

    public int availIn() {
        return fields.getInt(IS_AVAIL_IN);
    }

    public int availOut() {
        return fields.getInt(IS_AVAIL_OUT);
    }

    /** {@code block_state}: {@link IgzipAbi#ISAL_BLOCK_FINISH} once the deflate stream has ended. */
    public int blockState() {
        return fields.getInt(IS_BLOCK_STATE);
    }

    /** The CRC-32 or Adler-32 of the output so far, as the {@code crc_flag} asked. */
    public int crc() {
        return fields.getInt(IS_CRC);
    }

    /** {@code read_in}: bits read ahead of decoding, the next unused one lowest. */
    public long readIn() {
        return fields.getLong(IS_READ_IN);
    }

    /** How many bits of {@link #readIn()} are unused. */
    public int readInLength() {
        return fields.getInt(IS_READ_IN_LENGTH);
    }

    /** {@code isal_inflate}. */
    public int inflate() {
        return igzip.inflate(state);
    }

    /** The address of the {@link #SCRATCH_SIZE} scratch bytes. */
    public long scratchAddress() {
        return state + SCRATCH_OFFSET;
    }

    /** Writes a scratch byte. */
    public void scratch(int index, byte value) {
        fields.put(SCRATCH_OFFSET + index, value);
    }

    /** Reads a scratch byte. */
    public byte scratch(int index) {
        return fields.get(SCRATCH_OFFSET + index);
    }

    /** The struct, for the self-test. */
    ByteBuffer fields() {
        return fields;
    }

    /** Frees the native memory. Idempotent; the state must not be used afterwards. */
    @Override
    public void close() {
        memory.close();
    }
}
