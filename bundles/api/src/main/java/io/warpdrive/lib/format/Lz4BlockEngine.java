package io.warpdrive.lib.format;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What compresses and decompresses the LZ4 blocks of a frame for an {@link Lz4FrameWriter}
 * and an {@link Lz4FrameDecoder}: a CPU library (lz4-java) or a device. Blocks are
 * independent: neither call sees any data before its own block (the decoder decodes linked
 * blocks itself). Offsets are absolute and positions are left alone. It also offers the
 * frames' content hash ({@link #contentHash}).
 *
 * @since 1.2
 */
@ConsumerType
public interface Lz4BlockEngine {

    /**
     * Compresses {@code length} bytes of {@code src} from {@code offset} into {@code dst}
     * from {@code dstOffset}, in at most {@code room} bytes.
     *
     * @return the block's compressed length, or -1 when it needs more than {@code room}
     *         bytes (the writer then stores the block uncompressed)
     */
    int compress(ByteBuffer src, int offset, int length, ByteBuffer dst, int dstOffset, int room);

    /**
     * Decompresses one block of {@code length} bytes of {@code src} from {@code offset} into
     * {@code dst} from {@code dstOffset}.
     *
     * @param room the most bytes the block may decompress to (the frame's block maximum)
     * @return the decompressed length
     * @throws io.warpdrive.comp.WdException CORRUPT_INPUT for a malformed block or one that
     *         decompresses to more than {@code room}
     */
    int decompress(ByteBuffer src, int offset, int length, ByteBuffer dst, int dstOffset, int room);

    /**
     * A new hash for the content checksums of the frames one writer or decoder handles (each
     * asks once, when it is made): the library's XXH32 where the engine has a faster one than
     * {@link Xxh32}, which is the default.
     *
     * @since 1.3
     */
    default Lz4ContentHash contentHash() {
        return new Xxh32();
    }
}
