package io.warpdrive.lib.format;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What compresses and decompresses the LZ4 blocks of a frame for an {@link Lz4FrameWriter}
 * and an {@link Lz4FrameDecoder}: a CPU library (lz4-java) or a device. Blocks are
 * independent: neither call sees any data before its own block (the decoder decodes linked
 * blocks itself). Offsets are absolute and positions are left alone.
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
}
