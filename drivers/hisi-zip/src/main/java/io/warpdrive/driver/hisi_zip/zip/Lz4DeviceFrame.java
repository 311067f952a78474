package io.warpdrive.driver.hisi_zip.zip;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.format.Lz4BlockEngine;
import io.warpdrive.lib.format.Lz4FrameWriter;
import java.nio.ByteBuffer;

/**
 * What a job slot keeps for LZ4, made on its first LZ4 job and reused: the shared
 * {@link Lz4FrameWriter} over a block engine that is the device. The device compresses
 * asynchronously, straight into the frame where the writer puts the block's data; when its
 * completion comes the flow {@link #offer}s the block and the writer's synchronous
 * {@link #compress} call hands it over (or -1, and the writer stores the block).
 */
final class Lz4DeviceFrame implements Lz4BlockEngine {
    final Lz4FrameWriter writer = new Lz4FrameWriter(this);
    /** The device's block for the writer's next block: its length, or -1 for none. */
    private int blockLength = -1;
    /** Where in the destination the device wrote it. */
    private int blockAt;

    /** The device wrote a block of {@code length} bytes at {@code at} in the destination; -1: it wrote none. */
    void offer(int at, int length) {
        blockAt = at;
        blockLength = length;
    }

    @Override
    public int compress(ByteBuffer src, int offset, int length, ByteBuffer dst, int dstOffset, int room) {
        int n = blockLength;
        blockLength = -1;
        return n > 0 && dstOffset == blockAt && n <= room ? n : -1;
    }

    @Override
    public int decompress(ByteBuffer src, int offset, int length, ByteBuffer dst, int dstOffset, int room) {
        // the capability matrix lists no LZ4 decompression for hisi_zip: never asked
        throw new WdException(WdStatus.UNSUPPORTED, "the hisi_zip device does not decompress LZ4");
    }
}
