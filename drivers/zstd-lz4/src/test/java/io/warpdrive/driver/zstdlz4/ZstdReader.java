package io.warpdrive.driver.zstdlz4;

import com.github.luben.zstd.ZstdDecompressCtx;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Reads as much of a zstd stream as is there, as a reader that has not seen its end would. */
final class ZstdReader {
    private ZstdReader() {
    }

    static byte[] readAvailable(byte[] compressed) {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocateDirect(compressed.length).put(compressed).flip();
        ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024);
        byte[] chunk = new byte[out.capacity()];
        try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
            do {
                out.clear();
                ctx.decompressDirectByteBufferStream(out, in);
                out.flip();
                int n = out.remaining();
                out.get(chunk, 0, n);
                decoded.write(chunk, 0, n);
            } while (in.hasRemaining() || out.position() == out.capacity());
        }
        return decoded.toByteArray();
    }
}
