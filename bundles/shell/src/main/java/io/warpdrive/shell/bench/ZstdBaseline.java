package io.warpdrive.shell.bench;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import io.warpdrive.comp.Operation;
import java.nio.ByteBuffer;

/**
 * zstd's baseline: zstd-jni's reusable context called directly on direct buffers, with the
 * platform's zstd settings (the level, a content checksum; the content size is declared).
 */
final class ZstdBaseline implements Baseline {
    private final Operation operation;
    private final ZstdCompressCtx compressor;
    private final ZstdDecompressCtx decompressor;

    ZstdBaseline(Operation operation, int level) {
        this.operation = operation;
        compressor = operation == Operation.COMPRESS ? new ZstdCompressCtx().setLevel(level).setChecksum(true) : null;
        decompressor = operation == Operation.DECOMPRESS ? new ZstdDecompressCtx() : null;
    }

    @Override
    public int run(ByteBuffer in, ByteBuffer out) {
        int n = operation == Operation.COMPRESS
                ? compressor.compressDirectByteBuffer(out, out.position(), out.remaining(), in, in.position(),
                        in.remaining())
                : decompressor.decompressDirectByteBuffer(out, out.position(), out.remaining(), in, in.position(),
                        in.remaining());
        in.position(in.limit());
        out.position(out.position() + n);
        return n;
    }

    static byte[] compress(int level, byte[] data) {
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            return ctx.setLevel(level).setChecksum(true).compress(data);
        }
    }

    @Override
    public void close() {
        if (compressor != null) {
            compressor.close();
        }
        if (decompressor != null) {
            decompressor.close();
        }
    }
}
