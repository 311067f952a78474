package io.warpdrive.testing.conformance;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdInputStream;
import io.warpdrive.comp.Algorithm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The codecs a driver's output is checked against and whose output a driver must read: java.util.zip
 * ({@link JdkZip}) for the deflate family, zstd-jni for zstd (checksummed frames with the content
 * size, as the zstd tool writes them).
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
        return JdkZip.compress(algorithm, level, data);
    }

    /** Decompresses every frame (every gzip member) of {@code compressed}. */
    public static byte[] decompress(Algorithm algorithm, byte[] compressed) throws IOException {
        if (algorithm == Algorithm.ZSTD) {
            try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(compressed))) {
                return in.readAllBytes();
            }
        }
        return JdkZip.decompress(algorithm, compressed);
    }

    /** The algorithms the reference codecs serve: the kit tests a driver in those it claims. */
    public static boolean serves(Algorithm algorithm) {
        return algorithm.isDeflateFamily() || algorithm == Algorithm.ZSTD;
    }
}
