package io.warpdrive.lib.format;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/** lz4-java's pure-Java block codec as the frame tests' engine. */
final class Lz4TestEngine implements Lz4BlockEngine {
    private final LZ4Compressor compressor = LZ4Factory.safeInstance().fastCompressor();
    private final LZ4SafeDecompressor decompressor = LZ4Factory.safeInstance().safeDecompressor();

    @Override
    public int compress(ByteBuffer src, int offset, int length, ByteBuffer dst, int dstOffset, int room) {
        try {
            return compressor.compress(src, offset, length, dst, dstOffset, room);
        } catch (LZ4Exception e) {
            return -1;
        }
    }

    @Override
    public int decompress(ByteBuffer src, int offset, int length, ByteBuffer dst, int dstOffset, int room) {
        try {
            return decompressor.decompress(src, offset, length, dst, dstOffset, room);
        } catch (LZ4Exception e) {
            throw new WdException(WdStatus.CORRUPT_INPUT, "malformed LZ4 block: " + e.getMessage(), e);
        }
    }
}
