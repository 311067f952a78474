package io.warpdrive.testing.conformance;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdInputStream;
import io.warpdrive.comp.Algorithm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The codecs a driver's output is checked against and whose output a driver must read: java.util.zip
 * ({@link JdkZip}) for the deflate family, zstd-jni for zstd (checksummed frames with the content
 * size, as the zstd tool writes them), lz4-java's frame streams for LZ4 (independent 64 KiB
 * blocks, block and content checksums, the content size; levels 3 and above HC).
 */
public final class ReferenceCodecs {
    private ReferenceCodecs() {
    }

    public static byte[] compress(Algorithm algorithm, int level, byte[] data) {
        if (algorithm == Algorithm.ZSTD) {
            try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
                return ctx.setLevel(level).setChecksum(true).compress(data);
            }
        }
        if (algorithm == Algorithm.LZ4) {
            return lz4(level, data);
        }
        return JdkZip.compress(algorithm, level, data);
    }

    /** Decompresses every frame (every gzip member) of {@code compressed}. */
    public static byte[] decompress(Algorithm algorithm, byte[] compressed) throws IOException {
        if (algorithm == Algorithm.ZSTD) {
            try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(compressed))) {
                return in.readAllBytes();
            }
        }
        if (algorithm == Algorithm.LZ4) {
            try (InputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(compressed))) {
                return in.readAllBytes();
            }
        }
        return JdkZip.decompress(algorithm, compressed);
    }

    /** The algorithms the reference codecs serve: the kit tests a driver in those it claims. */
    public static boolean serves(Algorithm algorithm) {
        return algorithm.isDeflateFamily() || algorithm == Algorithm.ZSTD || algorithm == Algorithm.LZ4;
    }

    private static byte[] lz4(int level, byte[] data) {
        LZ4Factory factory = LZ4Factory.fastestInstance();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                data.length, level < 3 ? factory.fastCompressor() : factory.highCompressor(level),
                XXHashFactory.fastestInstance().hash32(), LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
                LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM, LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE,
                LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
