package io.warpdrive.driver.isal.igzip;

import static io.warpdrive.driver.isal.igzip.IgzipAbi.*;

import java.nio.ByteBuffer;

/**
 * One igzip compression stream: a {@code struct isal_zstream} and the level buffer igzip
 * levels 1 to 3 need, in one block of native memory allocated once and freed by
 * {@link #close()}. Fields are written and read through the block's view, so nothing here
 * calls into native code but the igzip functions themselves.
 */
public final class ZStream implements AutoCloseable {
    /** The level buffer starts on a cache line after the struct. */
    private static final int LEVEL_BUF_OFFSET = (ZSTREAM_SIZE + 63) & ~63;

    private final Igzip igzip;
    private final NativeMemory memory;
    private final ByteBuffer fields;
    private final long stream;
    private final int levelBufCapacity;

    /**
     * @param levelBufCapacity room for the level buffer: {@link IgzipAbi#levelBufSize} of the
     *        highest level this stream will use (0 for level 0 only)
     */
    public ZStream(Igzip igzip, int levelBufCapacity) {
        this.igzip = igzip;
        this.levelBufCapacity = levelBufCapacity;
        this.memory = NativeMemory.allocate(igzip, LEVEL_BUF_OFFSET + levelBufCapacity);
        this.fields = memory.view();
        this.stream = memory.address();
    }

    /** {@code isal_deflate_init}: a new stream. Set the parameters afterwards. */
    public void init() {
        igzip.deflateInit(stream);
    }

    /** {@code isal_deflate_stateless_init}: ready for one stateless call. Set the parameters afterwards. */
    public void initStateless() {
        igzip.deflateStatelessInit(stream);
    }

    /**
     * Sets what the whole stream uses; before its first {@link #deflate()}.
     *
     * @param level igzip level 0..3 (its level buffer must fit)
     * @param gzipFlag {@link IgzipAbi#IGZIP_DEFLATE}, {@link IgzipAbi#IGZIP_GZIP_NO_HDR} or {@link IgzipAbi#IGZIP_ZLIB_NO_HDR}
     * @param histBits log2 of the window, 0 for igzip's 32 KiB
     */
    public void parameters(int level, int gzipFlag, int histBits) {
        int levelBuf = levelBufSize(level);
        if (levelBuf > levelBufCapacity) {
            throw new IllegalArgumentException("igzip level " + level + " needs a level buffer of " + levelBuf
                    + " bytes; this stream has " + levelBufCapacity);
        }
        fields.putInt(ZS_LEVEL, level);
        fields.putInt(ZS_LEVEL_BUF_SIZE, levelBuf);
        fields.putLong(ZS_LEVEL_BUF, levelBuf == 0 ? 0 : stream + LEVEL_BUF_OFFSET);
        fields.putShort(ZS_GZIP_FLAG, (short) gzipFlag);
        fields.putShort(ZS_HIST_BITS, (short) histBits);
    }

    /**
     * {@code isal_deflate_set_dict}: after {@link #init()} and {@link #parameters}, before
     * the first {@link #deflate()}; igzip copies the bytes.
     *
     * @return {@link IgzipAbi#COMP_OK} or igzip's error
     */
    public int dictionary(long address, int length) {
        return igzip.deflateSetDict(stream, address, length);
    }

    public void input(long address, int length) {
        fields.putLong(ZS_NEXT_IN, address);
        fields.putInt(ZS_AVAIL_IN, length);
    }

    public void output(long address, int length) {
        fields.putLong(ZS_NEXT_OUT, address);
        fields.putInt(ZS_AVAIL_OUT, length);
    }

    /** {@link IgzipAbi#NO_FLUSH}, {@link IgzipAbi#SYNC_FLUSH} or {@link IgzipAbi#FULL_FLUSH}. */
    public void flush(int flush) {
        fields.putShort(ZS_FLUSH, (short) flush);
    }

    /** The input given is the last. */
    public void endOfStream(boolean last) {
        fields.putShort(ZS_END_OF_STREAM, (short) (last ? 1 : 0));
    }

    public int availIn() {
        return fields.getInt(ZS_AVAIL_IN);
    }

    public int availOut() {
        return fields.getInt(ZS_AVAIL_OUT);
    }

    /** {@code internal_state.state}: {@link IgzipAbi#ZSTATE_END} once the stream is complete. */
    public int state() {
        return fields.getInt(ZS_STATE);
    }

    /** {@code isal_deflate}. */
    public int deflate() {
        return igzip.deflate(stream);
    }

    /** {@code isal_deflate_stateless}. */
    public int deflateStateless() {
        return igzip.deflateStateless(stream);
    }

    /** The struct, for the self-test. */
    ByteBuffer fields() {
        return fields;
    }

    /** Frees the native memory. Idempotent; the stream must not be used afterwards. */
    @Override
    public void close() {
        memory.close();
    }
}
