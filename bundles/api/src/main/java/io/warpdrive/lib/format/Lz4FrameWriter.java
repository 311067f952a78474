package io.warpdrive.lib.format;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.nio.ByteBuffer;

/**
 * Writes LZ4 frames: the header, independent blocks compressed by the driver's
 * {@link Lz4BlockEngine} (a block that does not shrink is stored uncompressed), optional
 * block checksums, the end mark and the optional content checksum. A stateless request is
 * {@link #start}, {@link #writeHeader}, {@link #writeBlock} for each piece of at most
 * {@link #blockMaxSize()} bytes, {@link #writeEnd}; a stream flushes by writing the block
 * it has so far. Reusable; allocates nothing. Not thread-safe.
 *
 * @since 1.2
 */
public final class Lz4FrameWriter {
    /** The bytes a block may take beyond its data: the size field and the block checksum. */
    public static final int BLOCK_OVERHEAD = 8;
    /** The bytes the end of a frame may take: the end mark and the content checksum. */
    public static final int END_SIZE = 8;

    private final Lz4BlockEngine engine;
    private final ContentChecksum content;
    private int blockSizeCode = 4;
    private boolean blockChecksum;
    private boolean contentChecksum;
    private long contentSize = -1;
    private long written;

    public Lz4FrameWriter(Lz4BlockEngine engine) {
        this.engine = engine;
        this.content = new ContentChecksum(engine.contentHash());
    }

    /**
     * Starts a new frame.
     *
     * @param blockSizeCode 4 to 7: blocks of at most 64 KiB, 256 KiB, 1 MiB or 4 MiB
     * @param contentSize the frame's exact content size to declare, or -1 for none
     * @throws WdException INVALID_ARGUMENT for a code out of range
     */
    public void start(int blockSizeCode, boolean blockChecksum, boolean contentChecksum, long contentSize) {
        if (blockSizeCode < 4 || blockSizeCode > 7) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "LZ4 block size code " + blockSizeCode
                    + " is not one of 4 (64 KiB) to 7 (4 MiB)");
        }
        this.blockSizeCode = blockSizeCode;
        this.blockChecksum = blockChecksum;
        this.contentChecksum = contentChecksum;
        this.contentSize = contentSize;
        content.start(contentSize);
        written = 0;
    }

    /** The largest block {@link #writeBlock} takes. */
    public int blockMaxSize() {
        return Lz4Format.blockMaxSize(blockSizeCode);
    }

    /** The header's size: 7 bytes, 15 with a content size. */
    public int headerSize() {
        return contentSize >= 0 ? 15 : 7;
    }

    /**
     * Writes the frame header at {@code dst}'s position.
     *
     * @throws WdException OUTPUT_TOO_SMALL when {@code dst} has less than {@link #headerSize()} bytes left
     */
    public void writeHeader(ByteBuffer dst) {
        requireRoom(dst, headerSize(), "an LZ4 frame header");
        int start = dst.position();
        putInt(dst, Lz4Format.MAGIC);
        int flg = Lz4Format.FLG_VERSION | Lz4Format.FLG_BLOCK_INDEPENDENCE
                | (blockChecksum ? Lz4Format.FLG_BLOCK_CHECKSUM : 0)
                | (contentSize >= 0 ? Lz4Format.FLG_CONTENT_SIZE : 0)
                | (contentChecksum ? Lz4Format.FLG_CONTENT_CHECKSUM : 0);
        dst.put((byte) flg);
        dst.put((byte) (blockSizeCode << Lz4Format.BD_SIZE_SHIFT));
        if (contentSize >= 0) {
            putInt(dst, (int) contentSize);
            putInt(dst, (int) (contentSize >>> 32));
        }
        dst.put((byte) Lz4Format.headerChecksum(dst, start + 4, dst.position() - start - 4));
    }

    /**
     * Compresses {@code length} bytes of {@code src} from absolute {@code offset} into one
     * block at {@code dst}'s position; {@code src}'s position is left alone. A block takes
     * at most {@code length + BLOCK_OVERHEAD} bytes; less room is enough when the block
     * compresses into it.
     *
     * @throws WdException INVALID_ARGUMENT for a block over the maximum; OUTPUT_TOO_SMALL
     *         when the block does not fit into {@code dst} (nothing is written then)
     */
    public void writeBlock(ByteBuffer src, int offset, int length, ByteBuffer dst) {
        if (length > blockMaxSize() || length <= 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "an LZ4 block of " + length
                    + " bytes; blocks have 1 to " + blockMaxSize() + " bytes in this frame");
        }
        int at = dst.position();
        int data = at + 4;
        int room = dst.remaining() - 4 - (blockChecksum ? 4 : 0);
        // Only a block that shrinks is worth its compressed form.
        int n = room > 0 ? engine.compress(src, offset, length, dst, data, Math.min(length - 1, room)) : -1;
        int field;
        if (n < 0 || n >= length) {
            if (length > room) {
                throw new WdException(WdStatus.OUTPUT_TOO_SMALL, "an LZ4 block of " + length + " bytes does not fit"
                        + " into the " + dst.remaining() + " bytes of room left");
            }
            dst.put(data, src, offset, length);
            n = length;
            field = n | Lz4Format.BLOCK_STORED;
        } else {
            field = n;
        }
        putIntAt(dst, at, field);
        int end = data + n;
        if (blockChecksum) {
            putIntAt(dst, end, Xxh32.hash(dst, data, n, 0));
            end += 4;
        }
        dst.position(end);
        if (contentChecksum) {
            content.add(src, offset, length);
        }
        written += length;
    }

    /**
     * Writes the end mark and the content checksum.
     *
     * @throws WdException INVALID_STATE when the blocks do not add up to the declared content
     *         size; OUTPUT_TOO_SMALL when {@code dst} has less than {@link #endSize()} bytes left
     */
    public void writeEnd(ByteBuffer dst) {
        requireRoom(dst, endSize(), "the end of an LZ4 frame");
        if (contentSize >= 0 && written != contentSize) {
            throw new WdException(WdStatus.INVALID_STATE, "the LZ4 frame declared " + contentSize
                    + " bytes of content and got " + written);
        }
        putInt(dst, 0);
        if (contentChecksum) {
            putInt(dst, content.value());
        }
    }

    /** Bytes of content written into this frame so far. */
    public long written() {
        return written;
    }

    /** The most bytes a frame of {@code length} bytes of content takes with these settings. */
    public long frameBound(long length) {
        long blocks = Math.max(1, (length + blockMaxSize() - 1) / blockMaxSize());
        return headerSize() + length + blocks * BLOCK_OVERHEAD + END_SIZE;
    }

    /** The end mark and the content checksum: 4 or 8 bytes. */
    public int endSize() {
        return contentChecksum ? 8 : 4;
    }

    private static void requireRoom(ByteBuffer dst, int need, String what) {
        if (dst.remaining() < need) {
            throw new WdException(WdStatus.OUTPUT_TOO_SMALL, what + " needs " + need + " bytes of room, "
                    + dst.remaining() + " are left");
        }
    }

    private static void putInt(ByteBuffer dst, int value) {
        putIntAt(dst, dst.position(), value);
        dst.position(dst.position() + 4);
    }

    private static void putIntAt(ByteBuffer dst, int index, int value) {
        dst.put(index, (byte) value);
        dst.put(index + 1, (byte) (value >>> 8));
        dst.put(index + 2, (byte) (value >>> 16));
        dst.put(index + 3, (byte) (value >>> 24));
    }
}
